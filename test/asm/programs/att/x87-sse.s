# Floating point: x87 with AT&T memory suffixes and the reversed fsub/fdiv spellings, SSE moves and arithmetic.
        .code64
        .text
x87:
        finit
        flds    one(%rip)
        fldl    two(%rip)
        fldt    ten(%rip)
        faddp
        fsubp   %st, %st(1)
        fsubrp  %st, %st(1)
        fdivp   %st, %st(1)
        fdivrp  %st, %st(2)
        fsub    %st, %st(1)
        fsub    %st(1), %st
        fdivr   %st(2), %st
        fmul    %st(3), %st
        fxch    %st(1)
        fcomip  %st(1), %st
        fucomi  %st(2), %st
        fildl   four(%rip)
        fildll  eight(%rip)
        filds   half(%rip)
        fistpl  tmp(%rip)
        fisttpll tmp(%rip)
        fstps   tmp(%rip)
        fstpl   tmp(%rip)
        fstpt   tmp(%rip)
        fnstsw  %ax
        fnstcw  tmp(%rip)
        fldcw   tmp(%rip)
        fwait
        fsqrt
        fchs
        ret
sse:
        movaps  (%rdi), %xmm0
        movups  16(%rdi), %xmm1
        addps   %xmm1, %xmm0
        mulss   one(%rip), %xmm0
        cvtsi2sdl %eax, %xmm2
        cvtsi2sdq (%rsi), %xmm3
        cvttsd2si %xmm3, %rax
        movq    %xmm0, %rax
        movq    %rax, %xmm4
        movd    %xmm4, %ecx
        pxor    %xmm5, %xmm5
        pshufd  $0x1b, %xmm0, %xmm6
        movdqa  %xmm6, (%rdi)
        ldmxcsr tmp(%rip)
        stmxcsr tmp(%rip)
        ret
        .data
        .balign 16
one:    .float  1.0
two:    .double 2.5
ten:    .tfloat 10.0
four:   .long   4
eight:  .quad   8
half:   .short  2
tmp:    .zero   16
        .single 3.25, -0.5
        .double 1e10
