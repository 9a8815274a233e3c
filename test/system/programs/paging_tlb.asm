; Scope 4: TLB maintenance with global pages: a CR3 reload shows a remapped non-global page, INVLPG shows a remapped global page, toggling CR4.PGE flushes global entries, and a re-walk sets A again.
%include "rstest.inc"
TPD equ SCRATCH
TPT equ SCRATCH + 0x1000
main32:
    mov edi, TPD
    xor eax, eax
    mov ecx, 2048
    rep stosd
    mov dword [TPD + 0], 0x000083
    mov dword [TPD + 4], 0x400083
    mov dword [TPD + 8], TPT | 3
    mov dword [TPD + 12], 0x000183       ; linear 12 MiB: a global 4 MiB page -> 0
    mov dword [TPT + 0], 0x700103        ; 0x800000 global -> A
    mov dword [TPT + 4], 0x701003        ; 0x801000 non-global -> B
    mov dword [0x700000], 0xaaaa
    mov dword [0x701000], 0xbbbb
    mov dword [0x702000], 0xcccc
    mov eax, cr4
    or eax, 0x90                         ; PSE, PGE
    mov cr4, eax
    mov eax, TPD
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    CHECK dword [0x800000], 0xaaaa, "global page"
    CHECK dword [0x801000], 0xbbbb, "non-global page"
    ; remap the non-global page; a CR3 reload must show the new frame
    mov dword [TPT + 4], 0x702003
    mov eax, cr3
    mov cr3, eax
    CHECK dword [0x801000], 0xcccc, "non-global after CR3 reload"
    ; remap the global page; INVLPG must show the new frame
    mov dword [TPT + 0], 0x702103
    invlpg [0x800000]
    CHECK dword [0x800000], 0xcccc, "global after INVLPG"
    ; remap it back; clearing and setting PGE flushes global entries too
    mov dword [TPT + 0], 0x700103
    mov eax, cr4
    and eax, ~0x80
    mov cr4, eax
    or eax, 0x80
    mov cr4, eax
    CHECK dword [0x800000], 0xaaaa, "global after PGE toggle"
    ; a fresh walk after INVLPG sets the Accessed bit again
    and dword [TPT + 4], ~0x20
    invlpg [0x801000]
    mov eax, [0x801000]
    CHECK dword [TPT + 4], 0x702023, "A set again after INVLPG"
    ; INVLPG on a 4 MiB global page
    mov eax, [0xc00000 + 0x100000]
    mov dword [TPD + 12], 0x400183
    invlpg [0xc00000 + 0x100000]
    mov eax, [0xc00000 + 0x100000]
    CHECK eax, [0x500000], "4M global page after INVLPG"
    ; INVLPG of an address with no translation is harmless
    invlpg [0xf0000000]
    mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    ret
END_IMAGE
