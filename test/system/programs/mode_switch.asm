; Scopes 2, 3, 7: real -> protected -> long mode in a few hundred instructions (traced): back to real mode and an INT through the IVT, protected mode, IA-32e activation, IRETQ to ring 3, INT 0x80 through an IST gate, SYSCALL/SYSRET, then the kernel again.
%include "rstest.inc"
%define R(x) ((x) - blob)
RSEG equ LOWCODE >> 4
LM_PML4 equ SCRATCH
LM_PDPT equ SCRATCH + 0x1000
LM_PD   equ SCRATCH + 0x2000
main32:
    mov esi, blob
    mov edi, LOWCODE
    mov ecx, blob_end - blob
    rep movsb
    mov [saved_esp], esp
    jmp CODE16:LOWCODE + R(pm16)
BITS 16
blob:
pm16:
    mov ax, DATA16
    mov ds, ax
    mov ss, ax
    mov eax, cr0
    and eax, ~1
    mov cr0, eax
    jmp RSEG:R(rm)
rm:
    mov ax, cs
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    lidt [R(rm_idt)]
    xor ax, ax
    mov es, ax
    mov word [es:0x60 * 4], R(int60)
    mov word [es:0x60 * 4 + 2], RSEG
    int 0x60
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp dword KCODE32:pm32
int60:
    mov word [R(rm_seen)], 1
    iret
rm_idt: dw 0x3ff
    dd 0
rm_seen: dw 0
blob_end:
BITS 32
pm32:
    mov ax, KDATA
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, [saved_esp]
    ; 4-level tables: the first 8 MiB, user-accessible 2 MiB pages
    mov dword [LM_PML4], LM_PDPT | 7
    mov dword [LM_PML4 + 4], 0
    mov dword [LM_PDPT], LM_PD | 7
    mov dword [LM_PDPT + 4], 0
    mov eax, 0x87
    xor ebx, ebx
.m: mov [LM_PD + ebx * 8], eax
    mov dword [LM_PD + ebx * 8 + 4], 0
    add eax, 0x200000
    inc ebx
    cmp ebx, 4
    jb .m
    mov eax, cr4
    or eax, 0x20
    mov cr4, eax
    mov eax, LM_PML4
    mov cr3, eax
    mov ecx, 0xc0000080
    rdmsr
    or eax, 0x101                    ; LME, SCE
    wrmsr
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp KCODE64:lm64
BITS 64
lm64:
    mov ax, KDATA
    mov ds, ax
    mov ss, ax
    lidt [idt64_desc]
    mov dword [tss + 8], 0           ; RSP0[63:32] (the 32-bit start put SS0 there)
    mov ax, TSS_SEL
    ltr ax
    ; gates: 0x80 DPL 3 on IST1, 0x81 DPL 3 (the way out), 13 and 14 for surprises
    mov eax, 0x80
    mov rdx, k80
    mov ecx, 0x1ee
    call set_gate64
    mov eax, 0x81
    mov rdx, done
    mov ecx, 0xee
    call set_gate64
    mov eax, 13
    mov rdx, exc_stubs64 + 13 * 16
    mov ecx, 0x8e
    call set_gate64
    mov eax, 14
    mov rdx, exc_stubs64 + 14 * 16
    mov ecx, 0x8e
    call set_gate64
    mov ecx, 0xc0000081              ; STAR
    xor eax, eax
    mov edx, 0x00200010
    wrmsr
    mov ecx, 0xc0000082              ; LSTAR
    mov eax, sys_entry
    xor edx, edx
    wrmsr
    mov ecx, 0xc0000084              ; SFMASK: IF, TF, DF, AC
    mov eax, 0x40700
    wrmsr
    mov [ksave], rsp
    push qword UDATA
    push qword USTACK_TOP
    push qword 0x3002
    push qword UCODE64
    push qword user
    iretq
k80:
    inc dword [k80_count]
    iretq
sys_entry:
    inc dword [sys_count]
    o64 sysret
user:
    or eax, 1                        ; arithmetic flags clear before SYSCALL (see syscall64 for QEMU's flags bug)
    int 0x80
    or eax, 1
    syscall
    int 0x81
done:
    mov rsp, [ksave]
    movzx eax, word [LOWCODE + R(rm_seen)]
    CHECK eax, 1, "INT 0x60 in real mode"
    CHECK [k80_count], 1, "INT 0x80 on IST1 from ring 3"
    CHECK [sys_count], 1, "SYSCALL"
    mov eax, cs
    CHECK eax, KCODE64, "64-bit ring 0"
    jmp finish64
saved_esp: dd 0
k80_count: dd 0
sys_count: dd 0
END_IMAGE
