# Real mode to 32-bit protected mode in GAS Intel syntax: GDT, CR0.PE, far jump, segment reload.
.intel_syntax noprefix
.code16
.text
.global entry16
entry16:
    cli
    xor ax, ax
    mov ds, ax
    in al, 0x92
    or al, 2
    out 0x92, al
    lgdt [gdtr]
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp 0x08:pm32
.code32
pm32:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, 0x90000
    movzx eax, byte ptr [flag]
    movsx ebx, word ptr [word_val]
    mov dword ptr [0xb8000], 0x2f4b2f4f
    lea esi, [esi + ebx*4 + 16]
    call dword ptr [vec]
1:  hlt
    jmp 1b
handler:
    ret
.p2align 3
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff
    .quad 0x00cf92000000ffff
gdtr:
    .word gdtr - gdt - 1
    .long gdt
flag: .byte 1
word_val: .word -2
vec: .long handler
