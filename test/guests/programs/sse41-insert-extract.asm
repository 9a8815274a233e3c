; SSE4.1 (advertised by CPUID.1:ECX bit 19): PEXTRB/PEXTRD/PEXTRQ, PINSRB/PINSRD/PINSRQ, PTEST, PMINUD, PCMPEQQ on known vectors.
bits 64
org 0x100000
%include "lib.inc"

_start:
    mov rax, cr4
    or rax, (1 << 9) | (1 << 10) ; OSFXSR, OSXMMEXCPT
    mov cr4, rax
    mov eax, 1
    cpuid
    shr ecx, 19
    and ecx, 1
    CHECKD rcx, 1, "cpuid-sse4.1"

    movdqu xmm1, [vec]
    pextrq rax, xmm1, 1
    CHECK rax, 0x0f0e0d0c0b0a0908, "pextrq-high"
    pextrq rax, xmm1, 0
    CHECK rax, 0x0706050403020100, "pextrq-low"
    mov rax, -1
    pextrd eax, xmm1, 2         ; zero-extends into RAX
    CHECK rax, 0x0b0a0908, "pextrd-2"
    pextrb eax, xmm1, 13
    CHECK rax, 0x0d, "pextrb-13"
    mov rbx, 0x1122334455667788
    pinsrq xmm1, rbx, 1
    pextrq rax, xmm1, 1
    CHECK rax, 0x1122334455667788, "pinsrq-high"
    mov ebx, 0xaabbccdd
    pinsrd xmm1, ebx, 0
    movq rax, xmm1
    CHECK rax, 0x07060504aabbccdd, "pinsrd-0"
    mov ebx, 0x99
    pinsrb xmm1, ebx, 7
    movq rax, xmm1
    CHECK rax, 0x99060504aabbccdd, "pinsrb-7"

    pxor xmm0, xmm0
    ptest xmm0, xmm0            ; ZF = (xmm0 AND xmm0) == 0
    setz al
    movzx eax, al
    CHECKD rax, 1, "ptest-zero-sets-zf"
    ptest xmm1, xmm1
    setz al
    movzx eax, al
    CHECKD rax, 0, "ptest-nonzero-clears-zf"

    movdqu xmm2, [vec]
    movdqu xmm3, [vec]
    pcmpeqq xmm2, xmm3
    movq rax, xmm2
    CHECK rax, -1, "pcmpeqq-equal"
    movdqu xmm4, [u32a]
    movdqu xmm5, [u32b]
    pminud xmm4, xmm5
    movq rax, xmm4
    CHECK rax, 0x0000000500000001, "pminud-low"
    DONE

vec:  db 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
u32a: dd 1, 0xffffffff, 7, 8
u32b: dd 2, 5, 7, 0
