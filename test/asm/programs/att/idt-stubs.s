# Interrupt entry stubs generated with .macro/.rept/.irp, and an IDT filled at run time.
        .code64
        .text

.macro ISR_NOERR num
        .globl isr\num
isr\num:
        pushq   $0
        pushq   $\num
        jmp     isr_common
.endm

.macro ISR_ERR num
        .globl isr\num
isr\num:
        pushq   $\num
        jmp     isr_common
.endm

        .irp n, 0, 1, 2, 3, 4, 5, 6, 7
        ISR_NOERR \n
        .endr
        ISR_ERR 8
        ISR_NOERR 9
        .irp n, 10, 11, 12, 13, 14
        ISR_ERR \n
        .endr

        # Linux-style table of external vectors: push the vector, jump, pad to 8 bytes.
        .p2align 3
irq_entries_start:
        vector = 32
        .rept 16
0:      .byte   0x6a, vector
        jmp     isr_common
        .fill   0b + 8 - ., 1, 0xcc
        vector = vector + 1
        .endr

isr_common:
        pushq   %rax
        pushq   %rcx
        pushq   %rdx
        movq    24(%rsp), %rdi          # vector number
        call    handle_interrupt
        popq    %rdx
        popq    %rcx
        popq    %rax
        addq    $16, %rsp
        iretq

handle_interrupt:
        ret

        # Fill IDT entries: gate(rdi = vector, rsi = handler)
set_gate:
        movq    %rsi, %rax
        shlq    $4, %rdi
        leaq    idt(%rdi), %rdx
        movw    %ax, (%rdx)
        movw    $0x08, 2(%rdx)
        movw    $0x8e00, 4(%rdx)
        shrq    $16, %rax
        movw    %ax, 6(%rdx)
        shrq    $16, %rax
        movl    %eax, 8(%rdx)
        movl    $0, 12(%rdx)
        ret

load_idt:
        lidt    idt_ptr(%rip)
        sti
        ret

        .data
        .p2align 4
idt:    .fill   256, 16, 0
idt_ptr:
        .word   256 * 16 - 1
        .quad   idt
