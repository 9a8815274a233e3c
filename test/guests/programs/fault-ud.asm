; #UD: UD2, a LOCK prefix on an instruction that cannot take it, opcodes invalid in 64-bit mode, SSE with CR4.OSFXSR clear; vector 6, no error code, RIP = the instruction.
bits 64
org 0x100000
%include "lib.inc"

; UD_CASE name, instruction bytes or text: must raise #UD with RIP on it, then execution resumes
%macro UD_CASE 2
    EXPECT_FAULT %%after
%%insn:
    %2
%%after:
    CHECKD EXC_VEC, 6, %1, "-vector"
    mov rbx, EXC_RIP
    sub rbx, %%insn
    CHECKS rbx, 0, %1, "-rip"
%endmacro

_start:
    IDT_INSTALL
    UD_CASE "ud2", ud2
    UD_CASE "lock-add-register-destination", {db 0xf0, 0x01, 0xd8}   ; lock add eax, ebx
    UD_CASE "lock-nop", {db 0xf0, 0x90}
    UD_CASE "push-es-invalid-in-64-bit", {db 0x06}
    UD_CASE "daa-invalid-in-64-bit", {db 0x27}
    UD_CASE "aam-invalid-in-64-bit", {db 0xd4, 0x0a}
    UD_CASE "pusha-invalid-in-64-bit", {db 0x60}
    UD_CASE "into-invalid-in-64-bit", {db 0xce}
    UD_CASE "mov-cs-invalid", {db 0x8e, 0xc8}        ; mov cs, ax
    ; SSE instructions need CR4.OSFXSR: the direct start leaves it clear
    mov rax, cr4
    and rax, ~(1 << 9)
    mov cr4, rax
    UD_CASE "sse-without-osfxsr", {movdqa xmm0, xmm1}
    CHECKD EXC_COUNT, 10, "ud-count"
    ; the error code slot holds the stub's zero: #UD pushes none
    CHECKD EXC_EC, 0, "ud-no-error-code"
    DONE
