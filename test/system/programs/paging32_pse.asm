; Scope 4: 32-bit paging with 4 KiB and 4 MiB pages: translation, Accessed/Dirty bits after reads and writes, CR0.WP, #PF error codes and CR2.
%include "rstest.inc"
PD  equ SCRATCH
PT  equ SCRATCH + 0x1000
main32:
    ; PDE 0, 1: identity 4 MiB pages (kernel, stacks, tables); PDE 2: a page table; PDE 3: 4 MiB page at linear 12 MiB -> physical 0
    mov edi, PD
    xor eax, eax
    mov ecx, 2048
    rep stosd
    mov dword [PD + 0], 0x00000083
    mov dword [PD + 4], 0x00400083
    mov dword [PD + 8], PT | 3
    mov dword [PD + 12], 0x00000083
    mov dword [PT + 0], 0x700003        ; 0x800000 -> 0x700000, RW
    mov dword [PT + 4], 0x701002        ; 0x801000 not present
    mov dword [PT + 8], 0x702001        ; 0x802000 read-only
    mov dword [0x700000], 0x11223344
    mov dword [0x702000], 0x55667788
    mov eax, cr4
    or eax, 0x10                        ; PSE
    mov cr4, eax
    mov eax, PD
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    PRINTLN "paging on"
    ; 4 MiB page
    mov eax, [0xc00000 + 0x100000]
    CHECK eax, 0x1badb002, "read via 4M page"
    mov eax, [PD + 12]
    CHECK eax, 0xa3, "4M pde after read (A)"
    mov dword [0xc00000 + 0x7f000], 0xabcd
    CHECK dword [0x7f000], 0xabcd, "write via 4M page"
    mov eax, [PD + 12]
    CHECK eax, 0xe3, "4M pde after write (A+D)"
    ; 4 KiB page
    CHECK dword [PT], 0x700003, "pte before access"
    CHECK dword [PD + 8], PT | 3, "pde before access"
    mov eax, [0x800010]
    CHECK dword [PT], 0x700023, "pte after read (A)"
    CHECK dword [PD + 8], PT | 0x23, "pde after read (A)"
    mov dword [0x800000], 0x99
    CHECK dword [PT], 0x700063, "pte after write (A+D)"
    CHECK dword [0x700000], 0x99, "write reached the frame"
    ; not present
    TRYQ .a
    mov eax, [0x801234]
.a: EXPECT 14, 0, "np read"
    mov eax, cr2
    CHECK eax, 0x801234, "np read cr2"
    TRYQ .b
    mov byte [0x801ff0], 1
.b: EXPECT 14, 2, "np write"
    mov eax, cr2
    CHECK eax, 0x801ff0, "np write cr2"
    TRYQ .c
    call 0x801000
.c: add esp, 4                      ; the return address CALL pushed before the fetch faulted
    EXPECT 14, 0, "np fetch (no I bit in 32-bit paging)"
    ; read-only page: WP = 0 lets ring 0 write
    mov eax, [0x802000]
    CHECK eax, 0x55667788, "read-only page read"
    mov dword [0x802000], 0x1234
    CHECK dword [0x702000], 0x1234, "WP=0 supervisor write to read-only page"
    CHECK dword [PT + 8], 0x702061, "pte D set by that write"
    mov eax, cr0
    or eax, 0x10000                      ; WP
    mov cr0, eax
    TRYQ .d
    mov dword [0x802004], 0x5678
.d: EXPECT 14, 3, "WP=1 write to read-only"
    mov eax, cr2
    CHECK eax, 0x802004, "WP=1 cr2"
    CHECK dword [0x702004], 0, "no write happened"
    ; a write crossing into a not-present page writes nothing
    mov dword [0x800ffc], 0
    TRYQ .e
    mov dword [0x800ffe], 0xffffffff
.e: EXPECT 14, 2, "split write"
    mov eax, cr2
    CHECK eax, 0x801000, "split write cr2 = second page"
    CHECK dword [0x700ffc], 0, "split write left the first page alone"
    ; back to no paging
    mov eax, cr0
    and eax, 0x7ffeffff
    mov cr0, eax
    PRINTLN "paging off"
    ret
END_IMAGE
