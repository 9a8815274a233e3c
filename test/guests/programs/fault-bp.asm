; #BP: INT3 (CC) and INT 3 (CD 03) are traps: the handler sees vector 3 with RIP after the instruction and returns there, registers and flags intact.
bits 64
org 0x100000
%include "lib.inc"

_start:
    IDT_INSTALL
    mov rax, 0x1111
    mov rbx, 0x2222
    mov r15, 0x3333
    stc                         ; CF=1 must survive the handler's IRETQ
    int3
.after_int3:
    setc cl
    movzx ecx, cl
    CHECKD rcx, 1, "int3-flags-restored"
    CHECKD EXC_VEC, 3, "int3-vector"
    mov rdx, EXC_RIP
    sub rdx, .after_int3
    CHECKS rdx, 0, "int3-rip-is-next-instruction"
    CHECK rax, 0x1111, "int3-rax-intact"
    CHECK rbx, 0x2222, "int3-rbx-intact"
    CHECK r15, 0x3333, "int3-r15-intact"

    int 3                       ; the two-byte form
.after_int_3:
    CHECKD EXC_VEC, 3, "int-3-vector"
    mov rdx, EXC_RIP
    sub rdx, .after_int_3
    CHECKS rdx, 0, "int-3-rip-is-next-instruction"

    ; breakpoints in a loop and in a called function: the handler returns each time
    mov ecx, 5
    xor eax, eax
.loop:
    int3
    inc eax
    loop .loop
    CHECKD rax, 5, "loop-with-int3-iterations"
    mov r12, rsp
    call with_breakpoint
    mov rdx, rsp
    sub rdx, r12
    CHECKS rdx, 0, "call-with-int3-stack-balanced"
    CHECKD rax, 42, "call-with-int3-result"
    CHECKD EXC_COUNT, 8, "bp-count"
    CHECKD EXC_EC, 0, "bp-no-error-code"
    DONE

with_breakpoint:
    mov eax, 40
    int3
    add eax, 2
    ret
