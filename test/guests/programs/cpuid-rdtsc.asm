; CPUID: a known vendor string, the feature bits the other guest programs rely on, long mode; RDTSC: EDX:EAX, monotonic across work.
bits 64
org 0x100000
%include "lib.inc"

; BIT_SET name, register, bit: check one CPUID feature bit
%macro BIT_SET 3
    mov rax, %2
    shr rax, %3
    and eax, 1
    CHECKD rax, 1, %1
%endmacro

_start:
    mov rbx, -1                 ; CPUID writes all four registers as 32-bit values
    mov rcx, -1
    mov rdx, -1
    xor eax, eax
    cpuid
    mov r8, rax
    cmp r8, 1
    setae al
    movzx eax, al
    CHECKD rax, 1, "cpuid-max-leaf-at-least-1"
    mov rax, rbx
    shr rax, 32
    CHECK rax, 0, "cpuid-rbx-upper-cleared"
    ; vendor string: EBX, EDX, ECX
    mov [DATA], ebx
    mov [DATA + 4], edx
    mov [DATA + 8], ecx
    mov byte [DATA + 12], 0
    xor eax, eax
    mov rsi, DATA
    mov rdi, intel
    mov ecx, 12
    repe cmpsb
    je .known
    mov rsi, DATA
    mov rdi, amd
    mov ecx, 12
    repe cmpsb
    jne .unknown
.known:
    mov eax, 1
.unknown:
    CHECKD rax, 1, "cpuid-vendor-intel-or-amd"

    mov eax, 1
    cpuid
    BIT_SET "cpuid1-edx-fpu", rdx, 0
    BIT_SET "cpuid1-edx-tsc", rdx, 4
    BIT_SET "cpuid1-edx-cx8", rdx, 8
    BIT_SET "cpuid1-edx-cmov", rdx, 15
    BIT_SET "cpuid1-edx-fxsr", rdx, 24
    BIT_SET "cpuid1-edx-sse", rdx, 25
    BIT_SET "cpuid1-edx-sse2", rdx, 26
    BIT_SET "cpuid1-ecx-cx16", rcx, 13
    BIT_SET "cpuid1-ecx-sse4.2", rcx, 20
    BIT_SET "cpuid1-ecx-popcnt", rcx, 23

    mov eax, 0x80000000
    cpuid
    cmp eax, 0x80000001
    setae al
    movzx eax, al
    CHECKD rax, 1, "cpuid-extended-leaves"
    mov eax, 0x80000001
    cpuid
    BIT_SET "cpuid-ext-edx-long-mode", rdx, 29
    BIT_SET "cpuid-ext-ecx-lzcnt", rcx, 5

    ; RDTSC: EDX:EAX with RAX/RDX[63:32] cleared; it never goes backwards
    mov rax, -1
    mov rdx, -1
    rdtsc
    mov rcx, rax
    or rcx, rdx
    shr rcx, 32
    CHECK rcx, 0, "rdtsc-upper-halves-cleared"
    shl rdx, 32
    or rax, rdx
    mov r8, rax
    mov ecx, 1000
.spin:
    dec ecx
    jnz .spin
    rdtsc
    shl rdx, 32
    or rax, rdx
    mov r9, rax
    cmp r9, r8
    seta al
    movzx eax, al
    CHECKD rax, 1, "rdtsc-advances"
    xor ebx, ebx
    mov ecx, 20
.many:                          ; 20 readings in a row, each later than the one before
    rdtsc
    shl rdx, 32
    or rax, rdx
    cmp rax, r9
    jbe .back
    mov r9, rax
    dec ecx
    jnz .many
    jmp .done
.back:
    inc ebx
.done:
    CHECKD rbx, 0, "rdtsc-monotonic-20-reads"
    DONE

intel: db "GenuineIntel"
amd:   db "AuthenticAMD"

[absolute DATA]
    resb 16
