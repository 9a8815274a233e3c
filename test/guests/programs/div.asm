; DIV and IDIV at every operand size: quotients and remainders at the edges, truncation toward zero, register and memory divisors, which register bits are written.
; Expected values computed with Python integer arithmetic (truncating signed division).
bits 64
org 0x100000
%include "lib.inc"

_start:
    ; ---- 8-bit: AX / r8 -> AL quotient, AH remainder; the rest of RAX is kept
    mov rax, 0xaaaaaaaaaaaa03e8     ; AX = 1000
    mov bl, 7
    div bl
    CHECK rax, 0xaaaaaaaaaaaa068e, "div8-1000-by-7"
    mov ax, 0xfeff                  ; largest quotient: 0xFEFF / 0xFF = 0xFF rem 0xFE
    mov bh, 0xff
    div bh
    CHECK rax, 0xaaaaaaaaaaaafeff, "div8-max-quotient"
    mov ax, 0xfc18                  ; -1000 / 8 = -125 rem 0
    mov byte [DATA], 8
    idiv byte [DATA]
    CHECK rax, 0xaaaaaaaaaaaa0083, "idiv8-minus-1000-by-8"
    mov ax, -7
    mov cl, 2
    idiv cl                         ; -7 / 2 = -3 rem -1
    CHECK rax, 0xaaaaaaaaaaaafffd, "idiv8-minus-7-by-2"
    mov ax, 7
    mov cl, -2
    idiv cl                         ; 7 / -2 = -3 rem 1
    CHECK rax, 0xaaaaaaaaaaaa01fd, "idiv8-7-by-minus-2"
    mov ax, -7
    mov cl, -2
    idiv cl                         ; -7 / -2 = 3 rem -1
    CHECK rax, 0xaaaaaaaaaaaaff03, "idiv8-minus-7-by-minus-2"
    mov ax, -128
    mov cl, 1
    idiv cl                         ; -128 / 1 fits exactly
    CHECK rax, 0xaaaaaaaaaaaa0080, "idiv8-minus-128-by-1"
    mov ax, 127 * 2 + 1
    mov cl, 2
    idiv cl                         ; 255 / 2 = 127 rem 1: the largest positive quotient
    CHECK rax, 0xaaaaaaaaaaaa017f, "idiv8-255-by-2"

    ; ---- 16-bit: DX:AX / r16 -> AX, DX; RAX/RDX[63:16] kept
    mov rax, 0x1111111111112345
    mov rdx, 0x2222222222220001
    mov cx, 0x100
    div cx
    CHECK rax, 0x1111111111110123, "div16-quotient"
    CHECK rdx, 0x2222222222220045, "div16-remainder"
    mov ax, 0xffff                  ; 0xFFFEFFFF / 0xFFFF = 0xFFFF rem 0xFFFE
    mov dx, 0xfffe
    mov word [DATA], 0xffff
    div word [DATA]
    CHECK rax, 0x111111111111ffff, "div16-max-quotient"
    CHECK rdx, 0x222222222222fffe, "div16-max-remainder"
    mov ax, 0x159f                  ; -60001 / 3 = -20000 rem -1
    mov dx, 0xffff
    mov cx, 3
    idiv cx
    CHECK rax, 0x111111111111b1e0, "idiv16-quotient"
    CHECK rdx, 0x222222222222ffff, "idiv16-remainder"
    mov ax, 0                       ; -65536 / 2 = -32768: the most negative quotient
    mov dx, 0xffff
    mov cx, 2
    idiv cx
    CHECK rax, 0x1111111111118000, "idiv16-most-negative-quotient"

    ; ---- 32-bit: EDX:EAX / r32 -> EAX, EDX, both zero-extended into RAX/RDX
    mov rax, 0x777777773456789a
    mov rdx, 0x7777777700000012
    mov ecx, 0x9abc
    div ecx
    CHECKD rax, 1973833, "div32-quotient"
    CHECKD rdx, 20734, "div32-remainder"
    mov eax, 0xffffffff             ; 0xFFFFFFFE_FFFFFFFF / 0xFFFFFFFF
    mov edx, 0xfffffffe
    mov ecx, 0xffffffff
    div ecx
    CHECK rax, 0xffffffff, "div32-max-quotient"
    CHECK rdx, 0xfffffffe, "div32-max-remainder"
    mov eax, 0xc46535f9             ; -1000000007 / 10007 = -99930 rem -497
    mov edx, 0xffffffff
    mov dword [DATA], 10007
    idiv dword [DATA]
    CHECK rax, 0xfffe79a6, "idiv32-quotient"
    CHECK rdx, 0xfffffe0f, "idiv32-remainder"
    mov eax, 0x80000000             ; INT_MIN / 1 = INT_MIN
    cdq
    mov ecx, 1
    idiv ecx
    CHECK rax, 0x80000000, "idiv32-int-min-by-1"
    CHECK rdx, 0, "idiv32-int-min-by-1-remainder"

    ; ---- 64-bit: RDX:RAX / r64
    mov rax, 0x4674edea40000000     ; 10^30 / (10^12 + 39)
    mov rdx, 0xc9f2c9cd0
    mov rcx, 1000000000039
    div rcx
    CHECKD rax, 999999999961000000, "div64-quotient"
    CHECKD rdx, 1521000000, "div64-remainder"
    mov rax, -1                     ; (2^128 - 2^64 - 1) / (2^64 - 1) = 2^64 - 1 rem 2^64 - 2
    mov rdx, -2
    mov rcx, -1
    div rcx
    CHECK rax, 0xffffffffffffffff, "div64-max-quotient"
    CHECK rdx, 0xfffffffffffffffe, "div64-max-remainder"
    mov rax, 0xbffffffffffffffe     ; (-5 * 2^62 - 2) / -3
    mov rdx, -2
    mov rcx, -3
    idiv rcx
    CHECKS rax, 7686143364045646507, "idiv64-quotient"
    CHECKS rdx, -1, "idiv64-remainder"
    mov rax, 12345                  ; (3 * 2^64 + 12345) / -7
    mov rdx, 3
    mov qword [DATA], -7
    idiv qword [DATA]
    CHECKS rax, -7905747460161238170, "idiv64-negative-quotient"
    CHECKS rdx, 3, "idiv64-positive-remainder"
    mov rax, 0x8000000000000000     ; INT64_MIN / 2
    cqo
    mov rcx, 2
    idiv rcx
    CHECK rax, 0xc000000000000000, "idiv64-int-min-by-2"
    mov rax, 0
    mov rdx, 0
    mov rcx, 12345
    div rcx
    CHECKD rax, 0, "div64-zero-dividend"
    DONE

[absolute DATA]
    resq 1
