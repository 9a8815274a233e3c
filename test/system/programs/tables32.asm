; Scope 1: LGDT/LIDT/SGDT/SIDT in 32-bit mode, the 16-bit operand-size form of LGDT (24-bit base), LIDT limit faults.
%include "rstest.inc"
main32:
    sgdt [buf]
    movzx eax, word [buf]
    CHECK eax, gdt_end - gdt - 1, "sgdt limit"
    CHECK dword [buf + 2], gdt, "sgdt base"
    sidt [buf]
    movzx eax, word [buf]
    CHECK eax, 0x7ff, "sidt limit"
    CHECK dword [buf + 2], idt, "sidt base"
    ; o16 lgdt keeps only 24 bits of the base
    mov word [pd], 0x17
    mov dword [pd + 2], 0xab000000 + gdt
    o16 lgdt [pd]
    sgdt [buf]
    CHECK dword [buf + 2], gdt, "o16 lgdt base"
    lgdt [gdt_desc]
    ; an IDT limit that ends at vector 13: int 0x20 raises #GP(0x20*8+2)
    mov word [pd], 8 * 13 + 7
    mov dword [pd + 2], idt
    lidt [pd]
    TRY .x
    int 0x20
.x: lidt [idt_desc]
    PRINTLN "after lidt"
    ret
buf: times 8 db 0
pd: times 8 db 0
END_IMAGE
