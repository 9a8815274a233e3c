; REP STOSB/W/D/Q forward and backward, zero count, a fill across pages; LODSB/W/D/Q loops, REP LODS, LODS register widths.
bits 64
org 0x100000
%include "lib.inc"

S equ LIB_SCRATCH               ; byte i = i * 7 + 1
D equ LIB_SCRATCH + 0x10000     ; 0xEE

; STOS_CASE name, cld/std, instruction, value, rdi, count, expected rdi movement, hash length, hash of D
%macro STOS_CASE 9
    call prep
    mov rax, %4
    mov rdi, %5
    mov rcx, %6
    %2
    %3
    cld
    sub rdi, %5
    CHECKS rdi, %7, %1, "-rdi-moved"
    CHECKD rcx, 0, %1, "-rcx"
    HASH D, %8
    CHECK rax, %9, %1, "-bytes"
%endmacro

_start:
    STOS_CASE "stosb-fwd", cld, rep stosb, 0xab, D + 3, 17, 17, 32, 0x8e797cee
    STOS_CASE "stosw-fwd", cld, rep stosw, 0x1234, D + 1, 6, 12, 16, 0xbb145615
    STOS_CASE "stosd-fwd", cld, rep stosd, 0xdeadbeef, D, 5, 20, 24, 0x32722f2b
    STOS_CASE "stosq-fwd", cld, rep stosq, 0x0123456789abcdef, D + 8, 3, 24, 40, 0x6ccba015
    STOS_CASE "stosb-back", std, rep stosb, 0xab, D + 20, 7, -7, 32, 0xbbacc9a2
    STOS_CASE "stosw-back", std, rep stosw, 0x1234, D + 20, 3, -6, 32, 0x694f349b
    STOS_CASE "stosd-back", std, rep stosd, 0xdeadbeef, D + 24, 4, -16, 32, 0x307340b5
    STOS_CASE "stosq-back", std, rep stosq, 0x0123456789abcdef, D + 32, 3, -24, 48, 0x71a03735
    STOS_CASE "stosq-8000-across-pages", cld, rep stosq, 0x0123456789abcdef, D + 4, 1000, 8000, 8016, 0x77080985

    ; zero count: no store, RDI and flags unchanged
    call prep
    mov edi, D + 5
    xor ecx, ecx
    mov al, 0x55
    xor edx, edx                ; ZF = 1
    rep stosb
    setz dl
    CHECKD rdx, 1, "stos-zero-count-zf-kept"
    CHECK rdi, D + 5, "stos-zero-count-rdi"
    HASH D, 16
    CHECK rax, 0x15feaf05, "stos-zero-count-untouched"

    ; LODS loops: sum the first 100 bytes as bytes, words, dwords and qwords
    call prep
    mov esi, S
    mov ecx, 100
    xor ebx, ebx
    xor eax, eax
.lb:
    lodsb
    add rbx, rax
    dec ecx
    jnz .lb
    CHECKD rbx, 11710, "lodsb-sum-100"
    mov esi, S
    mov ecx, 50
    xor ebx, ebx
    xor eax, eax
.lw:
    lodsw
    add rbx, rax
    dec ecx
    jnz .lw
    CHECKD rbx, 1484080, "lodsw-sum-50"
    mov esi, S
    mov ecx, 25
    xor ebx, ebx
.ld:
    lodsd
    add rbx, rax
    dec ecx
    jnz .ld
    CHECKD rbx, 51561735145, "lodsd-sum-25"
    mov esi, S
    mov ecx, 12
    xor ebx, ebx
.lq:
    lodsq
    add rbx, rax
    dec ecx
    jnz .lq
    CHECK rbx, 0xcd7925d17d28d57c, "lodsq-sum-12"
    mov rax, rsi
    sub rax, S
    CHECKD rax, 96, "lodsq-rsi-moved"

    ; the same 12 qwords read backwards with DF=1
    mov esi, S + 88
    mov ecx, 12
    xor ebx, ebx
    std
.lqb:
    lodsq
    add rbx, rax
    dec ecx
    jnz .lqb
    cld
    CHECK rbx, 0xcd7925d17d28d57c, "lodsq-back-sum-12"
    mov rax, rsi
    sub rax, S
    CHECKS rax, -8, "lodsq-back-rsi"

    ; REP LODSB leaves the last byte in AL, RCX = 0
    mov esi, S
    mov ecx, 10
    xor eax, eax
    rep lodsb
    CHECK rax, 64, "rep-lodsb-last-byte"
    CHECKD rcx, 0, "rep-lodsb-rcx"
    mov rax, rsi
    sub rax, S
    CHECKD rax, 10, "rep-lodsb-rsi-moved"

    ; LODSB and LODSW keep the rest of RAX; LODSD zero-extends into RAX
    mov esi, S + 9
    mov rax, -1
    lodsb
    CHECK rax, 0xffffffffffffff40, "lodsb-keeps-upper"
    mov esi, S + 2
    mov rax, -1
    lodsw
    CHECK rax, 0xffffffffffff160f, "lodsw-keeps-upper"
    mov esi, S + 4
    mov rax, -1
    lodsd
    CHECK rax, 0x322b241d, "lodsd-zero-extends"
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
