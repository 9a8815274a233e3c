; Scope 4: 4-level paging with 4 KiB, 2 MiB and 1 GiB pages: translation, Accessed bits at every level, Dirty bits, NX fetch, reserved bits, PML4E.PS, non-canonical #GP and a 64-bit CR2.
; QEMU-DIFF: 2M page bit 13 ec=00000008 FAIL want=00000009 => 2M page bit 13 ec=00000009 ok (QEMU 7.2 leaves P out of a reserved-bit #PF error code)
; QEMU-DIFF: 1G page bit 13 ec=0000000a FAIL want=0000000b => 1G page bit 13 ec=0000000b ok
; QEMU-DIFF: PML4E with PS ec=00000008 FAIL want=00000009 => PML4E with PS ec=00000009 ok
; QEMU-DIFF: END failures=00000003 => END failures=00000000
; QEMU-EXIT: 7
%define LONG
%include "rstest.inc"
PD2 equ SCRATCH             ; page directory for linear 2 GiB
PT2 equ SCRATCH + 0x1000    ; page table for linear 2 GiB
PDPT1 equ SCRATCH + 0x2000  ; PDPT for PML4 entry 1 (linear 512 GiB)
main64:
    mov edi, SCRATCH
    xor eax, eax
    mov ecx, 3 * 1024
    rep stosd
    mov ecx, 0xc0000080
    rdmsr
    or eax, 0x800                      ; NXE
    wrmsr
    ; PDPT[1]: 1 GiB page at linear 1 GiB -> physical 0
    mov dword [PDPT + 8], 0x83
    ; PDPT[2]: linear 2 GiB -> PD2
    mov dword [PDPT + 16], PD2 | 3
    mov dword [PD2], PT2 | 3
    mov dword [PD2 + 8], 0x400083      ; 2 GiB + 2 MiB: 2 MiB page -> 4 MiB, NX
    mov dword [PD2 + 12], 0x80000000
    mov dword [PD2 + 16], 0x602083     ; 2 GiB + 4 MiB: 2 MiB page with bit 13 set (reserved)
    mov dword [PT2], 0x700003          ; 2 GiB -> 0x700000
    mov dword [PT2 + 8], 0x701001      ; 2 GiB + 4 KiB: read-only
    mov dword [PDPT + 24], 0x40002083  ; linear 3 GiB: 1 GiB page with bit 13 set (reserved)
    mov dword [PML4 + 8], PDPT1 | 0x83 ; PML4E with PS: reserved
    mov dword [0x700010], 0x31415926
    mov rax, cr3
    mov cr3, rax
    PRINTLN "tables built"
    ; 1 GiB page
    mov eax, [0x40000000 + 0x100000]
    CHECK eax, 0x1badb002, "read via 1G page"
    CHECK dword [PDPT + 8], 0xa3, "1G pdpte A"
    mov dword [0x40000000 + 0x7f000], 5
    CHECK dword [PDPT + 8], 0xe3, "1G pdpte A+D"
    ; 4 KiB page under 2 GiB: A at every level
    and dword [PML4], ~0x20
    and dword [PDPT], ~0x20
    mov rax, cr3
    mov cr3, rax
    mov rbx, 0x80000010
    mov eax, [rbx]
    CHECK eax, 0x31415926, "read via 4K page"
    CHECK dword [PML4], PDPT | 0x27, "pml4e A"
    CHECK dword [PDPT + 16], PD2 | 0x23, "pdpte A"
    CHECK dword [PD2], PT2 | 0x23, "pde A"
    CHECK dword [PT2], 0x700023, "pte A"
    mov dword [rbx], 7
    CHECK dword [PT2], 0x700063, "pte A+D"
    CHECK dword [PD2], PT2 | 0x23, "pde: no D for a non-leaf"
    ; read-only with CR0.WP = 1
    mov rax, cr0
    or eax, 0x10000
    mov cr0, rax
    mov rbx, 0x80001000
    TRYQ .a
    mov dword [rbx], 1
.a: EXPECT 14, 3, "write to read-only 4K"
    ; 2 MiB page with NX
    mov rbx, 0x80200000
    mov eax, [rbx + 0x100000]
    CHECK dword [PD2 + 8], 0x4000a3, "2M pde A"
    TRYQ .b
    call rbx
.b: add rsp, 8
    EXPECT 14, 0x11, "fetch from NX 2M page"
    mov rax, cr2
    CHECK64 rax, 0x80200000, "NX fetch cr2"
    ; reserved bits
    mov rbx, 0x80400000
    TRYQ .c
    mov eax, [rbx]
.c: CHECK [last_vec], 14, "2M page bit 13 vector"
    CHECK [last_ec], 9, "2M page bit 13 ec"
    mov rbx, 0xc0000000
    TRYQ .d
    mov dword [rbx], 0
.d: CHECK [last_vec], 14, "1G page bit 13 vector"
    CHECK [last_ec], 0xb, "1G page bit 13 ec"
    mov rbx, 0x8000000000
    TRYQ .e
    mov eax, [rbx]
.e: CHECK [last_vec], 14, "PML4E with PS vector"
    CHECK [last_ec], 9, "PML4E with PS ec"
    ; not present high half: 64-bit CR2
    mov rbx, 0xffff800000001238
    TRYQ .f
    mov eax, [rbx]
.f: EXPECT 14, 0, "not-present high address"
    mov rax, cr2
    CHECK64 rax, 0xffff800000001238, "64-bit cr2"
    ; non-canonical: #GP(0), not #PF
    mov rbx, 0x0000800000000000
    TRYQ .g
    mov eax, [rbx]
.g: EXPECT 13, 0, "non-canonical read"
    ret
END_IMAGE
