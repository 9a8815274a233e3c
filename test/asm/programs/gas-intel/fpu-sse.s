# x87 and SSE in GAS Intel syntax: sized memory operands, st(i) registers, packed and scalar moves.
.intel_syntax noprefix
.text
x87:
    finit
    fld dword ptr [rip + one]
    fld qword ptr [rip + two]
    fld tbyte ptr [rip + ten]
    faddp st(1), st
    fsubp st(1), st
    fsubrp st(1), st
    fdivp st(2), st
    fsub st(1), st
    fsub st, st(1)
    fmul st, st(3)
    fxch st(1)
    fcomip st, st(1)
    fild dword ptr [rip + four]
    fild qword ptr [rip + eight]
    fistp dword ptr [rip + tmp]
    fstp qword ptr [rip + tmp]
    fnstsw ax
    fnstcw word ptr [rip + tmp]
    fsqrt
    ret
sse:
    movaps xmm0, xmmword ptr [rdi]
    movups xmm1, [rdi + 16]
    addps xmm0, xmm1
    mulss xmm0, dword ptr [rip + one]
    cvtsi2sd xmm2, eax
    cvtsi2sd xmm3, qword ptr [rsi]
    cvttsd2si rax, xmm3
    movq rax, xmm0
    movd ecx, xmm4
    pxor xmm5, xmm5
    pshufd xmm6, xmm0, 0x1b
    movdqa [rdi], xmm6
    ret
.data
.p2align 4
one: .float 1.0
two: .double 2.5
ten: .tfloat 10.0
four: .long 4
eight: .quad 8
tmp: .zero 16
