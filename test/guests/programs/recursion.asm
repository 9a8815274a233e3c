; Recursion: Fibonacci and Ackermann by plain recursion (with call counts), mutual recursion, Towers of Hanoi.
bits 64
org 0x100000
%include "lib.inc"

_start:
    mov qword [calls], 0
    mov edi, 24
    call fib
    CHECKD rax, 46368, "fib-24"
    CHECKD qword [calls], 150049, "fib-24-calls"

    mov qword [calls], 0
    mov edi, 2
    mov esi, 3
    call ackermann
    CHECKD rax, 9, "ackermann-2-3"
    CHECKD qword [calls], 44, "ackermann-2-3-calls"

    mov qword [calls], 0
    mov edi, 3
    mov esi, 3
    call ackermann
    CHECKD rax, 61, "ackermann-3-3"
    CHECKD qword [calls], 2432, "ackermann-3-3-calls"

    mov qword [calls], 0
    mov edi, 3
    mov esi, 5
    call ackermann
    CHECKD rax, 253, "ackermann-3-5"
    CHECKD qword [calls], 42438, "ackermann-3-5-calls"

    ; mutual recursion: is_even(n) = n == 0 or is_odd(n - 1)
    mov edi, 1001
    call is_even
    CHECKD rax, 0, "is-even-1001"
    mov edi, 1001
    call is_odd
    CHECKD rax, 1, "is-odd-1001"
    mov edi, 2000
    call is_even
    CHECKD rax, 1, "is-even-2000"

    ; Towers of Hanoi: 16 discs take 2^16 - 1 moves; the callee-saved registers survive
    mov rbx, 0x1122334455667788
    mov r12, 0x0123456789abcdef
    mov qword [calls], 0
    mov edi, 16
    mov esi, 1
    mov edx, 3
    mov ecx, 2
    call hanoi
    CHECKD qword [calls], 65535, "hanoi-16-moves"
    CHECK rbx, 0x1122334455667788, "rbx-preserved"
    CHECK r12, 0x0123456789abcdef, "r12-preserved"
    DONE

; fib(rdi) -> rax, counting calls
fib:
    inc qword [calls]
    cmp rdi, 2
    jb .small
    push rbx
    push rdi
    dec rdi
    call fib
    mov rbx, rax
    pop rdi
    sub rdi, 2
    call fib
    add rax, rbx
    pop rbx
    ret
.small:
    mov rax, rdi
    ret

; ackermann(m = rdi, n = rsi) -> rax
ackermann:
    inc qword [calls]
    test rdi, rdi
    jnz .m_pos
    lea rax, [rsi + 1]
    ret
.m_pos:
    test rsi, rsi
    jnz .both
    dec rdi
    mov esi, 1
    call ackermann
    inc rdi                     ; restore m for the caller's sake
    ret
.both:
    push rdi
    dec rsi
    call ackermann              ; A(m, n - 1)
    pop rdi
    push rdi
    dec rdi
    mov rsi, rax
    call ackermann              ; A(m - 1, A(m, n - 1))
    pop rdi
    ret

is_even:
    test rdi, rdi
    jnz .rec
    mov eax, 1
    ret
.rec:
    dec rdi
    call is_odd
    ret

is_odd:
    test rdi, rdi
    jnz .rec
    xor eax, eax
    ret
.rec:
    dec rdi
    call is_even
    ret

; hanoi(n = rdi, from = rsi, to = rdx, via = rcx): counts moves in [calls]
hanoi:
    test rdi, rdi
    jz .done
    push rbx
    push r12
    push r13
    push r14
    mov rbx, rdi
    mov r12, rsi
    mov r13, rdx
    mov r14, rcx
    lea rdi, [rbx - 1]          ; n - 1 discs from -> via
    mov rsi, r12
    mov rdx, r14
    mov rcx, r13
    call hanoi
    inc qword [calls]           ; move disc n from -> to
    lea rdi, [rbx - 1]          ; n - 1 discs via -> to
    mov rsi, r14
    mov rdx, r13
    mov rcx, r12
    call hanoi
    pop r14
    pop r13
    pop r12
    pop rbx
.done:
    ret

[absolute DATA]
calls: resq 1
