; Loops: counted DEC/JNZ loops, nested loops, LOOP/LOOPE/LOOPNE with RCX and ECX (67h) counters, JRCXZ/JECXZ.
bits 64
org 0x100000
%include "lib.inc"

_start:
    ; counted loop: 1 + 2 + ... + 100
    xor eax, eax
    mov ecx, 100
.sum:
    add rax, rcx
    dec ecx
    jnz .sum
    CHECKD rax, 5050, "loop-sum-1-100"

    ; nested loops: sum over i < 10, j < 20 of i * j = 45 * 190, and the iteration count
    xor eax, eax                ; sum
    xor ebx, ebx                ; iterations
    xor esi, esi                ; i
.outer:
    xor edi, edi                ; j
.inner:
    mov edx, esi
    imul edx, edi
    add eax, edx
    inc ebx
    inc edi
    cmp edi, 20
    jb .inner
    inc esi
    cmp esi, 10
    jb .outer
    CHECKD rax, 8550, "nested-sum"
    CHECKD rbx, 200, "nested-iterations"

    ; LOOP: counts RCX down to 0 and falls through; RCX ends at 0
    xor eax, eax
    mov ecx, 37
.l1:
    inc eax
    loop .l1
    CHECKD rax, 37, "loop-iterations"
    CHECKD rcx, 0, "loop-rcx-after"

    ; LOOP with RCX = 0 first decrements to 2^64 - 1: stop it after 5 iterations by a compare
    xor ecx, ecx
    xor eax, eax
.l0:
    inc eax
    cmp eax, 5
    je .l0_out
    loop .l0
.l0_out:
    mov rdx, -4
    CHECK rcx, rdx, "loop-from-zero-wraps"

    ; LOOP uses all 64 bits of RCX: from 0x1_0000_0002 the second LOOP leaves ECX = 0 and still jumps
    mov rcx, 0x100000002
    xor eax, eax
.l64:
    inc eax
    cmp eax, 3
    je .l64_out
    loop .l64
.l64_out:
    mov rdx, 0x100000000
    CHECK rcx, rdx, "loop-rcx-64-bit"

    ; a32 LOOP (67h) counts ECX only; writing ECX clears RCX[63:32] like any 32-bit register write
    ; (checked on a host x86-64 CPU)
    mov rcx, 0xabcd000000000003
    xor eax, eax
.l32:
    inc eax
    a32 loop .l32
    CHECKD rax, 3, "a32-loop-iterations"
    CHECK rcx, 0, "a32-loop-rcx"

    ; LOOPE: stops when ZF becomes 0 (the first non-zero byte) or RCX reaches 0
    mov rsi, zeros_then_x
    mov ecx, 16
    dec rsi
.le:
    inc rsi
    cmp byte [rsi], 0
    loope .le
    mov rax, rsi
    sub rax, zeros_then_x
    CHECKD rax, 5, "loope-stops-at-index"
    CHECKD rcx, 10, "loope-rcx"

    ; LOOPE that exhausts the count: all 4 bytes are zero
    mov rsi, zeros_then_x
    mov ecx, 4
    dec rsi
.le2:
    inc rsi
    cmp byte [rsi], 0
    loope .le2
    setz al
    movzx eax, al
    CHECKD rax, 1, "loope-exhausted-zf"
    CHECKD rcx, 0, "loope-exhausted-rcx"

    ; LOOPNE: search for byte 'x' within 16 bytes
    mov rsi, zeros_then_x
    mov ecx, 16
    dec rsi
.ln:
    inc rsi
    cmp byte [rsi], 'x'
    loopne .ln
    mov rax, rsi
    sub rax, zeros_then_x
    CHECKD rax, 5, "loopne-finds-at-index"
    CHECKD rcx, 10, "loopne-rcx"

    ; JRCXZ / JECXZ
    mov rcx, 0x100000000        ; ECX = 0 but RCX != 0
    xor eax, eax
    jrcxz .j1
    or eax, 1                   ; not taken: RCX != 0
.j1:
    jecxz .j2
    or eax, 2                   ; skipped: ECX == 0
.j2:
    xor ecx, ecx
    jrcxz .j3
    or eax, 4                   ; skipped
.j3:
    CHECK rax, 1, "jrcxz-jecxz"

    ; a loop guarded by JRCXZ runs zero times for a zero count
    xor ecx, ecx
    xor eax, eax
    jrcxz .skip
.z:
    inc eax
    loop .z
.skip:
    CHECKD rax, 0, "jrcxz-zero-trip"

    ; a backward loop over an array with a scaled index: sum of squares 1..50
    xor ebx, ebx
    mov ecx, 50
.fill:
    mov eax, ecx
    imul eax, eax
    mov [LIB_SCRATCH + rcx * 8], rax
    loop .fill
    mov ecx, 50
.add:
    add rbx, [LIB_SCRATCH + rcx * 8]
    loop .add
    CHECKD rbx, 42925, "sum-of-squares-1-50"
    DONE

zeros_then_x: db 0, 0, 0, 0, 0, 'x', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
