; Scope 2: IRETQ to 64-bit ring 3, INT 0x80 back through a DPL-3 gate with IST1: 16-byte aligned IST frame, SS null at ring 0, IRETQ popping SS:RSP.
; QEMU-DIFF: EXC 0d ec=00000812 => EXC 0d ec=0000040a (QEMU 7.2 computes 64-bit IDT error codes as vector*16+2; the SDM gives vector*8+2)
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov rdx, kentry
    mov ecx, 0x1ee                  ; IST1, DPL 3 interrupt gate
    call set_gate64
    mov eax, 0x82
    mov rdx, user_return64
    mov ecx, 0xee
    call set_gate64
    ENTER_USER64 user, back
back:
    PRINTLN "back in ring 0"
    ret
kentry:
    mov rbp, rsp
    mov rbx, rsp
    CHECK64 rbx, IST1_TOP - 40, "ist1 frame"
    CHECK64 qword [rbp + 8], UCODE64, "frame cs"
    CHECK64 qword [rbp + 16], 0x3046, "frame rflags"
    CHECK64 qword [rbp + 24], USTACK_TOP - 8, "frame rsp"
    CHECK64 qword [rbp + 32], UDATA, "frame ss"
    mov eax, ss
    CHECK eax, 0, "ss null"
    iretq
user:
    mov eax, cs
    CHECK eax, UCODE64, "user cs"
    push 0x1234
    xor eax, eax
    cmp eax, 0
    int 0x80
    mov rax, rsp
    CHECK64 rax, USTACK_TOP - 8, "user rsp after iretq"
    mov eax, ss
    CHECK eax, UDATA, "user ss after iretq"
    TRY .z
    int 0x81                        ; DPL-0 gate from ring 3: #GP(vector*8+2)
.z: int 0x82
END_IMAGE
