; #PF with 4 KiB pages: not-present read/write/fetch, a write to a read-only page (CR0.WP), an NX fetch, a reserved bit, a read split across pages; CR2, the error code, A/D bits, INVLPG.
; QEMU 7.2 leaves P out of the reserved-bit error code (0x8); the SDM sets it (0x9): see the runner.
bits 64
org 0x100000
%include "lib.inc"

PT  equ LIB_SCRATCH + 0x10000   ; a page table for the 2 MiB at VA
VA  equ 0x600000                ; identity-mapped through PT: page i = VA + i * 4096
PD0 equ 0x3000                  ; the direct start's page directory for the first GiB
PF_P equ 1
PF_W equ 2
PF_RSVD equ 8
PF_I equ 16

; PF_CASE name, expected error code, expected CR2, instruction
%macro PF_CASE 4
    EXPECT_FAULT %%after
%%insn:
    %4
%%after:
    CHECKD EXC_VEC, 14, %1, "-vector"
    CHECK EXC_EC, %2, %1, "-error-code"
    CHECK EXC_CR2, %3, %1, "-cr2"
    mov rbx, EXC_RIP
    sub rbx, %%insn
    CHECKS rbx, 0, %1, "-rip"
%endmacro

; FETCH_CASE name, expected error code, target: CALL target faults on the fetch of the target, so
; the CALL has completed (its return address is on the stack) and RIP = CR2 = the target
%macro FETCH_CASE 3
    mov r12, rsp
    EXPECT_FAULT %%after
    call %3
%%ret:
%%after:
    mov rbx, [rsp]
    mov rsp, r12
    CHECKD EXC_VEC, 14, %1, "-vector"
    CHECK EXC_EC, %2, %1, "-error-code"
    CHECK EXC_CR2, %3, %1, "-cr2"
    CHECK EXC_RIP, %3, %1, "-rip-is-target"
    sub rbx, %%ret
    CHECKS rbx, 0, %1, "-return-address-pushed"
%endmacro

_start:
    IDT_INSTALL
    ; 512 present, writable 4 KiB pages, then the special ones
    xor ecx, ecx
.pte:
    mov rax, rcx
    shl rax, 12
    add rax, VA | 3
    mov [PT + rcx * 8], rax
    inc ecx
    cmp ecx, 512
    jb .pte
    mov qword [PT + 5 * 8], 0                           ; page 5: not present
    mov qword [PT + 6 * 8], (VA + 6 * 4096) | 1         ; page 6: read-only
    mov rax, (VA + 8 * 4096) | 3 | (1 << 63)            ; page 8: no-execute
    mov [PT + 8 * 8], rax
    mov rax, (VA + 9 * 4096) | 3 | (1 << 51)            ; page 9: a reserved address bit
    mov [PT + 9 * 8], rax
    mov qword [PD0 + 4 * 8], 0                          ; 0x800000-0x9FFFFF: PDE not present
    mov byte [VA + 8 * 4096], 0xc3                      ; a RET on the NX page (still 2 MiB-mapped here)
    mov qword [VA + 6 * 4096 + 8], 0x66                 ; known contents of the read-only page
    mov qword [PD0 + 3 * 8], PT | 3                     ; switch VA to the page table
    mov rax, cr3
    mov cr3, rax                                        ; flush the TLB
    mov ecx, 0xc0000080                                 ; EFER.NXE
    rdmsr
    or eax, 1 << 11
    wrmsr
    mov rax, cr0
    or rax, 1 << 16                                     ; CR0.WP: supervisor writes obey R/W
    mov cr0, rax

    mov rax, 0x1234
    PF_CASE "read-not-present", 0, VA + 0x5123, {mov rax, [VA + 0x5123]}
    CHECK rax, 0x1234, "read-not-present-rax-unchanged"
    PF_CASE "write-not-present", PF_W, VA + 0x5010, {mov qword [VA + 0x5010], 7}
    PF_CASE "write-read-only-wp", PF_P | PF_W, VA + 0x6008, {mov qword [VA + 0x6008], 7}
    CHECK qword [VA + 0x6008], 0x66, "read-only-page-unchanged"
    PF_CASE "read-split-across-pages", 0, VA + 0x5000, {mov rax, [VA + 0x4ffc]}
    PF_CASE "pde-not-present", 0, 0x812345, {mov eax, [0x812345]}
    FETCH_CASE "fetch-no-execute", PF_P | PF_I, VA + 0x8000
    FETCH_CASE "fetch-not-present", PF_I, VA + 0x5000
    PF_CASE "reserved-bit", PF_P | PF_RSVD, VA + 0x9100, {mov rax, [VA + 0x9100]}

    ; with CR0.WP = 0 a supervisor write to a read-only page succeeds
    mov rax, cr0
    and rax, ~(1 << 16)
    mov cr0, rax
    mov qword [VA + 0x6008], 0x77
    CHECK qword [VA + 0x6008], 0x77, "write-read-only-without-wp"
    mov rax, cr0
    or rax, 1 << 16
    mov cr0, rax

    ; the page walk sets Accessed on a read and Dirty on a write
    mov rax, [PT + 10 * 8]
    and eax, 0x60
    CHECK rax, 0, "page10-clean"
    mov rax, [VA + 0xa000]
    mov rax, [PT + 10 * 8]
    and eax, 0x60
    CHECK rax, 0x20, "page10-accessed-after-read"
    mov qword [VA + 0xa000], 1
    mov rax, [PT + 10 * 8]
    and eax, 0x60
    CHECK rax, 0x60, "page10-dirty-after-write"

    ; make page 5 present, INVLPG it, and the access works
    mov qword [PT + 5 * 8], (VA + 5 * 4096) | 3
    invlpg [VA + 0x5000]
    mov qword [VA + 0x5010], 0x55
    CHECK qword [VA + 0x5010], 0x55, "page5-present-after-invlpg"
    CHECKD EXC_COUNT, 8, "pf-count"
    DONE
