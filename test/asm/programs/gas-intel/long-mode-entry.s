# 32-bit entry that turns on PAE paging and long mode, then far-jumps to 64-bit code (GAS Intel syntax).
.intel_syntax noprefix
.set CR4_PAE, 1 << 5
.set EFER, 0xC0000080
.text
.code32
.global start32
start32:
    mov esp, offset stack_top
    mov eax, offset pdpt
    or eax, 3
    mov dword ptr [pml4], eax
    mov eax, offset pd
    or eax, 3
    mov dword ptr [pdpt], eax
    xor ecx, ecx
1:  mov eax, 0x200000
    mul ecx
    or eax, 0x83
    mov [pd + ecx*8], eax
    inc ecx
    cmp ecx, 512
    jne 1b
    mov eax, offset pml4
    mov cr3, eax
    mov eax, cr4
    or eax, CR4_PAE
    mov cr4, eax
    mov ecx, EFER
    rdmsr
    or eax, 1 << 8
    wrmsr
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    lgdt [gdt_ptr]
    jmp 0x08:long_mode
.code64
long_mode:
    mov ax, 0x10
    mov ds, ax
    mov ss, ax
    mov rsp, offset stack_top
    movabs rax, 0xffff800000000000
    call kmain
2:  hlt
    jmp 2b
kmain:
    mov dx, 0x3f8
    mov al, 'K'
    out dx, al
    ret
.section .rodata
.p2align 3
gdt:
    .quad 0, 0x00af9a000000ffff, 0x00cf92000000ffff
gdt_ptr:
    .word gdt_ptr - gdt - 1
    .long gdt
.section .bss
.p2align 12
pml4: .skip 4096
pdpt: .skip 4096
pd:   .skip 4096
      .skip 8192
stack_top:
