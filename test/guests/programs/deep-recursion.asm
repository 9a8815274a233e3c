; Deep recursion: 100000 nested calls (1.6 MB of stack) and 20000 frames with 112-byte locals on a stack of the program's own.
bits 64
org 0x100000
%include "lib.inc"

STACK_TOP equ 0xE00000

_start:
    mov [saved_rsp], rsp
    mov qword [corrupt], 0
    mov rsp, STACK_TOP

    ; sum(n) = n + sum(n - 1): every level pushes its argument and a return address (16 bytes)
    mov edi, 100000
    call sum
    mov rbx, rax
    mov rcx, rsp
    mov rsp, [saved_rsp]
    CHECKD rbx, 5000050000, "sum-1-to-100000"
    CHECK rcx, STACK_TOP, "rsp-back-at-top"
    CHECK qword [min_rsp], STACK_TOP - 8 - 16 * 100000, "deepest-rsp"

    ; frames with locals: each level stores a pattern in its 112-byte frame and checks it after the
    ; call below it returned, so a stack write that lands in the wrong frame shows up
    mov rsp, STACK_TOP
    mov edi, 20000
    call framed
    mov rbx, rax
    mov rcx, rsp
    mov rsp, [saved_rsp]
    CHECKD rbx, 20000, "framed-depth-20000"
    CHECKD qword [corrupt], 0, "framed-corrupt-frames"
    CHECK rcx, STACK_TOP, "framed-rsp-back"
    CHECK qword [min_rsp], STACK_TOP - 8 - 128 * 20000, "framed-deepest-rsp"
    DONE

sum:
    test rdi, rdi
    jz .base
    push rdi
    dec rdi
    call sum
    pop rdi
    add rax, rdi
    ret
.base:
    mov [min_rsp], rsp
    xor eax, eax
    ret

; framed(n) -> number of levels; frame = return address + saved rbp + 112 bytes of locals
framed:
    push rbp
    mov rbp, rsp
    sub rsp, 112
    mov [rbp - 8], rdi
    mov rax, rdi
    not rax
    mov [rbp - 112], rax
    mov [rbp - 56], rdi
    test rdi, rdi
    jnz .deeper
    lea rax, [rbp + 8]          ; the deepest level's entry RSP (its return address slot)
    mov [min_rsp], rax
    xor eax, eax
    jmp .out
.deeper:
    dec rdi
    call framed
    inc rax
    mov rdi, [rbp - 8]
    mov rdx, rdi
    not rdx
    cmp [rbp - 112], rdx
    jne .bad
    cmp [rbp - 56], rdi
    je .out
.bad:
    inc qword [corrupt]
.out:
    leave
    ret

[absolute DATA]
saved_rsp: resq 1
min_rsp: resq 1
corrupt: resq 1
