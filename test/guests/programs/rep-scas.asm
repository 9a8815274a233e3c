; REPE/REPNE SCASB/W/D/Q: strlen, skipping a prefix, searching word/dword/qword arrays, strrchr with DF=1, zero count.
bits 64
org 0x100000
%include "lib.inc"

ARITH equ 0x8d5                 ; OF SF ZF AF PF CF
W equ LIB_SCRATCH               ; 16 words: W[i] = i * 0x111
DWA equ LIB_SCRATCH + 0x100      ; 16 dwords: i * 0x01010101 + 5
Q equ LIB_SCRATCH + 0x200       ; 5 zero qwords, 0x8000000000000000, 2 zero qwords
Z equ LIB_SCRATCH + 0x300       ; dwords 0, 0, 0, 7

; SCAS_CASE name, cld/std, instruction, rax, rdi, rcx, RCX after, RDI movement, flags after
%macro SCAS_CASE 9
    mov rax, %4
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
    sub rdi, %5
    CHECKS rdi, %8, %1, "-rdi-moved"
%endmacro

_start:
    call prep
    ; strlen: REPNE SCASB for the NUL with RCX = -1; length = NOT RCX - 1
    SCAS_CASE "strlen-scan", cld, repne scasb, 0, hello, -1, 18446744073709551602, 13, 0x44
    mov edi, hello
    mov rcx, -1
    xor eax, eax
    repne scasb
    not rcx
    dec rcx
    CHECKD rcx, 12, "strlen-hello-world"
    SCAS_CASE "skip-leading-spaces", cld, repe scasb, ' ', spaces, 8, 2, 6, 0x91
    SCAS_CASE "repne-scasw-find", cld, repne scasw, 0x777, W, 16, 8, 16, 0x44
    SCAS_CASE "repe-scasw-zero-prefix", cld, repe scasw, 0, W, 16, 14, 4, 0x91
    SCAS_CASE "repne-scasd-find", cld, repne scasd, 0x0a0a0a0f, DWA, 16, 5, 44, 0x44
    SCAS_CASE "repe-scasd-last-differs", cld, repe scasd, 0, Z, 4, 0, 16, 0x95
    SCAS_CASE "repe-scasq-zero-run", cld, repe scasq, 0, Q, 8, 2, 48, 0x885
    SCAS_CASE "repne-scasq-find", cld, repne scasq, 0x8000000000000000, Q, 8, 2, 48, 0x44
    SCAS_CASE "repne-scasb-back-strrchr", std, repne scasb, '/', path + 13, 14, 10, -4, 0x44
    mov edi, path + 13
    mov ecx, 14
    mov al, '/'
    std
    repne scasb
    cld
    lea rax, [rdi + 1]
    sub rax, path
    CHECKD rax, 10, "strrchr-index"

    ; the scanned value is AL/AX/EAX/RAX only: high bits of RAX do not take part in SCASB
    SCAS_CASE "scasb-uses-al-only", cld, repne scasb, 0x1234567800000020, spaces, 8, 7, 1, 0x44

    ; zero count: no compare, flags and RDI unchanged
    mov edi, W
    xor ecx, ecx
    xor eax, eax                ; ZF=1 PF=1
    repne scasw
    pushf
    pop rax
    and eax, ARITH
    CHECK rax, 0x44, "zero-count-flags-kept"
    CHECK rdi, W, "zero-count-rdi"
    DONE

prep:
    xor ecx, ecx
    xor eax, eax
    mov edx, 5
.fill:
    mov [W + rcx * 2], ax
    mov [DWA + rcx * 4], edx
    add eax, 0x111
    add edx, 0x01010101
    inc ecx
    cmp ecx, 16
    jb .fill
    xor ecx, ecx
.q:
    mov qword [Q + rcx * 8], 0
    inc ecx
    cmp ecx, 8
    jb .q
    mov rax, 0x8000000000000000
    mov [Q + 5 * 8], rax
    mov dword [Z], 0
    mov dword [Z + 4], 0
    mov dword [Z + 8], 0
    mov dword [Z + 12], 7
    ret

hello:  db "hello, world", 0
spaces: db "     abc"
path:   db "/usr/local/bin"
