; A 512-byte boot sector: prints a message through the BIOS and halts.
        org 0x7c00
        bits 16

start:
        cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7c00
        sti
        mov [boot_drive], dl
        mov si, message
.print:
        lodsb
        test al, al
        jz .done
        mov ah, 0x0e
        mov bx, 0x0007
        int 0x10
        jmp .print
.done:
        cli
.hang:  hlt
        jmp short .hang

message:    db "Ringstep boot sector", 13, 10, 0
boot_drive: db 0

        times 510-($-$$) db 0
        dw 0xaa55
