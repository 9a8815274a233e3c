; Writes to COM1 using an included file of constants and macros; %if selects code paths.
        bits 32
        org 0x100000
%include "inc/console.inc"
%include "inc/console.inc"          ; guarded: second include is empty

%define USE_POLLING 1

serial_init:
        outb COM1 + 1, 0x00
        outb COM1 + 3, 0x80
        outb COM1 + 0, 0x03
        outb COM1 + 1, 0x00
        outb COM1 + 3, 0x03
        ret

serial_putc:                        ; al = character
        mov ah, al
%if USE_POLLING
.wait:  mov dx, LSR
        in al, dx
        test al, 0x20
        jz .wait
%elif 0
        nop
%else
        pause
%endif
        mov dx, COM1
        mov al, ah
        out dx, al
        ret

exit_qemu:
        outb 0xf4, 0x31
        hlt
