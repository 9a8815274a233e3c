# GDT with a 64-bit TSS descriptor built from expressions, then lgdt/ltr and a far return to reload CS.
        .code64
        .set KERNEL_CS, 0x08
        .set KERNEL_DS, 0x10
        .set TSS_SEL,   0x28
        .text
        .globl gdt_init
gdt_init:
        leaq    gdt(%rip), %rax
        movq    %rax, gdt_ptr+2(%rip)
        lgdt    gdt_ptr(%rip)
        movw    $KERNEL_DS, %ax
        movl    %eax, %ds
        movl    %eax, %ss
        pushq   $KERNEL_CS
        leaq    1f(%rip), %rax
        pushq   %rax
        lretq
1:      movw    $TSS_SEL, %ax
        ltr     %ax
        str     %cx
        sgdt    saved_gdt(%rip)
        ret

        .data
        .balign 16
gdt:
        .quad   0
        .quad   0x00af9a000000ffff
        .quad   0x00cf92000000ffff
        .quad   0x00cffa000000ffff
        .quad   0x00affa000000ffff
tss_desc:
        .word   tss_end - tss - 1
        .word   0
        .byte   0
        .byte   0x89
        .byte   0
        .byte   0
        .long   0
        .long   0
gdt_end:
gdt_ptr:
        .word   gdt_end - gdt - 1
        .quad   0
saved_gdt:
        .zero   10
        .balign 16
tss:
        .long   0
        .quad   stack0_top, 0, 0
        .quad   0
        .quad   0, 0, 0, 0, 0, 0, 0
        .quad   0
        .word   0, tss_end - tss
tss_end:
        .balign 16, 0
stack0: .space  4096
stack0_top:
