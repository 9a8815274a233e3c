; Scope 1: LTR sets the TSS busy bit, STR reads TR, LTR of a busy TSS and of a null selector fault.
; QEMU-DIFF: ltr null vector=000000ff FAIL want=0000000d => ltr null vector=0000000d ok (QEMU 7.2 accepts LTR with a null selector; the SDM raises #GP(0))
; QEMU-DIFF: END failures=00000001 => END failures=00000000
; QEMU-EXIT: 3
%include "rstest.inc"
main32:
    mov ax, TSS_SEL
    ltr ax
    str ebx
    CHECK ebx, TSS_SEL, "str"
    movzx eax, byte [gdt + TSS_SEL + 5]
    CHECK eax, 0x8b, "busy type"
    TRY .a
    mov ax, TSS_SEL
    ltr ax                          ; busy: #GP(sel)
.a: TRY .c
    mov ax, KDATA
    ltr ax                          ; not a TSS
.c: mov word [buf], 0
    str [buf]
    CHECK dword [buf], TSS_SEL, "str mem"
    TRYQ .b
    xor eax, eax
    ltr ax                          ; null: #GP(0)
.b: CHECK [last_vec], 0x0d, "ltr null vector"
    ret
buf: dd 0
END_IMAGE
