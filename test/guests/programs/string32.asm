; String instructions in 32-bit protected mode (direct32): REP MOVS/STOS/LODS/CMPS/SCAS with ESI/EDI/ECX, and 16-bit addressing (67h: SI/DI/CX, 64 KiB wrap).
bits 32
org 0x100000
%define LIB32
%include "lib.inc"

S equ LIB_SCRATCH
D equ LIB_SCRATCH + 0x1000
LOW equ 0xc000                  ; a buffer below 64 KiB for 16-bit addresses

_start:
    xor ecx, ecx
.fill:                          ; S[i] = i * 3, D[i] = 0xEE
    lea eax, [ecx + ecx * 2]
    mov [S + ecx], al
    mov byte [D + ecx], 0xee
    inc ecx
    cmp ecx, 256
    jb .fill

    ; REP MOVSD forward and REP MOVSW backward
    mov esi, S + 4
    mov edi, D + 8
    mov ecx, 6
    rep movsd
    CHECK esi, S + 28, "movsd-esi"
    CHECK edi, D + 32, "movsd-edi"
    CHECK ecx, 0, "movsd-ecx"
    HASH D, 40
    CHECK eax, 0x60cf04d5, "movsd-bytes"
    mov esi, S + 100
    mov edi, D + 100
    mov ecx, 5
    std
    rep movsw
    cld
    CHECK esi, S + 90, "movsw-back-esi"
    HASH D + 88, 16
    CHECK eax, 0xb4b96618, "movsw-back-bytes"

    ; REP STOSW, REP LODSD (last dword), REPNE SCASB, REPE CMPSB
    mov edi, D + 200
    mov ecx, 4
    mov ax, 0xbeef
    rep stosw
    HASH D + 196, 16
    CHECK eax, 0x0ef9a30d, "stosw-bytes"
    mov esi, S
    mov ecx, 3
    rep lodsd
    CHECK eax, 0x211e1b18, "rep-lodsd-last"
    mov edi, S
    mov ecx, 256
    mov al, 99                  ; 33 * 3
    repne scasb
    CHECK ecx, 256 - 34, "repne-scasb-ecx"
    CHECK edi, S + 34, "repne-scasb-edi"
    mov esi, S + 4
    mov edi, D + 8
    mov ecx, 30
    repe cmpsb                  ; equal for 24 bytes (the MOVSD copy), then D has 0xEE
    CHECK ecx, 5, "repe-cmpsb-ecx"
    setc al                     ; S[28] = 84 < 0xEE
    movzx eax, al
    CHECK eax, 1, "repe-cmpsb-cf"

    ; 16-bit addressing: SI/DI/CX only; the upper halves of ESI/EDI/ECX are preserved
    xor ecx, ecx
.low:
    mov byte [LOW + ecx], cl
    mov byte [LOW + 0x100 + ecx], 0xee
    inc ecx
    cmp ecx, 16
    jb .low
    mov esi, 0xabcd0000 | LOW
    mov edi, 0x12340000 | (LOW + 0x100)
    mov ecx, 0x55550004
    a16 rep movsb
    CHECK esi, 0xabcd0000 | (LOW + 4), "a16-movsb-esi-upper-kept"
    CHECK edi, 0x12340000 | (LOW + 0x104), "a16-movsb-edi-upper-kept"
    CHECK ecx, 0x55550000, "a16-movsb-ecx-upper-kept"
    HASH LOW + 0x100, 8
    CHECK eax, 0x1b3ebea1, "a16-movsb-bytes"

    ; SI wraps from 0xFFFF to 0x0000 inside the 64 KiB segment
    mov byte [0xfffe], 0x11
    mov byte [0xffff], 0x22
    mov byte [0x0000], 0x33
    mov byte [0x0001], 0x44
    mov esi, 0xfffe
    mov edi, LOW + 0x200
    mov ecx, 4
    a16 rep movsb
    mov eax, [LOW + 0x200]
    CHECK eax, 0x44332211, "a16-si-wraps"
    CHECK esi, 2, "a16-si-after-wrap"

    ; DI wraps the same way for STOSB
    mov edi, 0xffff
    mov ecx, 2
    mov al, 0x5a
    a16 rep stosb
    movzx eax, byte [0x0000]
    CHECK eax, 0x5a, "a16-di-wraps-store"
    CHECK edi, 1, "a16-di-after-wrap"
    DONE
