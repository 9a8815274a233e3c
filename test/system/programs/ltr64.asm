; Scope 1: LTR of a 16-byte 64-bit TSS descriptor in long mode, STR, LAR/LSL of the TSS, and a 16-bit TSS type refused in IA-32e mode.
; QEMU-DIFF: ltr 16-bit tss in ia-32e mode=000000ff FAIL want=0000000d => ltr 16-bit tss in ia-32e mode=0000000d ok (QEMU 7.2 accepts a 16-bit TSS in IA-32e mode, where the SDM reserves type 1)
; QEMU-DIFF: END failures=00000001 => END failures=00000000
; QEMU-EXIT: 3
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    str rbx
    CHECK ebx, TSS_SEL, "str"
    movzx eax, byte [gdt + TSS_SEL + 5]
    CHECK eax, 0x8b, "busy"
    lar ecx, eax
    mov ax, TSS_SEL
    lar ecx, ax
    CHECK ecx, 0x00008b00, "lar tss"
    lsl ecx, ax
    CHECK ecx, TSS_LIMIT, "lsl tss"
    ; a 16-bit TSS (type 1) at 0x90: invalid in IA-32e mode
    mov dword [gdt + 0x90], 0x0000ffff
    mov dword [gdt + 0x94], 0x00008100
    mov dword [gdt + 0x98], 0
    mov dword [gdt + 0x9c], 0
    TRYQ .a
    mov ax, 0x90
    ltr ax
.a: CHECK [last_vec], 0x0d, "ltr 16-bit tss in ia-32e mode"
    ret
END_IMAGE
