; REPE/REPNE CMPSB/W/D/Q: where the scan stops, final RCX/RSI/RDI, the flags of the last compare, DF=1, zero count.
bits 64
org 0x100000
%include "lib.inc"

A equ LIB_SCRATCH               ; A[i] = i * 7 + 1
B equ LIB_SCRATCH + 0x1000      ; A with byte 13 xor 0x80
C equ LIB_SCRATCH + 0x2000      ; A xor 0x55, except bytes 8..23 equal to A
N equ LIB_SCRATCH + 0x3000      ; A xor 0x55 everywhere
ARITH equ 0x8d5                 ; OF SF ZF AF PF CF

; CMPS_CASE name, cld/std, instruction, rsi, rdi, count, RCX after, RSI movement, flags after
%macro CMPS_CASE 9
    mov rsi, %4
    mov rdi, %5
    mov rcx, %6
    %2
    %3
    pushf
    cld
    pop rax
    and eax, ARITH
    CHECK rax, %9, %1, "-flags"
    CHECKD rcx, %7, %1, "-rcx"
    sub rsi, %4
    CHECKS rsi, %8, %1, "-rsi-moved"
    sub rdi, %5
    CHECKS rdi, %8, %1, "-rdi-moved"
%endmacro

_start:
    call prep
    CMPS_CASE "repe-cmpsb-mismatch-13", cld, repe cmpsb, A, B, 20, 6, 14, 0x881
    CMPS_CASE "repe-cmpsb-all-equal", cld, repe cmpsb, A, A + 0, 20, 0, 20, 0x44
    CMPS_CASE "repe-cmpsw", cld, repe cmpsw, A, B, 10, 3, 14, 0x885
    CMPS_CASE "repe-cmpsd", cld, repe cmpsd, A, B, 10, 6, 16, 0x85
    CMPS_CASE "repe-cmpsq", cld, repe cmpsq, A, B, 10, 8, 16, 0x85
    CMPS_CASE "repe-cmpsb-back", std, repe cmpsb, A + 19, B + 19, 20, 13, -7, 0x881
    CMPS_CASE "repe-cmpsq-back", std, repe cmpsq, A + 56, B + 56, 8, 1, -56, 0x85
    CMPS_CASE "repne-cmpsb-first-equal", cld, repne cmpsb, A, C, 20, 11, 9, 0x44
    CMPS_CASE "repne-cmpsb-none-equal", cld, repne cmpsb, A, N, 20, 0, 20, 0x81
    CMPS_CASE "repne-cmpsw", cld, repne cmpsw, A, C, 10, 5, 10, 0x44
    CMPS_CASE "repne-cmpsd", cld, repne cmpsd, A, C, 10, 7, 12, 0x44
    CMPS_CASE "repne-cmpsq", cld, repne cmpsq, A, C, 10, 8, 16, 0x44
    CMPS_CASE "repne-cmpsb-back", std, repne cmpsb, A + 30, C + 30, 31, 23, -8, 0x44

    ; zero count: no compare, the flags stay as they were (CF=1 ZF=0 from STC and an OR)
    mov esi, A
    mov edi, B
    xor ecx, ecx
    mov eax, 1
    or eax, eax                 ; PF=0 ZF=0 SF=0, CF=0
    stc
    repe cmpsb
    pushf
    pop rax
    and eax, ARITH
    CHECK rax, 0x1, "zero-count-repe-flags-kept"
    CHECK rsi, A, "zero-count-rsi"
    mov eax, 1
    or eax, eax                 ; PF=0 ZF=0 SF=0, CF=0
    stc
    repne cmpsq
    pushf
    pop rax
    and eax, ARITH
    CHECK rax, 0x1, "zero-count-repne-flags-kept"

    ; CMPSB without REP compares once and steps both pointers
    mov esi, A + 13
    mov edi, B + 13
    mov ecx, 7
    cmpsb
    pushf
    pop rax
    and eax, ARITH
    CHECK rax, 0x881, "cmpsb-single-flags"
    CHECKD rcx, 7, "cmpsb-single-rcx"
    DONE

; prep: A, B, C, N as described above, with plain byte stores
prep:
    xor ecx, ecx
    mov al, 1
.fill:
    mov [A + rcx], al
    mov [B + rcx], al
    mov dl, al
    xor dl, 0x55
    mov [N + rcx], dl
    cmp ecx, 8
    jb .c_differs
    cmp ecx, 24
    jae .c_differs
    mov dl, al
.c_differs:
    mov [C + rcx], dl
    add al, 7
    inc ecx
    cmp ecx, 256
    jb .fill
    xor byte [B + 13], 0x80
    ret
