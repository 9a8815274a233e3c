; Insertion sort of 100 pseudo-random numbers (LCG x = x * 1103515245 + 12345 mod 2^31, value = x mod 10000); order, sum and key elements checked against Python's sorted().
bits 64
org 0x100000
%include "lib.inc"

ARR equ LIB_SCRATCH             ; 100 qwords
N   equ 100

_start:
    mov eax, 12345              ; seed
    xor ecx, ecx
.gen:
    imul eax, eax, 1103515245   ; the low 32 bits of the product are all the LCG needs
    add eax, 12345
    and eax, 0x7fffffff
    mov r8d, eax
    xor edx, edx
    mov ebx, 10000
    div ebx
    mov [ARR + rcx * 8], rdx
    mov eax, r8d
    inc ecx
    cmp ecx, N
    jb .gen
    CHECKD qword [ARR], 2606, "first-generated"
    mov rsi, ARR
    mov ecx, N
    call sum
    CHECKD rax, 523630, "sum-before"

    ; insertion sort
    mov ecx, 1
.outer:
    mov rax, [ARR + rcx * 8]    ; key
    mov rdx, rcx
.shift:
    test rdx, rdx
    jz .place
    mov rbx, [ARR + rdx * 8 - 8]
    cmp rbx, rax
    jbe .place
    mov [ARR + rdx * 8], rbx
    dec rdx
    jmp .shift
.place:
    mov [ARR + rdx * 8], rax
    inc ecx
    cmp ecx, N
    jb .outer

    ; every neighbour pair in order
    xor eax, eax
    mov ecx, 1
.order:
    mov rbx, [ARR + rcx * 8 - 8]
    cmp rbx, [ARR + rcx * 8]
    jbe .ok
    inc eax
.ok:
    inc ecx
    cmp ecx, N
    jb .order
    CHECKD rax, 0, "pairs-out-of-order"
    mov rsi, ARR
    mov ecx, N
    call sum
    CHECKD rax, 523630, "sum-after"
    CHECKD qword [ARR], 167, "minimum"
    CHECKD qword [ARR + 49 * 8], 5357, "element-49"
    CHECKD qword [ARR + 50 * 8], 5362, "element-50"
    CHECKD qword [ARR + 99 * 8], 9890, "maximum"
    ; sum of i * a[i]: only the sorted permutation gives this value
    xor eax, eax
    xor ecx, ecx
.weighted:
    mov rbx, [ARR + rcx * 8]
    imul rbx, rcx
    add rax, rbx
    inc ecx
    cmp ecx, N
    jb .weighted
    CHECKD rax, 34008182, "weighted-sum"
    DONE

; sum of rcx qwords at rsi -> rax
sum:
    xor eax, eax
.add:
    add rax, [rsi]
    add rsi, 8
    dec ecx
    jnz .add
    ret
