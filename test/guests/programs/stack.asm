; PUSH/POP widths and forms, PUSH RSP/POP RSP, ENTER/LEAVE with nesting levels 0, 1 and 3, RET imm16, PUSHF/POPF (DF, AC, ID) and PUSHFW.
; (CHECK cannot take RSP itself: it uses the stack, so RSP is copied first.)
; ENTER expectations follow the SDM pseudocode for 64-bit mode, worked out by hand in the comments.
bits 64
org 0x100000
%include "lib.inc"

T equ LIB_SCRATCH + 0x1000      ; a stack top used by the ENTER cases
R equ LIB_SCRATCH + 0x800       ; an "outer" frame pointer with two display entries below it

_start:
    mov r12, rsp                ; RSP at the start of each case

    push -1                     ; imm8, sign-extended to 64 bits
    pop rax
    CHECK rax, -1, "push-imm8-sign-extended"
    push 0x7fffffff
    push -0x80000000            ; imm32, sign-extended
    pop rax
    pop rbx
    CHECK rax, 0xffffffff80000000, "push-imm32-sign-extended"
    CHECK rbx, 0x7fffffff, "push-imm32-positive"
    mov rcx, rsp
    sub rcx, r12
    CHECKS rcx, 0, "push-pop-balanced"

    ; 16-bit pushes move RSP by 2
    mov rax, 0x1111111111112222
    push ax
    push word 0x3344
    mov rcx, r12
    sub rcx, rsp
    CHECKD rcx, 4, "push-word-moves-rsp-by-2"
    mov eax, [rsp]
    CHECK rax, 0x22223344, "push-word-stack-contents"
    mov rbx, -1
    pop bx                      ; POP r16 keeps RBX[63:16]
    pop cx
    CHECK rbx, 0xffffffffffff3344, "pop-word-keeps-upper"
    mov rcx, rsp
    sub rcx, r12
    CHECKS rcx, 0, "pop-word-restores-rsp"

    ; PUSH RSP pushes the value before the push; POP RSP loads the popped value
    push rsp
    pop rax
    sub rax, r12
    CHECKS rax, 0, "push-rsp-old-value"
    mov rax, rsp
    sub rax, 64
    push rax
    pop rsp                     ; RSP = the popped value, not that plus 8
    mov rcx, rsp
    sub rcx, r12
    CHECKS rcx, -64, "pop-rsp-loads-value"
    mov rsp, r12

    ; memory operands, segment registers
    mov qword [DATA], 0x5a5a5a5a
    push qword [DATA]
    pop qword [DATA + 8]
    CHECK qword [DATA + 8], 0x5a5a5a5a, "push-pop-memory"
    mov rax, -1
    push fs                     ; the selector, zero-extended to 64 bits
    pop rax
    CHECK rax, 0x10, "push-fs-zero-extended"
    push rsp
    pop rax
    sub rax, r12
    CHECKS rax, 0, "push-pop-fs-balanced"

    ; RET imm16 drops the arguments the caller pushed
    push 1
    push 2
    push 3
    call add3
    CHECKD rax, 6, "ret-imm16-result"
    mov rcx, rsp
    sub rcx, r12
    CHECKS rcx, 0, "ret-imm16-pops-arguments"

    ; ENTER 32, 0: push rbp; rbp = rsp; rsp -= 32
    mov rsp, T
    mov rbp, R
    enter 32, 0
    CHECK rbp, T - 8, "enter0-rbp"
    mov rcx, rsp
    CHECK rcx, T - 8 - 32, "enter0-rsp"
    CHECK qword [T - 8], R, "enter0-saved-rbp"
    leave
    CHECK rbp, R, "leave0-rbp"
    mov rcx, rsp
    CHECK rcx, T, "leave0-rsp"

    ; ENTER 8, 1: push rbp; push the new frame pointer; rsp -= 8
    enter 8, 1
    CHECK rbp, T - 8, "enter1-rbp"
    mov rcx, rsp
    CHECK rcx, T - 24, "enter1-rsp"
    CHECK qword [T - 16], T - 8, "enter1-display"
    leave
    mov rcx, rsp
    CHECK rcx, T, "leave1-rsp"

    ; ENTER 16, 3 with the outer frame's display [R-8] = 0xa1, [R-16] = 0xa2:
    ;   [T-8] = R, [T-16] = [R-8], [T-24] = [R-16], [T-32] = T-8; rbp = T-8; rsp = T-32-16
    mov qword [R - 8], 0xa1
    mov qword [R - 16], 0xa2
    enter 16, 3
    CHECK rbp, T - 8, "enter3-rbp"
    mov rcx, rsp
    CHECK rcx, T - 48, "enter3-rsp"
    CHECK qword [T - 8], R, "enter3-saved-rbp"
    CHECK qword [T - 16], 0xa1, "enter3-display-1"
    CHECK qword [T - 24], 0xa2, "enter3-display-2"
    CHECK qword [T - 32], T - 8, "enter3-own-frame"
    leave
    CHECK rbp, R, "leave3-rbp"
    mov rcx, rsp
    CHECK rcx, T, "leave3-rsp"

    ; nested procedures with ENTER/LEAVE: depth 3, each reads its caller's frame through the display
    mov rbp, R
    mov edi, 3
    call nested
    CHECKD rax, 6, "nested-enter-sum"
    mov rcx, rsp
    CHECK rcx, T, "nested-enter-rsp"
    mov rsp, r12

    ; PUSHF/POPF: DF and AC can be set at CPL 0; bit 1 always reads 1
    push 0x8d5 | 0x400 | 0x40000
    popf
    pushf
    pop rax
    cld
    push 2
    popf
    CHECK rax, 0x8d7 | 0x400 | 0x40000, "popf-pushf-round-trip"
    ; the ID flag can be toggled: that is how software detects CPUID
    pushf
    pop rax
    mov rbx, rax
    xor rax, 0x200000
    push rax
    popf
    pushf
    pop rcx
    xor rcx, rbx
    CHECK rcx, 0x200000, "id-flag-toggles"
    push rbx
    popf
    ; PUSHFW pushes 16 bits
    stc
    pushfw
    mov rcx, r12
    sub rcx, rsp
    movzx eax, word [rsp]
    popfw
    CHECKD rcx, 2, "pushfw-size"
    and eax, 0x8d7
    CHECK rax, 0x3, "pushfw-value"
    DONE

; add3(a, b, c) on the stack: returns a + b + c with RET 24
add3:
    mov rax, [rsp + 8]
    add rax, [rsp + 16]
    add rax, [rsp + 24]
    ret 24

; nested(rdi = depth): ENTER 0, 1 frame holding its depth; returns the sum of all depths below,
; read through the caller's frame pointer saved by ENTER
nested:
    enter 8, 1
    mov [rbp - 16], rdi         ; below the display entry
    test rdi, rdi
    jz .bottom
    dec rdi
    call nested
    mov rdx, [rbp]              ; the caller's rbp (saved by ENTER)
    add rax, [rbp - 16]
    leave
    ret
.bottom:
    xor eax, eax
    leave
    ret

[absolute DATA]
    resq 2
