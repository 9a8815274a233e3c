; REP MOVSB/W/D/Q: forward and backward (DF=1), zero count, overlapping copies, a copy across pages; final RSI/RDI/RCX.
bits 64
org 0x100000
%include "lib.inc"

S equ LIB_SCRATCH               ; source: byte i = i * 7 + 1
D equ LIB_SCRATCH + 0x10000     ; destination: 0xEE

; MOVS_CASE name, cld/std, instruction, rsi, rdi, count, expected rsi - base, expected rdi - base, hash base, hash length, hash
%macro MOVS_CASE 11
    call prep
    mov rsi, %4
    mov rdi, %5
    mov rcx, %6
    %2
    %3
    cld
    mov rax, rsi
    sub rax, %4
    CHECKS rax, %7 - (%4 - S), %1, "-rsi-moved"
    mov rax, rdi
    sub rax, %5
    CHECKS rax, %8 - (%5 - D), %1, "-rdi-moved"
    CHECKD rcx, 0, %1, "-rcx"
    HASH %9, %10
    CHECK rax, %11, %1, "-bytes"
%endmacro

_start:
    MOVS_CASE "movsb-fwd", cld, rep movsb, S + 3, D + 5, 13, 16, 18, D, 32, 0x39975095
    MOVS_CASE "movsw-fwd", cld, rep movsw, S + 1, D, 5, 11, 10, D, 16, 0x95ef4cdc
    MOVS_CASE "movsd-fwd", cld, rep movsd, S, D + 4, 7, 28, 32, D, 40, 0xe851ed9d
    MOVS_CASE "movsq-fwd", cld, rep movsq, S + 8, D, 3, 32, 24, D, 32, 0x6b401015
    MOVS_CASE "movsb-back", std, rep movsb, S + 20, D + 30, 10, 10, 20, D, 40, 0x197685da
    MOVS_CASE "movsw-back", std, rep movsw, S + 20, D + 30, 4, 12, 22, D, 40, 0x07a535d5
    MOVS_CASE "movsd-back", std, rep movsd, S + 40, D + 44, 5, 20, 24, D, 56, 0xdefba90d
    MOVS_CASE "movsq-back", std, rep movsq, S + 64, D + 72, 4, 32, 40, D, 80, 0xf106f485
    MOVS_CASE "movsb-5000-across-pages", cld, rep movsb, S + 100, D + 200, 5000, 5100, 5200, D, 5300, 0x0b507845

    ; zero count: nothing moves, RSI/RDI stay, the flags are not touched
    call prep
    mov esi, S
    mov edi, D
    xor ecx, ecx
    stc
    rep movsq
    setc al
    movzx eax, al
    CHECKD rax, 1, "zero-count-cf-kept"
    CHECK rsi, S, "zero-count-rsi"
    CHECK rdi, D, "zero-count-rdi"
    HASH D, 16
    CHECK rax, 0x15feaf05, "zero-count-dest-untouched"
    std
    xor ecx, ecx
    rep movsb
    cld
    CHECK rsi, S, "zero-count-back-rsi"

    ; overlapping forward copies repeat the first element, since each element is moved in turn
    call prep
    mov esi, S
    lea rdi, [rsi + 1]
    mov ecx, 10
    rep movsb
    HASH S, 16
    CHECK rax, 0x48ea7738, "overlap-byte-smear"
    mov al, [S + 10]
    movzx eax, al
    CHECK rax, 1, "overlap-byte-10"
    call prep
    mov esi, S
    lea rdi, [rsi + 8]
    mov ecx, 4
    rep movsq
    HASH S, 48
    CHECK rax, 0x34295d85, "overlap-qword-repeat"

    ; a backward copy (DF=1) into an overlapping higher destination is a correct memmove
    call prep
    mov esi, S + 15
    mov edi, S + 19
    mov ecx, 16
    std
    rep movsb
    cld
    HASH S, 24
    CHECK rax, 0x28bb1fd5, "memmove-backward"
    lea rax, [rsi + 1]
    CHECK rax, S, "memmove-rsi"
    movzx eax, byte [S + 19]
    CHECK rax, (15 * 7 + 1), "memmove-last-byte"

    ; MOVSB without REP moves one byte and leaves RCX alone; MOVSQ steps by 8 (or -8 with DF=1)
    call prep
    mov esi, S + 2
    mov edi, D
    mov ecx, 5
    movsb
    CHECKD rcx, 5, "movsb-single-rcx"
    mov rax, rsi
    sub rax, S
    CHECKD rax, 3, "movsb-single-rsi"
    movzx eax, byte [D]
    CHECK rax, 15, "movsb-single-byte"
    std
    movsq
    cld
    mov rax, rdi
    sub rax, D
    CHECKS rax, -7, "movsq-single-back-rdi"
    DONE

; prep: S[i] = i * 7 + 1 and D[i] = 0xEE for i < 0x2000, with plain stores
prep:
    push rax
    push rcx
    mov al, 1
    xor ecx, ecx
.fill:
    mov [S + rcx], al
    mov byte [D + rcx], 0xee
    add al, 7
    inc ecx
    cmp ecx, 0x2000
    jb .fill
    pop rcx
    pop rax
    ret
