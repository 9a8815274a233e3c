; Scope 1: LAR, LSL, VERR, VERW and ARPL on code, data, TSS, LDT, call-gate and interrupt-gate descriptors, null and out-of-limit selectors, from ring 0 and ring 3 (DPL and conforming rules).
%include "rstest.inc"
LDT_D  equ FREE_SEL
CGATE  equ FREE_SEL + 8
IGATE  equ FREE_SEL + 16
XO     equ FREE_SEL + 24            ; execute-only code
RO     equ FREE_SEL + 32            ; read-only data
CONF   equ FREE_SEL + 40            ; conforming code, DPL 0
; PROBE insn, selector, "name": run LAR/LSL/VERR/VERW and print EAX (preset 0x5a5a5a5a; bits 19:16 of a
; LAR result are undefined in the SDM, so they are masked) and ZF. The transcript is compared with QEMU's.
%macro PROBE 3
    mov eax, 0x5a5a5a5a
    mov ecx, %2
%ifidn %1, lar
    lar eax, ecx
%elifidn %1, lsl
    lsl eax, ecx
%elifidn %1, verr
    verr cx
%else
    verw cx
%endif
    pushfd
    pop edx
    and edx, 0x40
%ifidn %1, lar
    and eax, 0xfff0ffff
%endif
    PRINT {%3, ": value="}
    HEX32 eax
    PRINT " zf="
    HEX32 edx
    NEWLINE
%endmacro
main32:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    mov ecx, LDT_D
    mov eax, 0x80000017
    mov edx, 0x00008200
    call set_desc32
    mov ecx, CGATE
    mov eax, 0x00081234
    mov edx, 0x0000ec00
    call set_desc32
    mov ecx, IGATE
    mov edx, 0x00008e00
    call set_desc32
    mov ecx, XO
    mov eax, 0x0000ffff
    mov edx, 0x00cf9800
    call set_desc32
    mov ecx, RO
    mov edx, 0x00cff100
    call set_desc32
    mov ecx, CONF
    mov edx, 0x00cf9f00
    call set_desc32
    PROBE lar, KCODE32, "lar code"
    PROBE lsl, KCODE32, "lsl code (4 KiB granular)"
    PROBE lar, TSS_SEL, "lar busy TSS"
    PROBE lsl, TSS_SEL, "lsl TSS"
    PROBE lar, LDT_D, "lar LDT"
    PROBE lsl, LDT_D, "lsl LDT"
    PROBE lar, CGATE, "lar call gate"
    PROBE lsl, CGATE, "lsl call gate"
    PROBE lar, IGATE, "lar interrupt gate"
    PROBE lar, 0, "lar null"
    PROBE lar, 0x1f8, "lar beyond the GDT limit"
    PROBE lar, CODE16, "lar 16-bit code"
    PROBE lsl, DATA16, "lsl byte-granular data"
    PROBE verr, KCODE32, "verr readable code"
    PROBE verr, XO, "verr execute-only code"
    PROBE verr, KDATA, "verr data"
    PROBE verw, KDATA, "verw data"
    PROBE verw, RO, "verw read-only data"
    PROBE verw, KCODE32, "verw code"
    PROBE verr, IGATE, "verr gate"
    mov eax, 0x0008
    mov bx, 0x0003
    arpl ax, bx
    pushfd
    pop edx
    and edx, 0x40
    CHECK eax, 0x000b, "arpl raised rpl"
    CHECK edx, 0x40, "arpl zf"
    arpl ax, bx
    pushfd
    pop edx
    and edx, 0x40
    CHECK edx, 0, "arpl again: zf clear"
    ENTER_USER32 user, back
back:
    ret
user:
    PROBE lar, KDATA, "ring 3: lar DPL-0 data"
    PROBE lar, UDATA, "ring 3: lar DPL-3 data"
    PROBE lar, CONF, "ring 3: lar conforming DPL-0 code"
    PROBE lsl, KCODE32, "ring 3: lsl DPL-0 code"
    PROBE verr, KDATA, "ring 3: verr DPL-0 data"
    PROBE verw, UDATA, "ring 3: verw DPL-3 data"
    PROBE lar, CGATE, "ring 3: lar DPL-3 gate"
    int 0x80
END_IMAGE
