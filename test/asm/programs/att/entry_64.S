/*
 * System call entry in the style of Linux arch/x86/entry/entry_64.S:
 * SWAPGS, switch to the kernel stack, build struct pt_regs, call the
 * handler, restore and SYSRET.
 */
#define __USER_DS       0x2b
#define __USER_CS       0x33
#define TSS_sp0         4
#define PER_CPU_VAR(x)  %gs:x
#define cpu_tss_rw      0
#define cpu_current_top_of_stack 0x10
#define ORIG_RAX        15*8

.macro PUSH_AND_CLEAR_REGS rdx=%rdx rax=%rax save_ret=0
        .if \save_ret
        pushq   %rsi            /* pt_regs->si */
        movq    8(%rsp), %rsi   /* temporarily store the return address in %rsi */
        movq    %rdi, 8(%rsp)   /* pt_regs->di (overwriting original return address) */
        .else
        pushq   %rdi            /* pt_regs->di */
        pushq   %rsi            /* pt_regs->si */
        .endif
        pushq   \rdx            /* pt_regs->dx */
        pushq   %rcx            /* pt_regs->cx */
        pushq   \rax            /* pt_regs->ax */
        pushq   %r8             /* pt_regs->r8 */
        pushq   %r9             /* pt_regs->r9 */
        pushq   %r10            /* pt_regs->r10 */
        pushq   %r11            /* pt_regs->r11 */
        pushq   %rbx            /* pt_regs->rbx */
        pushq   %rbp            /* pt_regs->rbp */
        pushq   %r12            /* pt_regs->r12 */
        pushq   %r13            /* pt_regs->r13 */
        pushq   %r14            /* pt_regs->r14 */
        pushq   %r15            /* pt_regs->r15 */
        xorl    %esi, %esi      /* nospec   si  */
        xorl    %r8d, %r8d      /* nospec   r8  */
        xorl    %r9d, %r9d      /* nospec   r9  */
        xorl    %r10d, %r10d    /* nospec   r10 */
        xorl    %r11d, %r11d    /* nospec   r11 */
        xorl    %ebx, %ebx      /* nospec   rbx */
        xorl    %ebp, %ebp      /* nospec   rbp */
        xorl    %r12d, %r12d    /* nospec   r12 */
        xorl    %r13d, %r13d    /* nospec   r13 */
        xorl    %r14d, %r14d    /* nospec   r14 */
        xorl    %r15d, %r15d    /* nospec   r15 */
.endm

.macro POP_REGS pop_rdi=1
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %rbp
        popq %rbx
        popq %r11
        popq %r10
        popq %r9
        popq %r8
        popq %rax
        popq %rcx
        popq %rdx
        popq %rsi
        .if \pop_rdi
        popq %rdi
        .endif
.endm

        .text
        .p2align 4
        .globl entry_SYSCALL_64
        .type entry_SYSCALL_64, @function
entry_SYSCALL_64:
        .cfi_startproc
        swapgs
        /* tss.sp2 is scratch space. */
        movq    %rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp0 + 16)
        movq    PER_CPU_VAR(cpu_current_top_of_stack), %rsp

        /* Construct struct pt_regs on stack */
        pushq   $__USER_DS                              /* pt_regs->ss */
        pushq   PER_CPU_VAR(cpu_tss_rw + TSS_sp0 + 16)  /* pt_regs->sp */
        pushq   %r11                                    /* pt_regs->flags */
        pushq   $__USER_CS                              /* pt_regs->cs */
        pushq   %rcx                                    /* pt_regs->ip */
        pushq   %rax                                    /* pt_regs->orig_ax */

        PUSH_AND_CLEAR_REGS rax=$-38

        /* IRQs are off. */
        movq    %rax, %rdi
        movq    %rsp, %rsi
        movslq  %eax, %rsi
        call    do_syscall_64           /* returns with IRQs disabled */

        movq    ORIG_RAX(%rsp), %rcx
        cmpq    $__USER_CS, 17*8(%rsp)
        jne     1f
        POP_REGS pop_rdi=0
        movq    %rsp, %rdi
        movq    PER_CPU_VAR(cpu_tss_rw + TSS_sp0 + 16), %rsp
        pushq   (%rdi)
        popq    %rdi
        swapgs
        sysretq
1:
        POP_REGS
        addq    $8, %rsp
        iretq
        .cfi_endproc
        .size entry_SYSCALL_64, .-entry_SYSCALL_64

        .p2align 4
do_syscall_64:
        leaq    sys_call_table(%rip), %r8
        cmpq    $NR_syscalls, %rdi
        jae     2f
        call    *(%r8,%rdi,8)
        movq    %rax, 10*8(%rsi)
2:      ret

sys_noop:
        xorl    %eax, %eax
        ret

        .section .rodata
        .p2align 3
sys_call_table:
        .rept 4
        .quad sys_noop
        .endr
NR_syscalls = (. - sys_call_table) / 8
