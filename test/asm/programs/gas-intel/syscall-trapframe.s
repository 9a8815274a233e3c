# Returning to user mode and back in the style of trapframe-rs (x86_64 syscall.S): GeneralRegs saved on the kernel stack.
.intel_syntax noprefix

.macro SAVE_KERNEL_STACK
    mov gs:12, rsp
.endm
.macro SWITCH_TO_KERNEL_STACK
    mov rsp, gs:12
.endm
.macro POP_USER_FSBASE
    mov ecx, 0xC0000100
    mov edx, [rsp + 18*8+4]
    mov eax, [rsp + 18*8]
    wrmsr
.endm
.macro PUSH_USER_FSBASE
    mov ecx, 0xC0000100
    rdmsr
    mov [rsp + 18*8+4], edx
    mov [rsp + 18*8], eax
.endm

    .text
    .global syscall_fn_entry
    .global syscall_fn_return
syscall_fn_return:
    # save callee-saved registers
    push r15
    push r14
    push r13
    push r12
    push rbp
    push rbx
    push rdi
    SAVE_KERNEL_STACK
    mov rsp, rdi
    POP_USER_FSBASE
    # pop trap frame (struct GeneralRegs)
    pop rax
    pop rbx
    pop rcx
    pop rdx
    pop rsi
    pop rdi
    pop rbp
    pop r8                  # skip rsp
    pop r8
    pop r9
    pop r10
    pop r11
    pop r12
    pop r13
    pop r14
    pop r15
    pop r11                 # r11 = rip. FIXME: don't overwrite r11!
    pop rcx                 # rcx = rflags
    mov rsp, [rsp - 8*11]   # restore rsp
    xchg rcx, r11           # swap rcx and r11
    swapgs
    sysretq

syscall_fn_entry:
    # swap in kernel gs
    swapgs
    # save user stack
    mov gs:4, rsp
    SWITCH_TO_KERNEL_STACK
    pop rsp
    lea rsp, [rsp + 20*8]   # rsp = top of trap frame
    # push trap frame
    push r11                # push rflags
    push rcx                # push rip
    push r15
    push r14
    push r13
    push r12
    push r11
    push r10
    push r9
    push r8
    push qword ptr gs:4     # push rsp
    push rbp
    push rdi
    push rsi
    push rdx
    push rcx
    push rbx
    push rax
    PUSH_USER_FSBASE
    # restore callee-saved registers
    SWITCH_TO_KERNEL_STACK
    pop rbx
    pop rbx
    pop rbp
    pop r12
    pop r13
    pop r14
    pop r15
    ret
