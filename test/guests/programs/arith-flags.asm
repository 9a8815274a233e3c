; ADD/ADC/SUB/SBB/INC/DEC/NEG/CMP/AND/OR/XOR/TEST/NOT flags at the edges (carry, overflow, half carry, zero), 128-bit add/sub chains; expected values from an x86-64 host CPU.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; add64-7fffffffffffffff-1
    call reset_mem
    mov rax, 0x7fffffffffffffff
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add rax, rbx
    pushf
    CHECK rax, 0x8000000000000000, "add64-7fffffffffffffff-1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x894, "add64-7fffffffffffffff-1-flags"
    ; sub64-7fffffffffffffff-1
    call reset_mem
    mov rax, 0x1
    mov rbx, 0x7fffffffffffffff
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub rax, rbx
    pushf
    CHECK rax, 0x8000000000000002, "sub64-7fffffffffffffff-1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x91, "sub64-7fffffffffffffff-1-flags"
    ; add64-ffffffffffffffff-1
    call reset_mem
    mov rax, 0xffffffffffffffff
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add rax, rbx
    pushf
    CHECK rax, 0x0, "add64-ffffffffffffffff-1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x55, "add64-ffffffffffffffff-1-flags"
    ; sub64-ffffffffffffffff-1
    call reset_mem
    mov rax, 0x1
    mov rbx, 0xffffffffffffffff
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub rax, rbx
    pushf
    CHECK rax, 0x2, "sub64-ffffffffffffffff-1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x11, "sub64-ffffffffffffffff-1-flags"
    ; add64-8000000000000000-8000000000000000
    call reset_mem
    mov rax, 0x8000000000000000
    mov rbx, 0x8000000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add rax, rbx
    pushf
    CHECK rax, 0x0, "add64-8000000000000000-8000000000000000-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x845, "add64-8000000000000000-8000000000000000-flags"
    ; sub64-8000000000000000-8000000000000000
    call reset_mem
    mov rax, 0x8000000000000000
    mov rbx, 0x8000000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub rax, rbx
    pushf
    CHECK rax, 0x0, "sub64-8000000000000000-8000000000000000-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "sub64-8000000000000000-8000000000000000-flags"
    ; add64-f-1
    call reset_mem
    mov rax, 0xf
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add rax, rbx
    pushf
    CHECK rax, 0x10, "add64-f-1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x10, "add64-f-1-flags"
    ; sub64-f-1
    call reset_mem
    mov rax, 0x1
    mov rbx, 0xf
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub rax, rbx
    pushf
    CHECK rax, 0xfffffffffffffff2, "sub64-f-1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x91, "sub64-f-1-flags"
    ; add64-0-0
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add rax, rbx
    pushf
    CHECK rax, 0x0, "add64-0-0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "add64-0-0-flags"
    ; sub64-0-0
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub rax, rbx
    pushf
    CHECK rax, 0x0, "sub64-0-0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "sub64-0-0-flags"
    ; adc64-carry-in
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    adc rax, rbx
    pushf
    CHECK rax, 0x0, "adc64-carry-in-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x55, "adc64-carry-in-flags"
    ; sbb64-borrow-in
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    sbb rax, rbx
    pushf
    CHECK rax, 0xffffffffffffffff, "sbb64-borrow-in-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x95, "sbb64-borrow-in-flags"
    ; sbb-self-cf1
    call reset_mem
    mov rax, 0x5
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    sbb rax, rax
    pushf
    CHECK rax, 0xffffffffffffffff, "sbb-self-cf1-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x95, "sbb-self-cf1-flags"
    ; add8-half-carry
    call reset_mem
    mov rax, 0xf
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add al, bl
    pushf
    CHECK rax, 0x10, "add8-half-carry-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x10, "add8-half-carry-flags"
    ; add8-high-byte
    call reset_mem
    mov rax, 0x7f00
    mov rbx, 0x100
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add ah, bh
    pushf
    CHECK rax, 0x8000, "add8-high-byte-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x890, "add8-high-byte-flags"
    ; sub32-zero-extends
    call reset_mem
    mov rax, 0xffffffff00000000
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub eax, ebx
    pushf
    CHECK rax, 0xffffffff, "sub32-zero-extends-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x95, "sub32-zero-extends-flags"
    ; inc64-keeps-cf
    call reset_mem
    mov rax, 0x7fffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    inc rax
    pushf
    CHECK rax, 0x8000000000000000, "inc64-keeps-cf-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x895, "inc64-keeps-cf-flags"
    ; dec8-keeps-cf
    call reset_mem
    mov rax, 0x80
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    dec al
    pushf
    CHECK rax, 0x7f, "dec8-keeps-cf-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x811, "dec8-keeps-cf-flags"
    ; neg64
    call reset_mem
    mov rax, 0x1
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    neg rax
    pushf
    CHECK rax, 0xffffffffffffffff, "neg64-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x95, "neg64-flags"
    ; neg64-zero-clears-cf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    neg rax
    pushf
    CHECK rax, 0x0, "neg64-zero-clears-cf-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "neg64-zero-clears-cf-flags"
    ; neg64-min
    call reset_mem
    mov rax, 0x8000000000000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    neg rax
    pushf
    CHECK rax, 0x8000000000000000, "neg64-min-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x885, "neg64-min-flags"
    ; cmp64-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmp qword [rsi + 8], rax
    pushf
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x4, "cmp64-mem-flags"
    ; cmp8-imm
    call reset_mem
    mov rax, 0x80
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmp al, 1
    pushf
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x810, "cmp8-imm-flags"
    ; and64-clears-cf-of
    call reset_mem
    mov rax, 0xffffffffffffffff
    mov rbx, 0x8000000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x803
    popf
    and rax, rbx
    pushf
    CHECK rax, 0x8000000000000000, "and64-clears-cf-of-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x84, "and64-clears-cf-of-flags"
    ; or32-zero-extends
    call reset_mem
    mov rax, 0xffffffff00000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    or eax, 0
    pushf
    CHECK rax, 0x0, "or32-zero-extends-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x44, "or32-zero-extends-flags"
    ; xor64-mem
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    xor rax, qword [rsi]
    pushf
    CHECK rax, 0x8320bd5af79431ce, "xor64-mem-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x80, "xor64-mem-flags"
    ; test64-sign
    call reset_mem
    mov rax, 0x8000000000000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    test rax, rax
    pushf
    CHECK rax, 0x8000000000000000, "test64-sign-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x84, "test64-sign-flags"
    ; not64-no-flags
    call reset_mem
    mov rax, 0xff00ff00ff00ff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    not rax
    pushf
    CHECK rax, 0xff00ff00ff00ff00, "not64-no-flags-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "not64-no-flags-flags"
    ; add128-chain
    call reset_mem
    mov rax, 0xffffffffffffffff
    mov rbx, 0x1
    mov rcx, 0xfffffffffffffffe
    mov rdx, 0x1
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add rax, rbx
    adc rdx, rcx
    pushf
    CHECK rax, 0x0, "add128-chain-rax"
    CHECK rdx, 0x0, "add128-chain-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x55, "add128-chain-flags"
    ; sub128-chain
    call reset_mem
    xor eax, eax
    mov rbx, 0x1
    xor ecx, ecx
    mov rdx, 0x1
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sub rax, rbx
    sbb rdx, rcx
    pushf
    CHECK rax, 0xffffffffffffffff, "sub128-chain-rax"
    CHECK rdx, 0x0, "sub128-chain-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "sub128-chain-flags"
    ; add-mem-imm8
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    add qword [rsi + 16], -1
    pushf
    CHECK qword [M + 16], 0x4ead1077da399c02, "add-mem-imm8-mem16"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x11, "add-mem-imm8-flags"
    ; adc-mem-8bit
    call reset_mem
    xor eax, eax
    mov rbx, 0xff
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    adc byte [rsi + 24], bl
    pushf
    CHECK qword [M + 24], 0x3794f95ec32085ea, "adc-mem-8bit-mem24"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x91, "adc-mem-8bit-flags"
    ; clc-stc-cmc
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    stc
    cmc
    cmc
    pushf
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x1, "clc-stc-cmc-flags"
    ; lea-no-flags
    call reset_mem
    xor eax, eax
    mov rbx, 0xffffffffffffffff
    mov rcx, 0x1
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    lea rax, [rbx + rcx]
    pushf
    CHECK rax, 0x0, "lea-no-flags-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "lea-no-flags-flags"
    DONE

%include "mem-pattern.inc"
