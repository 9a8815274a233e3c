; Builds a flat GDT and enters 32-bit protected mode from a boot sector.
        org 0x7c00
        bits 16

CODE_SEG equ gdt_code - gdt_start
DATA_SEG equ gdt_data - gdt_start

entry:
        cli
        xor ax, ax
        mov ds, ax
        in al, 0x92                 ; fast A20
        or al, 2
        out 0x92, al
        lgdt [gdt_descriptor]
        mov eax, cr0
        or eax, 1
        mov cr0, eax
        jmp CODE_SEG:protected_entry

gdt_start:
        dq 0                        ; null descriptor
gdt_code:
        dw 0xffff, 0x0000
        db 0x00, 10011010b, 11001111b, 0x00
gdt_data:
        dw 0xffff, 0x0000
        db 0x00, 10010010b, 11001111b, 0x00
gdt_end:

gdt_descriptor:
        dw gdt_end - gdt_start - 1
        dd gdt_start

        bits 32
protected_entry:
        mov ax, DATA_SEG
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        mov esp, 0x90000
        mov dword [0xb8000], 0x2f4b2f4f
        mov edi, 0xb8000
        mov ecx, 80*25
        mov ax, 0x0720
        rep stosw
.halt:  hlt
        jmp .halt

        times 510-($-$$) db 0
        dw 0xaa55
