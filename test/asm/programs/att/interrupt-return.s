# Entering ring 3 with iretq and sysretq, far returns, MSR set-up for SYSCALL, and flags handling.
        .code64
        .set USER_CS, 0x23
        .set USER_DS, 0x1b
        .set MSR_STAR, 0xc0000081
        .set MSR_LSTAR, 0xc0000082
        .set MSR_FMASK, 0xc0000084
        .text
enter_user:
        pushq   $USER_DS
        pushq   %rsi
        pushfq
        orq     $0x200, (%rsp)
        pushq   $USER_CS
        pushq   %rdi
        iretq
setup_syscall:
        movl    $MSR_STAR, %ecx
        xorl    %eax, %eax
        movl    $((0x13 << 16) | 0x08), %edx
        wrmsr
        movl    $MSR_LSTAR, %ecx
        leaq    syscall_entry(%rip), %rax
        movq    %rax, %rdx
        shrq    $32, %rdx
        wrmsr
        movl    $MSR_FMASK, %ecx
        movl    $0x200, %eax
        xorl    %edx, %edx
        wrmsr
        ret
syscall_entry:
        swapgs
        movq    %rsp, %gs:8
        movq    %gs:0, %rsp
        pushq   %rcx
        pushq   %r11
        callq   *handler_table(,%rax,8)
        popq    %r11
        popq    %rcx
        movq    %gs:8, %rsp
        swapgs
        sysretq
far_return:
        lretq
        lretl
        lret    $8
        popfq
        pushfw
        cli
        sti
        hlt
        int3
        int     $0x80
        ud2
        rdtsc
        cpuid
        invlpg  (%rdi)
        movq    %cr3, %rax
        movq    %rax, %cr3
        movq    %cr2, %rdx
        movq    %dr7, %rax
        wbinvd
        clts
        ret
        .data
        .p2align 3
handler_table:
        .quad far_return, enter_user
