; Scope 2: 64-bit call gate (16-byte descriptor) from 64-bit ring 3 to ring 0: RSP0 from the TSS, null SS, 8-byte pushes, RETFQ to the outer level.
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    mov rax, gate_target
    mov word [gdt + 0x90], ax
    mov word [gdt + 0x92], KCODE64
    mov word [gdt + 0x94], 0xec00   ; P, DPL 3, type C
    shr rax, 16
    mov word [gdt + 0x96], ax
    shr rax, 16
    mov dword [gdt + 0x98], eax
    mov dword [gdt + 0x9c], 0
    mov eax, 0x82
    mov rdx, user_return64
    mov ecx, 0xee
    call set_gate64
    ENTER_USER64 user, back
back:
    ret
gate_target:
    mov rbp, rsp
    mov eax, cs
    CHECK eax, KCODE64, "gate cs"
    mov eax, ss
    CHECK eax, 0, "null ss"
    mov rax, rsp
    CHECK64 rax, KSTACK_TOP - 32, "rsp0 frame"
    CHECK64 qword [rbp + 8], UCODE64, "pushed cs"
    CHECK64 qword [rbp + 16], USTACK_TOP - 8, "pushed rsp"
    CHECK64 qword [rbp + 24], UDATA, "pushed ss"
    o64 retf
user:
    push 5
    call far qword [gptr]           ; m16:64 (REX.W)
    mov rax, rsp
    CHECK64 rax, USTACK_TOP - 8, "rsp after retfq"
    mov eax, ss
    CHECK eax, UDATA, "ss after retfq"
    int 0x82
gptr: dq 0
    dw 0x93
END_IMAGE
