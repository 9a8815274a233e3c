; Scope 1: SGDT/SIDT/LGDT/LIDT in 64-bit mode (10-byte operands, 64-bit base) and LGDT of a non-canonical base (#GP(0)).
%define LONG
%include "rstest.inc"
main64:
    mov rax, -1
    mov [buf], rax
    mov [buf + 8], rax
    sgdt [buf]
    movzx eax, word [buf]
    CHECK eax, gdt_end - gdt - 1, "sgdt limit"
    CHECK64 qword [buf + 2], gdt, "sgdt base"
    movzx eax, word [buf + 10]
    CHECK eax, 0xffff, "byte 10 untouched"
    sidt [buf]
    CHECK64 qword [buf + 2], idt, "sidt base"
    mov word [pd], 0xff
    mov rax, 0x0000800000000000
    mov [pd + 2], rax
    lgdt [pd]                       ; the base itself is not checked (only the operand address)
    sgdt [buf]
    mov rax, 0x0000800000000000
    CHECK64 qword [buf + 2], rax, "non-canonical base loaded"
    lgdt [gdt_desc]
    sgdt [buf]
    CHECK64 qword [buf + 2], gdt, "gdt restored"
    mov rax, 0x0000800000000000     ; a non-canonical operand address: #GP(0)
    TRY .x
    lgdt [rax]
.x:
    ret
buf: times 16 db 0
pd: times 16 db 0
END_IMAGE
