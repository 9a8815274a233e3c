; A context switch: saves the general registers of the current task into its GeneralRegs block and loads the next.
        bits 64
        default rel

struc GeneralRegs
    .rax:   resq 1
    .rbx:   resq 1
    .rcx:   resq 1
    .rdx:   resq 1
    .rsi:   resq 1
    .rdi:   resq 1
    .rbp:   resq 1
    .rsp:   resq 1
    .r8:    resq 1
    .r9:    resq 1
    .r10:   resq 1
    .r11:   resq 1
    .r12:   resq 1
    .r13:   resq 1
    .r14:   resq 1
    .r15:   resq 1
    .rip:   resq 1
    .rflags: resq 1
endstruc

%macro SAVE 1
        mov [rdi + GeneralRegs.%1], %1
%endmacro
%macro LOAD 1
        mov %1, [rsi + GeneralRegs.%1]
%endmacro

        global switch_to
; rdi = current task's GeneralRegs, rsi = next task's GeneralRegs
switch_to:
        SAVE rax
        SAVE rbx
        SAVE rcx
        SAVE rdx
        SAVE rbp
        SAVE r8
        SAVE r9
        SAVE r10
        SAVE r11
        SAVE r12
        SAVE r13
        SAVE r14
        SAVE r15
        mov [rdi + GeneralRegs.rsi], rsi
        mov [rdi + GeneralRegs.rdi], rdi
        lea rax, [rsp + 8]
        mov [rdi + GeneralRegs.rsp], rax
        mov rax, [rsp]
        mov [rdi + GeneralRegs.rip], rax
        pushfq
        pop qword [rdi + GeneralRegs.rflags]

        push qword [rsi + GeneralRegs.rflags]
        popfq
        LOAD rbx
        LOAD rcx
        LOAD rdx
        LOAD rbp
        LOAD r8
        LOAD r9
        LOAD r10
        LOAD r11
        LOAD r12
        LOAD r13
        LOAD r14
        LOAD r15
        mov rsp, [rsi + GeneralRegs.rsp]
        push qword [rsi + GeneralRegs.rip]
        mov rax, [rsi + GeneralRegs.rax]
        mov rdi, [rsi + GeneralRegs.rdi]
        mov rsi, [rsi + GeneralRegs.rsi]
        ret

task_a: times GeneralRegs_size db 0
task_b: times GeneralRegs_size db 0
current: dq task_a
