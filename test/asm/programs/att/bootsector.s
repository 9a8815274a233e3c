# A 512-byte boot sector: print a string through the BIOS, then halt. Padded with .org and signed 0xAA55.
        .code16
        .text
        .globl _start
_start:
        ljmp    $0, $norm_cs - _start + 0x7c00
norm_cs:
        xorw    %ax, %ax
        movw    %ax, %ds
        movw    %ax, %es
        movw    %ax, %ss
        movw    $0x7c00, %sp
        cld
        movw    $msg - _start + 0x7c00, %si
print:
        lodsb
        testb   %al, %al
        jz      done
        movb    $0x0e, %ah
        movw    $0x0007, %bx
        int     $0x10
        jmp     print
done:
        cli
        hlt
        jmp     done
msg:    .asciz  "Booting Ringstep...\r\n"
        .org    510
        .word   0xaa55
