# switch_to(prev_sp_ptr = rdi, next_sp = rsi): callee-saved registers on the stack, in GAS Intel syntax.
.intel_syntax noprefix
.text
.global switch_to
switch_to:
    push rbp
    push rbx
    push r12
    push r13
    push r14
    push r15
    pushfq
    mov [rdi], rsp
    mov rsp, rsi
    popfq
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret
.global thread_start
thread_start:
    mov rdi, r12
    call r13
    mov rdi, rax
    call qword ptr [rip + exit_hook]
    ud2
current:
    mov rax, qword ptr fs:0
    mov rax, fs:[rax + 8]
    mov rcx, current_task
    mov rdx, offset current_task
    lea r8, [rip + current_task]
    mov r9, [rip + current_task]
    ret
.data
.p2align 3
exit_hook: .quad thread_start
current_task: .quad 0
