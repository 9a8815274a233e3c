; #GP: non-canonical loads, stores and jumps give #GP(0); bad segment loads give #GP(selector); INT n through an empty IDT entry gives #GP(vector*8+2).
; QEMU 7.2 departs from the SDM twice here (see the runner): it reports a non-canonical JMP at the
; target instead of the JMP, and gives the 64-bit IDT error code as vector*16+2.
bits 64
org 0x100000
%include "lib.inc"

; GP_CASE name, expected error code, instruction: must raise #GP with RIP on the instruction
%macro GP_CASE 3
    EXPECT_FAULT %%after
%%insn:
    %3
%%after:
    CHECKD EXC_VEC, 13, %1, "-vector"
    CHECK EXC_EC, %2, %1, "-error-code"
    mov rbx, EXC_RIP
    sub rbx, %%insn
    CHECKS rbx, 0, %1, "-rip"
%endmacro

_start:
    IDT_INSTALL
    mov rsi, 0x0000800000000000 ; the first non-canonical address
    mov rdi, 0xffff7fffffffffff ; the last one
    mov rax, 0x1234
    GP_CASE "load-non-canonical-low", 0, {mov rax, [rsi]}
    CHECK rax, 0x1234, "load-non-canonical-rax-unchanged"
    GP_CASE "store-non-canonical-high", 0, {mov [rdi], rax}
    GP_CASE "rmw-non-canonical", 0, {add qword [rsi + 0x10], 1}
    GP_CASE "movs-non-canonical-source", 0, {movsb}
    mov rsi, 0xdead000000000000
    GP_CASE "jmp-non-canonical", 0, {jmp rsi}
    ; segment loads
    GP_CASE "mov-ds-selector-beyond-gdt-limit", 0x40, {mov ds, word [bad_selector]}
    mov ax, 0x08
    GP_CASE "mov-ss-code-selector", 0x08, {mov ss, ax}
    mov ax, 0x10
    mov ds, ax
    ; software interrupt through an IDT entry that is all zeros (not an interrupt/trap gate)
    GP_CASE "int-0x40-empty-gate", 0x40 * 8 + 2, {int 0x40}
    CHECKD EXC_COUNT, 8, "gp-count"
    DONE

bad_selector: dw 0x40           ; GDT index 8: beyond the 4-entry GDT of the direct start
