; Scope 0: the test frame in 64-bit mode: long-mode entry, EFER.LMA, CS.L, 64-bit checks.
%define LONG
%include "rstest.inc"
main64:
    PRINTLN "hello from 64-bit mode"
    mov ecx, 0xc0000080
    rdmsr
    CHECK eax, 0x500, "efer"
    mov rax, cr0
    CHECK64 rax, 0x80000011, "cr0"
    mov rax, 0x123456789abcdef0
    CHECK64 rax, 0x123456789abcdef0, "rax64"
    ret
END_IMAGE
