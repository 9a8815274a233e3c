; String instructions with a 32-bit address size (67h) in 64-bit mode: ESI/EDI/ECX only, upper halves cleared on update.
; The expected register values were checked on a host x86-64 CPU (same instructions, MAP_32BIT buffers).
bits 64
org 0x100000
%include "lib.inc"

S equ LIB_SCRATCH
D equ LIB_SCRATCH + 0x100

_start:
    xor ecx, ecx
.fill:                          ; S[i] = i, D[i] = 0xEE
    mov [S + rcx], cl
    mov byte [D + rcx], 0xee
    inc ecx
    cmp ecx, 64
    jb .fill

    ; a32 REP MOVSB: the garbage in RSI/RDI/RCX[63:32] is ignored, and cleared by the updates
    mov rsi, 0xdead000000000000 | S
    mov rdi, 0xbeef000000000000 | D
    mov rcx, 0x1234567800000005
    a32 rep movsb
    CHECK rsi, S + 5, "a32-movsb-rsi"
    CHECK rdi, D + 5, "a32-movsb-rdi"
    CHECK rcx, 0, "a32-movsb-rcx"
    HASH D, 8
    CHECK rax, 0x26d4ca8b, "a32-movsb-bytes"

    ; a32 REP STOSB with ECX = 0: no iteration, and no register is written at all
    mov rdi, 0xbeef000000000000 | D
    mov rcx, 0xffffffff00000000
    mov al, 0x41
    a32 rep stosb
    mov rax, 0xbeef000000000000 | D
    CHECK rdi, rax, "a32-stosb-ecx0-rdi-untouched"
    mov rax, 0xffffffff00000000
    CHECK rcx, rax, "a32-stosb-ecx0-rcx-untouched"
    movzx eax, byte [D]
    CHECK rax, 0, "a32-stosb-ecx0-no-store"

    ; a32 REP STOSQ counts ECX = 3 even though RCX[63:32] is set
    mov rdi, 0x7777000000000000 | (D + 16)
    mov rcx, 0xffffffff00000003
    mov rax, 0x0102030405060708
    a32 rep stosq
    CHECK rdi, D + 40, "a32-stosq-rdi"
    CHECK rcx, 0, "a32-stosq-rcx"
    HASH D + 16, 32
    CHECK rax, 0x2795ed75, "a32-stosq-bytes"

    ; a32 LODSB: reads [ESI], writes ESI back zero-extended
    mov rsi, 0xdead000000000000 | (S + 10)
    xor eax, eax
    a32 lodsb
    CHECK rax, 10, "a32-lodsb-al"
    CHECK rsi, S + 11, "a32-lodsb-rsi"

    ; a32 REPNE SCASB: search byte 20 among 64
    mov rdi, 0xbeef000000000000 | S
    mov rcx, 0xffffffff00000040
    mov eax, 20
    a32 repne scasb
    CHECK rdi, S + 21, "a32-scasb-rdi"
    CHECKD rcx, 43, "a32-scasb-rcx"

    ; a32 REPE CMPSD backwards (DF=1): S against itself, 4 dwords
    mov rsi, 0x1000000000000000 | (S + 12)
    mov rdi, 0x2000000000000000 | (S + 12)
    mov rcx, 0x3000000000000004
    std
    a32 repe cmpsd
    cld
    setz al
    movzx eax, al
    CHECK rax, 1, "a32-cmpsd-back-zf"
    CHECK rsi, S - 4, "a32-cmpsd-back-rsi"
    CHECK rdi, S - 4, "a32-cmpsd-back-rdi"
    CHECK rcx, 0, "a32-cmpsd-back-rcx"

    ; without 67h the same instruction uses all 64 bits: RCX[63:32] set means a huge count, so
    ; stop it early through a REPE mismatch instead
    mov esi, S + 10
    mov edi, D + 48
    mov rcx, 0x100000000
    repe cmpsb                   ; S[10] = 10, D[48] = 0xEE: the first compare mismatches
    mov rax, 0xffffffff
    CHECK rcx, rax, "a64-count-uses-rcx"
    DONE
