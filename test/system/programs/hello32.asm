; Scope 0: the test frame itself in 32-bit protected mode: output, checks, segment state after the frame's GDT load.
%include "rstest.inc"
main32:
    PRINTLN "hello from 32-bit protected mode"
    mov eax, [mb_eax]
    CHECK eax, 0x2badb002, "multiboot eax"
    xor eax, eax
    mov ax, cs
    CHECK eax, 0x08, "cs"
    mov eax, cr0
    and eax, 0x80000001
    CHECK eax, 1, "cr0.pe.pg"
    ret
END_IMAGE
