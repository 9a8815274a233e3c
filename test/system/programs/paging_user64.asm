; Scope 4: U/S, R/W and NX from 64-bit ring 3: error codes 5/6/7/0x15 and a supervisor PDE hiding user PTEs.
%define LONG
%include "rstest.inc"
PD2 equ SCRATCH
PT2 equ SCRATCH + 0x1000
main64:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov rdx, user_return64
    mov ecx, 0xee
    call set_gate64
    mov edi, SCRATCH
    xor eax, eax
    mov ecx, 2 * 1024
    rep stosd
    mov ecx, 0xc0000080
    rdmsr
    or eax, 0x800
    wrmsr
    mov dword [PDPT + 16], PD2 | 7         ; linear 2 GiB
    mov dword [PD2], PT2 | 7
    mov dword [PT2 + 0], 0x700003          ; supervisor
    mov dword [PT2 + 8], 0x701005          ; user read-only
    mov dword [PT2 + 16], 0x702007         ; user RW, NX
    mov dword [PT2 + 20], 0x80000000
    mov dword [PT2 + 24], 0x703006         ; not present
    mov dword [PD2 + 8], PT2 | 3           ; linear 2 GiB + 2 MiB: supervisor PDE over user PTEs
    mov byte [0x702000], 0xc3
    mov rax, cr3
    mov cr3, rax
    ENTER_USER64 user, back
back:
    ret
user:
    mov rbx, 0x80000000
    TRYQ .a
    mov eax, [rbx]
.a: EXPECT 14, 5, "user read supervisor"
    TRYQ .b
    mov dword [rbx + 0x1000], 1
.b: EXPECT 14, 7, "user write read-only"
    mov eax, [rbx + 0x2000]
    CHECK eax, 0xc3, "user read NX page"
    lea rcx, [rbx + 0x2000]
    TRYQ .c
    call rcx
.c: add rsp, 8
    EXPECT 14, 0x15, "user fetch NX"
    TRYQ .d
    mov dword [rbx + 0x3000], 1
.d: EXPECT 14, 6, "user write not present"
    TRYQ .e
    mov eax, [rbx + 0x201000]
.e: EXPECT 14, 5, "user PTE under supervisor PDE"
    int 0x80
END_IMAGE
