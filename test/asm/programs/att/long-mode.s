# Multiboot entry that builds identity page tables, enables PAE and long mode, and jumps to 64-bit code.
        .set MB_MAGIC, 0x1BADB002
        .set MB_FLAGS, (1 << 0) | (1 << 1)
        .set MB_CHECKSUM, -(MB_MAGIC + MB_FLAGS)
        .set EFER_MSR, 0xC0000080

        .section .text
        .code32
        .p2align 2
multiboot_header:
        .long MB_MAGIC
        .long MB_FLAGS
        .long MB_CHECKSUM

        .globl _start
_start:
        cli
        movl    $stack_top, %esp
        movl    %eax, %edi              # multiboot magic
        movl    %ebx, %esi              # multiboot info

        # PML4[0] -> PDPT, PDPT[0] -> PD, PD[i] -> 2 MiB pages
        movl    $pdpt, %eax
        orl     $0x3, %eax
        movl    %eax, pml4
        movl    $pd, %eax
        orl     $0x3, %eax
        movl    %eax, pdpt
        xorl    %ecx, %ecx
1:      movl    $0x200000, %eax
        mull    %ecx
        orl     $0x83, %eax
        movl    %eax, pd(,%ecx,8)
        incl    %ecx
        cmpl    $512, %ecx
        jne     1b

        movl    $pml4, %eax
        movl    %eax, %cr3
        movl    %cr4, %eax
        orl     $(1 << 5), %eax         # PAE
        movl    %eax, %cr4
        movl    $EFER_MSR, %ecx
        rdmsr
        orl     $(1 << 8), %eax         # LME
        wrmsr
        movl    %cr0, %eax
        orl     $0x80000001, %eax       # PG | PE
        movl    %eax, %cr0

        lgdt    gdt64_ptr
        ljmp    $0x08, $long_mode

        .code64
long_mode:
        movw    $0x10, %ax
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %ss
        xorw    %ax, %ax
        movw    %ax, %fs
        movw    %ax, %gs
        movabsq $0xffff800000000000, %rax
        movq    $stack_top, %rsp
        movq    %rdi, %rdi
        call    kmain
2:      hlt
        jmp     2b

kmain:
        movl    $0x3f8, %edx
        movb    $'K', %al
        outb    %al, %dx
        ret

        .section .rodata
        .p2align 3
gdt64:
        .quad 0
        .quad 0x00af9a000000ffff        # 64-bit code
        .quad 0x00cf92000000ffff        # data
gdt64_end:
gdt64_ptr:
        .word gdt64_end - gdt64 - 1
        .long gdt64

        .section .bss
        .align 4096
pml4:   .skip 4096
pdpt:   .skip 4096
pd:     .skip 4096
        .skip 16384
stack_top:
