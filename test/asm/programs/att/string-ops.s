# Block copies and atomics: rep prefixes (also as rep; stosb), lock, string suffixes, sign/zero extension.
        .code64
        .text
memcpy:
        movq    %rdi, %rax
        movq    %rdx, %rcx
        shrq    $3, %rcx
        andl    $7, %edx
        rep movsq
        movl    %edx, %ecx
        rep; movsb
        ret
memset:
        movq    %rdi, %r9
        movzbl  %sil, %eax
        movabs  $0x0101010101010101, %r8
        imulq   %r8, %rax
        movq    %rdx, %rcx
        shrq    $3, %rcx
        rep stosq
        movl    %edx, %ecx
        andl    $7, %ecx
        rep stosb
        movq    %r9, %rax
        ret
strlen:
        xorl    %eax, %eax
        movq    $-1, %rcx
        repne scasb
        notq    %rcx
        leaq    -1(%rcx), %rax
        ret
spin_lock:
1:      movl    $1, %eax
        xchgl   %eax, (%rdi)
        testl   %eax, %eax
        jnz     2f
        ret
2:      pause
        cmpl    $0, (%rdi)
        jne     2b
        jmp     1b
atomic_add:
        lock xaddl %esi, (%rdi)
        lock incq counter(%rip)
        lock; cmpxchgq %rsi, (%rdi)
        ret
conversions:
        movsbl  (%rdi), %eax
        movswq  2(%rdi), %rcx
        movzwl  %ax, %edx
        movslq  %edx, %r10
        cltq
        cqto
        cwtl
        cbtw
        movsbw  %al, %ax
        setne   %al
        cmovzq  %rcx, %rdx
        bsfq    %rdx, %rcx
        bswapl  %eax
        ret
        .data
counter: .quad 0
message: .asciz "hello, world\n"
         .string "second"
         .ascii "no terminator"
         .balign 8
table:   .short 1, 2, 3
         .long message, table - message
         .byte 'a', '\n, 0x7f
