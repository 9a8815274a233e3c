; Scope 2: IRETQ from 64-bit ring 0 to 32-bit compatibility-mode ring 3, INT 0x80 from compatibility mode back to the 64-bit handler.
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov rdx, kentry
    mov ecx, 0xee
    call set_gate64
    mov [ksave], rsp
    mov qword [kcont], back
    push qword UDATA
    push qword USTACK_TOP
    push qword 0x3002
    push qword UCODE32
    push qword user32
    iretq
back:
    ret
kentry:
    mov rbp, rsp
    CHECK64 qword [rbp + 8], UCODE32, "frame cs"
    CHECK64 qword [rbp + 24], USTACK_TOP - 4, "frame rsp"
    CHECK64 qword [rbp + 32], UDATA, "frame ss"
    mov rax, rsp
    CHECK64 rax, KSTACK_TOP - 40, "rsp0"
    mov rsp, [ksave]
    jmp [kcont]
BITS 32
user32:
    mov ax, UDATA                   ; DS/ES were nulled on the way to ring 3 (QEMU does not check null data segments)
    mov ds, ax
    mov es, ax
    mov eax, cs
    CHECK eax, UCODE32, "compat cs"
    push dword 1
    mov eax, esp
    CHECK eax, USTACK_TOP - 4, "compat esp"
    int 0x80
END_IMAGE
