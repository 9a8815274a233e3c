# A boot sector in GAS Intel syntax: print with the BIOS teletype call, halt, pad to 510 and sign.
.intel_syntax noprefix
.code16
.text
.global _start
_start:
    jmp 0:offset norm_cs + 0x7c00
norm_cs:
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    cld
    mov si, offset msg + 0x7c00
1:  lodsb
    test al, al
    jz 2f
    mov ah, 0x0e
    mov bx, 7
    int 0x10
    jmp 1b
2:  cli
    hlt
    jmp 2b
msg: .asciz "Hello from GAS Intel\r\n"
    .org 510
    .word 0xaa55
