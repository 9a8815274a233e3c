; SHL/SHR/SAR/ROL/ROR/RCL/RCR and SHLD/SHRD with counts 0, 1 and more, masked counts, RCL/RCR modulo 9 and 17, memory operands; expected values from an x86-64 host CPU, undefined flags masked.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; shl64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    shl rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "shl64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "shl64-count0-flags"
    ; shl64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl rax, 1
    pushf
    CHECK rax, 0x2468acf13579bde, "shl64-count1-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x805, "shl64-count1-flags"
    ; shl64-count4
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl rax, 4
    pushf
    CHECK rax, 0x123456789abcdef0, "shl64-count4-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x4, "shl64-count4-flags"
    ; shl64-cl-63
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x3f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl rax, cl
    pushf
    CHECK rax, 0x8000000000000000, "shl64-cl-63-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x85, "shl64-cl-63-flags"
    ; shl64-cl-masked-65
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x41
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl rax, cl
    pushf
    CHECK rax, 0x2468acf13579bde, "shl64-cl-masked-65-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x805, "shl64-cl-masked-65-flags"
    ; shl32-cl-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x21
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl eax, cl
    pushf
    CHECK rax, 0x13579bde, "shl32-cl-masked-33-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x805, "shl32-cl-masked-33-flags"
    ; shl32-cl-masked-32-is-0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x20
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    shl eax, cl
    pushf
    CHECK rax, 0x89abcdef, "shl32-cl-masked-32-is-0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "shl32-cl-masked-32-is-0-flags"
    ; shl16-count-20
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x14
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl ax, cl
    pushf
    CHECK rax, 0x8123456789ab0000, "shl16-count-20-rax"
    pop rax
    and eax, 0xc4
    CHECK rax, 0x44, "shl16-count-20-flags"
    ; shl8-count-9
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x9
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl al, cl
    pushf
    CHECK rax, 0x8123456789abcd00, "shl8-count-9-rax"
    pop rax
    and eax, 0xc4
    CHECK rax, 0x44, "shl8-count-9-flags"
    ; shl8-count3-mem
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
    shl byte [rsi + 3], 3
    pushf
    CHECK qword [M + 0], 0x7cdf42a5406bce31, "shl8-count3-mem-mem0"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x0, "shl8-count3-mem-flags"
    ; shr64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    shr rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "shr64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "shr64-count0-flags"
    ; shr64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr rax, 1
    pushf
    CHECK rax, 0x4091a2b3c4d5e6f7, "shr64-count1-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x801, "shr64-count1-flags"
    ; shr64-count4
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr rax, 4
    pushf
    CHECK rax, 0x8123456789abcde, "shr64-count4-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x5, "shr64-count4-flags"
    ; shr64-cl-63
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x3f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr rax, cl
    pushf
    CHECK rax, 0x1, "shr64-cl-63-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x0, "shr64-cl-63-flags"
    ; shr64-cl-masked-65
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x41
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr rax, cl
    pushf
    CHECK rax, 0x4091a2b3c4d5e6f7, "shr64-cl-masked-65-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x801, "shr64-cl-masked-65-flags"
    ; shr32-cl-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x21
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr eax, cl
    pushf
    CHECK rax, 0x44d5e6f7, "shr32-cl-masked-33-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x801, "shr32-cl-masked-33-flags"
    ; shr32-cl-masked-32-is-0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x20
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    shr eax, cl
    pushf
    CHECK rax, 0x89abcdef, "shr32-cl-masked-32-is-0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "shr32-cl-masked-32-is-0-flags"
    ; shr16-count-20
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x14
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr ax, cl
    pushf
    CHECK rax, 0x8123456789ab0000, "shr16-count-20-rax"
    pop rax
    and eax, 0xc4
    CHECK rax, 0x44, "shr16-count-20-flags"
    ; shr8-count-9
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x9
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr al, cl
    pushf
    CHECK rax, 0x8123456789abcd00, "shr8-count-9-rax"
    pop rax
    and eax, 0xc4
    CHECK rax, 0x44, "shr8-count-9-flags"
    ; shr8-count3-mem
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
    shr byte [rsi + 3], 3
    pushf
    CHECK qword [M + 0], 0x7cdf42a5016bce31, "shr8-count3-mem-mem0"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x0, "shr8-count3-mem-flags"
    ; sar64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    sar rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "sar64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "sar64-count0-flags"
    ; sar64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar rax, 1
    pushf
    CHECK rax, 0xc091a2b3c4d5e6f7, "sar64-count1-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x81, "sar64-count1-flags"
    ; sar64-count4
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar rax, 4
    pushf
    CHECK rax, 0xf8123456789abcde, "sar64-count4-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x85, "sar64-count4-flags"
    ; sar64-cl-63
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x3f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar rax, cl
    pushf
    CHECK rax, 0xffffffffffffffff, "sar64-cl-63-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x84, "sar64-cl-63-flags"
    ; sar64-cl-masked-65
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x41
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar rax, cl
    pushf
    CHECK rax, 0xc091a2b3c4d5e6f7, "sar64-cl-masked-65-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x81, "sar64-cl-masked-65-flags"
    ; sar32-cl-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x21
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar eax, cl
    pushf
    CHECK rax, 0xc4d5e6f7, "sar32-cl-masked-33-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x81, "sar32-cl-masked-33-flags"
    ; sar32-cl-masked-32-is-0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x20
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    sar eax, cl
    pushf
    CHECK rax, 0x89abcdef, "sar32-cl-masked-32-is-0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "sar32-cl-masked-32-is-0-flags"
    ; sar16-count-20
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x14
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar ax, cl
    pushf
    CHECK rax, 0x8123456789abffff, "sar16-count-20-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x85, "sar16-count-20-flags"
    ; sar8-count-9
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x9
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sar al, cl
    pushf
    CHECK rax, 0x8123456789abcdff, "sar8-count-9-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x85, "sar8-count-9-flags"
    ; sar8-count3-mem
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
    sar byte [rsi + 3], 3
    pushf
    CHECK qword [M + 0], 0x7cdf42a5016bce31, "sar8-count3-mem-mem0"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x0, "sar8-count3-mem-flags"
    ; shl32-count1-of
    call reset_mem
    mov rax, 0x40000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shl eax, 1
    pushf
    CHECK rax, 0x80000000, "shl32-count1-of-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x884, "shl32-count1-of-flags"
    ; sar8-negative
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
    sar al, 7
    pushf
    CHECK rax, 0xff, "sar8-negative-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x84, "sar8-negative-flags"
    ; shr16-count1-of
    call reset_mem
    mov rax, 0x8000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shr ax, 1
    pushf
    CHECK rax, 0x4000, "shr16-count1-of-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x804, "shr16-count1-of-flags"
    ; rol64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    rol rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rol64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "rol64-count0-flags"
    ; rol64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rol rax, 1
    pushf
    CHECK rax, 0x2468acf13579bdf, "rol64-count1-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "rol64-count1-flags"
    ; rol64-count13
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rol rax, 13
    pushf
    CHECK rax, 0x68acf13579bdf024, "rol64-count13-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rol64-count13-flags"
    ; rol32-cl-masked-36
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x24
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rol eax, cl
    pushf
    CHECK rax, 0x9abcdef8, "rol32-cl-masked-36-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rol32-cl-masked-36-flags"
    ; rol16-count-17
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x11
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rol ax, cl
    pushf
    CHECK rax, 0x8123456789ab9bdf, "rol16-count-17-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x1, "rol16-count-17-flags"
    ; rol8-count-12
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0xc
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rol al, cl
    pushf
    CHECK rax, 0x8123456789abcdfe, "rol8-count-12-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rol8-count-12-flags"
    ; rol8-count-8
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x8
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rol al, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rol8-count-8-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rol8-count-8-flags"
    ; ror64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    ror rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "ror64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "ror64-count0-flags"
    ; ror64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    ror rax, 1
    pushf
    CHECK rax, 0xc091a2b3c4d5e6f7, "ror64-count1-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x1, "ror64-count1-flags"
    ; ror64-count13
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    ror rax, 13
    pushf
    CHECK rax, 0x6f7c091a2b3c4d5e, "ror64-count13-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "ror64-count13-flags"
    ; ror32-cl-masked-36
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x24
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    ror eax, cl
    pushf
    CHECK rax, 0xf89abcde, "ror32-cl-masked-36-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "ror32-cl-masked-36-flags"
    ; ror16-count-17
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x11
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    ror ax, cl
    pushf
    CHECK rax, 0x8123456789abe6f7, "ror16-count-17-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x1, "ror16-count-17-flags"
    ; ror8-count-12
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0xc
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    ror al, cl
    pushf
    CHECK rax, 0x8123456789abcdfe, "ror8-count-12-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "ror8-count-12-flags"
    ; ror8-count-8
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x8
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    ror al, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "ror8-count-8-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "ror8-count-8-flags"
    ; rcl64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    rcl rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rcl64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "rcl64-count0-flags"
    ; rcl64-count1-cf1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcl rax, 1
    pushf
    CHECK rax, 0x2468acf13579bdf, "rcl64-count1-cf1-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "rcl64-count1-cf1-flags"
    ; rcl64-count1-cf0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rcl rax, 1
    pushf
    CHECK rax, 0x2468acf13579bde, "rcl64-count1-cf0-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "rcl64-count1-cf0-flags"
    ; rcl64-count7-cf1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcl rax, 7
    pushf
    CHECK rax, 0x91a2b3c4d5e6f7e0, "rcl64-count7-cf1-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rcl64-count7-cf1-flags"
    ; rcl32-count-31
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x1f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcl eax, cl
    pushf
    CHECK rax, 0xe26af37b, "rcl32-count-31-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcl32-count-31-flags"
    ; rcl16-count-17-mod17
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x11
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcl ax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rcl16-count-17-mod17-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcl16-count-17-mod17-flags"
    ; rcl16-count-20
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x14
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rcl ax, cl
    pushf
    CHECK rax, 0x8123456789ab6f7b, "rcl16-count-20-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rcl16-count-20-flags"
    ; rcl8-count-9-mod9
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x9
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcl al, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rcl8-count-9-mod9-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcl8-count-9-mod9-flags"
    ; rcl8-count-13
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0xd
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcl al, cl
    pushf
    CHECK rax, 0x8123456789abcdff, "rcl8-count-13-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rcl8-count-13-flags"
    ; rcl8-mem-count-1
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
    rcl byte [rsi + 5], 1
    pushf
    CHECK qword [M + 0], 0x7cdf85a5086bce31, "rcl8-mem-count-1-mem0"
    pop rax
    and eax, 0x801
    CHECK rax, 0x800, "rcl8-mem-count-1-flags"
    ; rcr64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    rcr rax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rcr64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "rcr64-count0-flags"
    ; rcr64-count1-cf1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcr rax, 1
    pushf
    CHECK rax, 0xc091a2b3c4d5e6f7, "rcr64-count1-cf1-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x1, "rcr64-count1-cf1-flags"
    ; rcr64-count1-cf0
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rcr rax, 1
    pushf
    CHECK rax, 0x4091a2b3c4d5e6f7, "rcr64-count1-cf0-rax"
    pop rax
    and eax, 0x801
    CHECK rax, 0x801, "rcr64-count1-cf0-flags"
    ; rcr64-count7-cf1
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcr rax, 7
    pushf
    CHECK rax, 0xbf02468acf13579b, "rcr64-count7-cf1-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcr64-count7-cf1-flags"
    ; rcr32-count-31
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x1f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcr eax, cl
    pushf
    CHECK rax, 0x26af37bf, "rcr32-count-31-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "rcr32-count-31-flags"
    ; rcr16-count-17-mod17
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x11
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcr ax, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rcr16-count-17-mod17-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcr16-count-17-mod17-flags"
    ; rcr16-count-20
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x14
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    rcr ax, cl
    pushf
    CHECK rax, 0x8123456789abd9bd, "rcr16-count-20-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcr16-count-20-flags"
    ; rcr8-count-9-mod9
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0x9
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcr al, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "rcr8-count-9-mod9-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcr8-count-9-mod9-flags"
    ; rcr8-count-13
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    mov rcx, 0xd
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    rcr al, cl
    pushf
    CHECK rax, 0x8123456789abcdfe, "rcr8-count-13-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "rcr8-count-13-flags"
    ; rcr8-mem-count-1
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
    rcr byte [rsi + 5], 1
    pushf
    CHECK qword [M + 0], 0x7cdfa1a5086bce31, "rcr8-mem-count-1-mem0"
    pop rax
    and eax, 0x801
    CHECK rax, 0x800, "rcr8-mem-count-1-flags"
    ; shld64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    shld rax, rbx, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "shld64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "shld64-count0-flags"
    ; shld64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shld rax, rbx, 1
    pushf
    CHECK rax, 0x2468acf13579bde, "shld64-count1-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x805, "shld64-count1-flags"
    ; shld64-count12
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shld rax, rbx, 12
    pushf
    CHECK rax, 0x3456789abcdef0fe, "shld64-count12-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x0, "shld64-count12-flags"
    ; shld64-cl-masked-68
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    mov rcx, 0x44
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shld rax, rbx, cl
    pushf
    CHECK rax, 0x123456789abcdef0, "shld64-cl-masked-68-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x4, "shld64-cl-masked-68-flags"
    ; shld32-count-31
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    mov rcx, 0x1f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shld eax, ebx, cl
    pushf
    CHECK rax, 0xc3b2a190, "shld32-count-31-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x85, "shld32-count-31-flags"
    ; shld16-count-9
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shld ax, bx, 9
    pushf
    CHECK rax, 0x8123456789abde86, "shld16-count-9-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x81, "shld16-count-9-flags"
    ; shld32-mem-count-8
    call reset_mem
    xor eax, eax
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shld dword [rsi + 8], ebx, 8
    pushf
    CHECK qword [M + 8], 0x65c62b8c52b71887, "shld32-mem-count-8-mem8"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x5, "shld32-mem-count-8-flags"
    ; shrd64-count0
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    shrd rax, rbx, cl
    pushf
    CHECK rax, 0x8123456789abcdef, "shrd64-count0-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "shrd64-count0-flags"
    ; shrd64-count1
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shrd rax, rbx, 1
    pushf
    CHECK rax, 0xc091a2b3c4d5e6f7, "shrd64-count1-rax"
    pop rax
    and eax, 0x8c5
    CHECK rax, 0x81, "shrd64-count1-flags"
    ; shrd64-count12
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shrd rax, rbx, 12
    pushf
    CHECK rax, 0x3218123456789abc, "shrd64-count12-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x1, "shrd64-count12-flags"
    ; shrd64-cl-masked-68
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    mov rcx, 0x44
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shrd rax, rbx, cl
    pushf
    CHECK rax, 0x18123456789abcde, "shrd64-cl-masked-68-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x5, "shrd64-cl-masked-68-flags"
    ; shrd32-count-31
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    mov rcx, 0x1f
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shrd eax, ebx, cl
    pushf
    CHECK rax, 0xeca8643, "shrd32-count-31-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x0, "shrd32-count-31-flags"
    ; shrd16-count-9
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shrd ax, bx, 9
    pushf
    CHECK rax, 0x8123456789ab90e6, "shrd16-count-9-rax"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x81, "shrd16-count-9-flags"
    ; shrd32-mem-count-8
    call reset_mem
    xor eax, eax
    mov rbx, 0xfedcba987654321
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    shrd dword [rsi + 8], ebx, 8
    pushf
    CHECK qword [M + 8], 0x65c62b8c21f152b7, "shrd32-mem-count-8-mem8"
    pop rax
    and eax, 0xc5
    CHECK rax, 0x4, "shrd32-mem-count-8-flags"
    DONE

%include "mem-pattern.inc"
