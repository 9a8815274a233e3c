; MUL and IMUL (one, two and three operands) at every size: products, the high half, CF/OF; expected values produced by the same instructions on an x86-64 host CPU.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; mul8
    call reset_mem
    mov rax, 0x1111111111111191
    xor ebx, ebx
    mov rcx, 0x3
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul cl
    pushf
    CHECK rax, 0x11111111111101b3, "mul8-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul8-flags"
    ; mul8-no-overflow
    call reset_mem
    mov rax, 0x1111111111111111
    xor ebx, ebx
    mov rcx, 0xf
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul cl
    pushf
    CHECK rax, 0x11111111111100ff, "mul8-no-overflow-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "mul8-no-overflow-flags"
    ; mul8-ah
    call reset_mem
    mov rax, 0x11111111111111ff
    mov rbx, 0xff00
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul bh
    pushf
    CHECK rax, 0x111111111111fe01, "mul8-ah-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul8-ah-flags"
    ; mul16
    call reset_mem
    mov rax, 0x111111111111ffff
    xor ebx, ebx
    mov rcx, 0x1234
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul cx
    pushf
    CHECK rax, 0x111111111111edcc, "mul16-rax"
    CHECK rdx, 0x1111111111111233, "mul16-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul16-flags"
    ; mul16-no-overflow
    call reset_mem
    mov rax, 0x11111111111111ff
    xor ebx, ebx
    mov rcx, 0x100
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul cx
    pushf
    CHECK rax, 0x111111111111ff00, "mul16-no-overflow-rax"
    CHECK rdx, 0x1111111111110011, "mul16-no-overflow-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul16-no-overflow-flags"
    ; mul32
    call reset_mem
    mov rax, 0xdeadbeefcafebabe
    xor ebx, ebx
    mov rcx, 0x9abcdef0
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul ecx
    pushf
    CHECK rax, 0xa447d620, "mul32-rax"
    CHECK rdx, 0x7ab3002e, "mul32-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul32-flags"
    ; mul32-small
    call reset_mem
    mov rax, 0xffffffff00010000
    xor ebx, ebx
    mov rcx, 0xffff
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul ecx
    pushf
    CHECK rax, 0xffff0000, "mul32-small-rax"
    CHECK rdx, 0x0, "mul32-small-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "mul32-small-flags"
    ; mul64
    call reset_mem
    mov rax, 0xfedcba9876543210
    xor ebx, ebx
    mov rcx, 0x123456789abcdef
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul rcx
    pushf
    CHECK rax, 0x2236d88fe5618cf0, "mul64-rax"
    CHECK rdx, 0x121fa00ad77d742, "mul64-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul64-flags"
    ; mul64-max
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    mov rcx, 0xffffffffffffffff
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul rcx
    pushf
    CHECK rax, 0x1, "mul64-max-rax"
    CHECK rdx, 0xfffffffffffffffe, "mul64-max-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul64-max-flags"
    ; mul64-mem
    call reset_mem
    mov rax, 0x100000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    mul qword [rsi + 8]
    pushf
    CHECK rax, 0xf152b71800000000, "mul64-mem-rax"
    CHECK rdx, 0x65c62b8c, "mul64-mem-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "mul64-mem-flags"
    ; imul8
    call reset_mem
    mov rax, 0x1111111111111191
    xor ebx, ebx
    mov rcx, 0x7f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul cl
    pushf
    CHECK rax, 0x111111111111c8ef, "imul8-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul8-flags"
    ; imul8-fits
    call reset_mem
    mov rax, 0x11111111111111f1
    xor ebx, ebx
    mov rcx, 0x7
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul cl
    pushf
    CHECK rax, 0x111111111111ff97, "imul8-fits-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul8-fits-flags"
    ; imul16
    call reset_mem
    mov rax, 0x1111111111119111
    xor ebx, ebx
    mov rcx, 0xffff
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul cx
    pushf
    CHECK rax, 0x1111111111116eef, "imul16-rax"
    CHECK rdx, 0x1111111111110000, "imul16-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul16-flags"
    ; imul32-neg
    call reset_mem
    mov rax, 0xfffffffd
    xor ebx, ebx
    mov rcx, 0x7fffffff
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul ecx
    pushf
    CHECK rax, 0x80000003, "imul32-neg-rax"
    CHECK rdx, 0xfffffffe, "imul32-neg-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul32-neg-flags"
    ; imul32-fits
    call reset_mem
    mov rax, 0xfffffffd
    xor ebx, ebx
    mov rcx, 0x1000
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul ecx
    pushf
    CHECK rax, 0xffffd000, "imul32-fits-rax"
    CHECK rdx, 0xffffffff, "imul32-fits-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul32-fits-flags"
    ; imul64
    call reset_mem
    mov rax, 0xfffffffffffffffd
    xor ebx, ebx
    mov rcx, 0x7fffffffffffffff
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rcx
    pushf
    CHECK rax, 0x8000000000000003, "imul64-rax"
    CHECK rdx, 0xfffffffffffffffe, "imul64-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul64-flags"
    ; imul64-fits
    call reset_mem
    mov rax, 0xfffffffffffffffd
    xor ebx, ebx
    mov rcx, 0x1234
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rcx
    pushf
    CHECK rax, 0xffffffffffffc964, "imul64-fits-rax"
    CHECK rdx, 0xffffffffffffffff, "imul64-fits-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul64-fits-flags"
    ; imul64-min-squared
    call reset_mem
    mov rax, 0x8000000000000000
    xor ebx, ebx
    mov rcx, 0x8000000000000000
    mov rdx, 0x1111111111111111
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rcx
    pushf
    CHECK rax, 0x0, "imul64-min-squared-rax"
    CHECK rdx, 0x4000000000000000, "imul64-min-squared-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul64-min-squared-flags"
    ; imul2-16
    call reset_mem
    mov rax, 0x1111111111115111
    mov rbx, 0x1111111111111113
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul ax, bx
    pushf
    CHECK rax, 0x1111111111112543, "imul2-16-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul2-16-flags"
    ; imul2-32-overflow
    call reset_mem
    mov rax, 0x10000
    mov rbx, 0x10000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul eax, ebx
    pushf
    CHECK rax, 0x0, "imul2-32-overflow-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul2-32-overflow-flags"
    ; imul2-32-fits
    call reset_mem
    mov rax, 0xfffffffb
    mov rbx, 0x7
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul eax, ebx
    pushf
    CHECK rax, 0xffffffdd, "imul2-32-fits-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul2-32-fits-flags"
    ; imul2-64
    call reset_mem
    mov rax, 0x123456789
    mov rbx, 0x987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rax, rbx
    pushf
    CHECK rax, 0xd77d742cce1833a9, "imul2-64-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul2-64-flags"
    ; imul2-64-mem
    call reset_mem
    mov rax, 0xfffffffffffffffe
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rax, qword [rsi + 16]
    pushf
    CHECK rax, 0x62a5df104b8cc7fa, "imul2-64-mem-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul2-64-mem-flags"
    ; imul3-16-imm8
    call reset_mem
    xor eax, eax
    mov rbx, 0x1111111111111335
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul cx, bx, -3
    pushf
    CHECK rcx, 0xc661, "imul3-16-imm8-rcx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul3-16-imm8-flags"
    ; imul3-32-imm32
    call reset_mem
    xor eax, eax
    mov rbx, 0x10000
    mov rcx, 0x1111111111111111
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul ecx, ebx, 0x12345
    pushf
    CHECK rcx, 0x23450000, "imul3-32-imm32-rcx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul3-32-imm32-flags"
    ; imul3-64-imm32-neg
    call reset_mem
    xor eax, eax
    mov rbx, 0x4000000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rcx, rbx, -2
    pushf
    CHECK rcx, 0x8000000000000000, "imul3-64-imm32-neg-rcx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "imul3-64-imm32-neg-flags"
    ; imul3-64-imm-overflow
    call reset_mem
    xor eax, eax
    mov rbx, 0x4000000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul rcx, rbx, 2
    pushf
    CHECK rcx, 0x8000000000000000, "imul3-64-imm-overflow-rcx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul3-64-imm-overflow-flags"
    ; imul3-32-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    mov rcx, 0x1111111111111111
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    imul ecx, dword [rsi + 4], 1000
    pushf
    CHECK rcx, 0xc81c5488, "imul3-32-mem-rcx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "imul3-32-mem-flags"
    ; mul-keeps-other-flags-defined
    call reset_mem
    mov rax, 0x2
    xor ebx, ebx
    mov rcx, 0x3
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x803
    popf
    mul rcx
    pushf
    CHECK rax, 0x6, "mul-keeps-other-flags-defined-rax"
    CHECK rdx, 0x0, "mul-keeps-other-flags-defined-rdx"
    pop rax
    and eax, 0x801
    CHECK rax, 0x0, "mul-keeps-other-flags-defined-flags"
    DONE

%include "mem-pattern.inc"
