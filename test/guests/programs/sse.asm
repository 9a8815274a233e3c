; SSE2: enabling SSE (CR0/CR4), MOVDQU/MOVDQA/MOVAPS/MOVQ/MOVD/PUNPCKHQDQ, a 16-bytes-at-a-time strlen with PXOR/PCMPEQB/PMOVMSKB, and an FXSAVE/FXRSTOR round trip.
bits 64
org 0x100000
%include "lib.inc"

BUF  equ LIB_SCRATCH            ; 16-byte aligned strings
FX   equ LIB_SCRATCH + 0x1000   ; FXSAVE area (512 bytes, 16-byte aligned)
FX2  equ LIB_SCRATCH + 0x1400

_start:
    mov rax, cr0
    and rax, ~(1 << 2)          ; EM = 0: no x87 emulation
    or rax, 1 << 1              ; MP = 1
    mov cr0, rax
    mov rax, cr4
    or rax, (1 << 9) | (1 << 10) ; OSFXSR, OSXMMEXCPT: SSE instructions allowed
    mov cr4, rax

    ; moves between memory, XMM and general registers
    mov rax, 0x0706050403020100
    mov [BUF], rax
    mov rax, 0x0f0e0d0c0b0a0908
    mov [BUF + 8], rax
    movdqa xmm0, [BUF]
    movdqu [BUF + 0x21], xmm0   ; unaligned store
    movdqu xmm1, [BUF + 0x21]
    movq rax, xmm1
    CHECK rax, 0x0706050403020100, "movdqu-round-trip-low"
    punpckhqdq xmm1, xmm1       ; the high quadword into the low one
    movq rax, xmm1
    CHECK rax, 0x0f0e0d0c0b0a0908, "movdqu-round-trip-high"
    mov rax, [BUF + 0x25]
    CHECK rax, 0x0b0a090807060504, "movdqu-unaligned-bytes"
    movaps xmm9, xmm0
    movq rax, xmm9
    CHECK rax, 0x0706050403020100, "movaps-xmm9"
    mov eax, 0x89abcdef
    movd xmm2, eax              ; MOVD zero-extends to 128 bits
    movq rbx, xmm2
    CHECK rbx, 0x89abcdef, "movd-zero-extends"
    punpckhqdq xmm2, xmm2
    movq rbx, xmm2
    CHECK rbx, 0, "movd-upper-zero"
    movdqa xmm0, [BUF]
    pxor xmm0, xmm0
    pxor xmm5, xmm5
    pcmpeqb xmm5, xmm0          ; all 16 bytes equal to zero
    pmovmskb eax, xmm5
    CHECK rax, 0xffff, "pxor-self-is-zero"

    ; strlen with 16-byte compares against zero
    mov rsi, str0
    call sse_strlen
    CHECKD rax, 0, "strlen-0"
    mov rsi, str1
    call sse_strlen
    CHECKD rax, 1, "strlen-1"
    mov rsi, str15
    call sse_strlen
    CHECKD rax, 15, "strlen-15"
    mov rsi, str16
    call sse_strlen
    CHECKD rax, 16, "strlen-16"
    mov rsi, str17
    call sse_strlen
    CHECKD rax, 17, "strlen-17"
    mov rsi, str100
    call sse_strlen
    CHECKD rax, 100, "strlen-100"
    ; the PMOVMSKB mask of one block: bytes 3 and 10 are zero
    movdqa xmm3, [mask_block]
    pxor xmm4, xmm4
    pcmpeqb xmm3, xmm4
    pmovmskb eax, xmm3
    CHECK rax, 0x0408, "pmovmskb-zero-bytes-3-and-10"

    ; FXSAVE/FXRSTOR: x87 control state, MXCSR and all 16 XMM registers survive a round trip
    ; (the x87 register stack is covered by x87-fxsave.asm)
    fninit
    mov word [DATA], 0x027f     ; precision control 53-bit
    fldcw [DATA]
    mov eax, 0x7f80             ; round toward zero, all exceptions masked
    mov [DATA], eax
    ldmxcsr [DATA]
%assign i 0
%rep 16
    mov rax, 0x1111111111111111 * (i + 1)
    movq xmm %+ i, rax
    punpcklqdq xmm %+ i, xmm %+ i       ; both halves = the pattern
    %assign i i + 1
%endrep
    fxsave [FX]
    CHECK qword [FX + 24], 0xffff00007f80, "fxsave-mxcsr-and-mask"
    movzx eax, word [FX]
    CHECK rax, 0x27f, "fxsave-fcw"
    movzx eax, word [FX + 2]
    CHECK rax, 0, "fxsave-fsw"
    movzx eax, byte [FX + 4]
    CHECK rax, 0, "fxsave-abridged-tag-all-empty"
    CHECK qword [FX + 160], 0x1111111111111111, "fxsave-xmm0"
    CHECK qword [FX + 160 + 15 * 16 + 8], 0x1111111111111111 * 16, "fxsave-xmm15-high"
    ; clobber everything, then restore
    fninit
%assign i 0
%rep 16
    pxor xmm %+ i, xmm %+ i
    %assign i i + 1
%endrep
    mov dword [DATA], 0x1f80
    ldmxcsr [DATA]
    fxrstor [FX]
    fnstcw [DATA]
    movzx eax, word [DATA]
    CHECK rax, 0x27f, "fxrstor-fcw"
    stmxcsr [DATA]
    mov eax, [DATA]
    CHECK rax, 0x7f80, "fxrstor-mxcsr"
    movq rax, xmm7
    CHECK rax, 0x8888888888888888, "fxrstor-xmm7"
    punpckhqdq xmm15, xmm15
    movq rax, xmm15
    CHECK rax, 0x1111111111111111 * 16, "fxrstor-xmm15-high"
    fxsave [FX2]                ; a second save gives the same XMM/MXCSR/x87 image
    mov rsi, FX2
    mov rdi, FX
    mov ecx, 160
    repe cmpsb
    CHECKD rcx, 0, "fxsave-again-same-legacy-area"
    mov rsi, FX2 + 160
    mov rdi, FX + 160
    mov ecx, 256
    repe cmpsb
    CHECKD rcx, 0, "fxsave-again-same-xmm-area"
    DONE

; sse_strlen(rsi, 16-byte aligned) -> rax
sse_strlen:
    pxor xmm0, xmm0
    mov rax, rsi
.block:
    movdqa xmm1, [rax]
    pcmpeqb xmm1, xmm0
    pmovmskb ecx, xmm1
    test ecx, ecx
    jnz .found
    add rax, 16
    jmp .block
.found:
    bsf ecx, ecx
    add rax, rcx
    sub rax, rsi
    ret

    align 16, db 0
str0:   db 0
    align 16, db 0
str1:   db "a", 0
    align 16, db 0
str15:  db "fifteen chars!!", 0
    align 16, db 0
str16:  db "sixteen chars!!!", 0
    align 16, db 0
str17:  db "seventeen chars!!", 0
    align 16, db 0
str100: times 100 db 'x'
    db 0
    align 16, db 0
mask_block: db 1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 0, 12, 13, 14, 15, 16

[absolute DATA]
    resq 1
