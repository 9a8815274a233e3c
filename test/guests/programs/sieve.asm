; Sieve of Eratosthenes below 10000, once with a byte array and once with a bit array marked by BTS with register bit offsets; checked against a Python sieve.
bits 64
org 0x100000
%include "lib.inc"

N     equ 10000
BYTEMAP equ LIB_SCRATCH           ; N bytes: 1 = composite
BITMAP  equ LIB_SCRATCH + 0x4000  ; N bits: 1 = composite
PRIMES equ LIB_SCRATCH + 0x8000 ; the primes found, as dwords

_start:
    ; byte sieve
    mov rdi, BYTEMAP
    mov ecx, N
    xor eax, eax
    rep stosb
    mov byte [BYTEMAP], 1
    mov byte [BYTEMAP + 1], 1
    mov ebx, 2
.outer:
    mov eax, ebx
    imul eax, ebx
    cmp eax, N
    jae .collect
    cmp byte [BYTEMAP + rbx], 0
    jne .next
.mark:
    mov byte [BYTEMAP + rax], 1
    add eax, ebx
    cmp eax, N
    jb .mark
.next:
    inc ebx
    jmp .outer
.collect:
    xor ecx, ecx                ; count
    xor r8d, r8d                ; sum
    xor ebx, ebx
.scan:
    cmp byte [BYTEMAP + rbx], 0
    jne .composite
    mov [PRIMES + rcx * 4], ebx
    inc ecx
    add r8, rbx
.composite:
    inc ebx
    cmp ebx, N
    jb .scan
    CHECKD rcx, 1229, "primes-below-10000"
    CHECKD r8, 5736396, "sum-of-primes"
    mov eax, [PRIMES + 99 * 4]
    CHECKD rax, 541, "prime-100"
    mov eax, [PRIMES + 999 * 4]
    CHECKD rax, 7919, "prime-1000"
    mov eax, [PRIMES + 1228 * 4]
    CHECKD rax, 9973, "largest-prime"

    ; bit sieve: BTS/BT with bit offsets far beyond the 64-bit operand address the whole array
    mov rdi, BITMAP
    mov ecx, (N + 63) / 64
    xor eax, eax
    rep stosq
    mov rbx, 2
.bouter:
    mov rax, rbx
    imul rax, rbx
    cmp rax, N
    jae .bcount
    bt qword [BITMAP], rbx
    jc .bnext
.bmark:
    bts qword [BITMAP], rax
    add rax, rbx
    cmp rax, N
    jb .bmark
.bnext:
    inc rbx
    jmp .bouter
.bcount:
    xor ecx, ecx
    mov rbx, 2
.bscan:
    bt qword [BITMAP], rbx
    jc .bc
    inc ecx
.bc:
    inc rbx
    cmp rbx, N
    jb .bscan
    CHECKD rcx, 1229, "bit-sieve-primes"
    ; composites among the first 64 numbers (bits 0 and 1 never set): 4 6 8 9 10 12 ...
    mov rax, [BITMAP]
    CHECK rax, 0xd7df75df5f75d750, "bit-sieve-first-64-composites"
    DONE
