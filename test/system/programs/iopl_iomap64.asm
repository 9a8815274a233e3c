; Scope 6: I/O permission in 64-bit ring 3 with IOPL 0: the 64-bit TSS I/O bitmap (byte, word and dword accesses), CLI #GP, POPFQ leaving IF alone.
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov rdx, user_return64
    mov ecx, 0xee
    call set_gate64
    or byte [tss_iomap + 0x70 / 8], 1 << (0x73 & 7)     ; deny port 0x73
    mov qword [kcont], back
    mov [ksave], rsp
    push qword UDATA
    push qword USTACK_TOP
    push qword 0x0002
    push qword UCODE64
    push qword user
    iretq
back:
    ret
user:
    PRINTLN "64-bit ring 3, IOPL 0"
    in al, 0x72
    mov dx, 0x70
    in ax, dx
    PRINTLN "ports 0x70-0x72 allowed"
    TRYQ .a
    in eax, dx                       ; 0x70..0x73
.a: EXPECT 13, 0, "dword at 0x70 reaches the denied 0x73"
    TRYQ .b
    mov dx, 0x73
    out dx, al
.b: EXPECT 13, 0, "out 0x73"
    TRYQ .c
    cli
.c: EXPECT 13, 0, "cli"
    pushfq
    or qword [rsp], 0x200
    popfq
    pushfq
    pop rax
    and eax, 0x200
    CHECK eax, 0, "popfq leaves IF clear"
    int 0x80
END_IMAGE
