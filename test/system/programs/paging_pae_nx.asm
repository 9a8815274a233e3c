; Scope 4: PAE paging with EFER.NXE: 2 MiB and 4 KiB pages, Accessed/Dirty in the PDE, NX instruction fetch (#PF with I), reserved-bit #PF (bit 40, and XD with NXE = 0).
; QEMU-DIFF: rsvd bit 40 read ec=00000008 FAIL want=00000009 => rsvd bit 40 read ec=00000009 ok (QEMU 7.2 leaves P out of a reserved-bit #PF error code)
; QEMU-DIFF: XD without NXE ec (no I bit while NXE = 0)=00000008 FAIL want=00000009 => XD without NXE ec (no I bit while NXE = 0)=00000009 ok
; QEMU-DIFF: END failures=00000002 => END failures=00000000
; QEMU-EXIT: 5
%include "rstest.inc"
PAE_PDPT equ SCRATCH
PAE_PD   equ SCRATCH + 0x1000
PAE_PT   equ SCRATCH + 0x2000
main32:
    mov edi, SCRATCH
    xor eax, eax
    mov ecx, 3 * 1024
    rep stosd
    mov dword [PAE_PDPT], PAE_PD | 1
    ; PAE_PD: 0..8 MiB identity with 2 MiB pages; 8 MiB: page table; 10 MiB: 2 MiB page -> 4 MiB, not yet accessed
    mov dword [PAE_PD + 0 * 8], 0x000083
    mov dword [PAE_PD + 1 * 8], 0x200083
    mov dword [PAE_PD + 2 * 8], 0x400083
    mov dword [PAE_PD + 3 * 8], 0x600083
    mov dword [PAE_PD + 4 * 8], PAE_PT | 3
    mov dword [PAE_PD + 5 * 8], 0x400083
    ; PAE_PT: 0x800000 data page with NX, 0x801000 executable, 0x802000 not present, 0x803000 reserved bit 40
    mov dword [PAE_PT + 0 * 8], 0x700003
    mov dword [PAE_PT + 0 * 8 + 4], 0x80000000
    mov dword [PAE_PT + 1 * 8], 0x701003
    mov dword [PAE_PT + 2 * 8], 0x702002
    mov dword [PAE_PT + 3 * 8], 0x703003
    mov dword [PAE_PT + 3 * 8 + 4], 0x00000100
    mov byte [0x700000], 0xc3          ; ret
    mov esi, code_blob
    mov edi, 0x701000
    mov ecx, code_blob_end - code_blob
    rep movsb
    mov ecx, 0xc0000080
    rdmsr
    or eax, 0x800                      ; NXE
    wrmsr
    mov eax, cr4
    or eax, 0x20                       ; PAE
    mov cr4, eax
    mov eax, PAE_PDPT
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80010000                 ; PG, WP
    mov cr0, eax
    PRINTLN "PAE paging on"
    mov eax, [0xa00000 + 0x100000]
    mov eax, [PAE_PD + 5 * 8]
    CHECK eax, 0x4000a3, "2M pde after read (A)"
    mov dword [0xa00000 + 0x1ff000], 1
    mov eax, [PAE_PD + 5 * 8]
    CHECK eax, 0x4000e3, "2M pde after write (A+D)"
    mov eax, [0x800000]
    CHECK eax, 0xc3, "read from NX page"
    CHECK dword [PAE_PT + 4], 0x80000000, "XD bit kept"
    CHECK dword [PAE_PT], 0x700023, "NX pte A"
    mov eax, 0
    call 0x801000
    CHECK eax, 0x77, "call executable page"
    TRYQ .a
    call 0x800000
.a: add esp, 4
    EXPECT 14, 0x11, "fetch from NX page"
    mov eax, cr2
    CHECK eax, 0x800000, "NX fetch cr2"
    TRYQ .b
    call 0x802000
.b: add esp, 4
    EXPECT 14, 0x10, "fetch from not-present page"
    TRYQ .c
    mov eax, [0x802000]
.c: EXPECT 14, 0, "read not-present"
    TRYQ .d
    mov eax, [0x803008]
.d: CHECK [last_vec], 14, "rsvd bit 40 read vector"
    CHECK [last_ec], 9, "rsvd bit 40 read ec"
    mov eax, cr2
    CHECK eax, 0x803008, "rsvd cr2"
    ; with NXE clear, bit 63 is reserved
    mov ecx, 0xc0000080
    rdmsr
    and eax, ~0x800
    wrmsr
    mov eax, cr3
    mov cr3, eax
    TRYQ .e
    call 0x800000
.e: add esp, 4
    CHECK [last_vec], 14, "XD without NXE vector"
    CHECK [last_ec], 9, "XD without NXE ec (no I bit while NXE = 0)"
    mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    PRINTLN "paging off"
    ret
code_blob:
    mov eax, 0x77
    ret
code_blob_end:
END_IMAGE
