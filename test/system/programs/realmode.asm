; Scope 7: back to real mode from a multiboot kernel: 16-bit protected mode, CR0.PE cleared, far jump, IVT, INT n (frame of FLAGS/CS/IP), #DE and #UD through the IVT, segment arithmetic, then protected mode again.
%include "rstest.inc"
%define R(x) ((x) - blob)
RSEG equ LOWCODE >> 4
main32:
    mov esi, blob
    mov edi, LOWCODE
    mov ecx, blob_end - blob
    rep movsb
    mov [saved_esp], esp
    mov dword [0x10010], 0
    jmp CODE16:LOWCODE + R(pm16)
BITS 32
back32:
    mov ax, KDATA
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov fs, ax
    mov gs, ax
    mov esp, [saved_esp]
    lidt [idt_desc]
    PRINTLN "protected mode again"
    movzx eax, word [LOWCODE + R(r_cs)]
    CHECK eax, RSEG, "real-mode cs"
    movzx eax, word [LOWCODE + R(r_ip)]
    CHECK eax, R(after_int), "int frame ip"
    movzx eax, word [LOWCODE + R(r_fcs)]
    CHECK eax, RSEG, "int frame cs"
    movzx eax, word [LOWCODE + R(r_flags)]
    and eax, 0x0fd5
    CHECK eax, 0x0001, "int frame flags (CF set before int)"
    movzx eax, word [LOWCODE + R(r_hflags)]
    and eax, 0x300
    CHECK eax, 0, "IF and TF clear in the handler"
    movzx eax, word [LOWCODE + R(r_bx)]
    CHECK eax, 0x1235, "handler result"
    CHECK dword [0x10010], 0xbeef, "es=0x1000: [es:0x10] is physical 0x10010"
    movzx eax, word [LOWCODE + R(r_de)]
    CHECK eax, R(div_insn), "#DE through the IVT, ip of the div"
    movzx eax, word [LOWCODE + R(r_ud)]
    CHECK eax, R(ud_insn), "#UD through the IVT"
    movzx eax, word [LOWCODE + R(r_sp)]
    CHECK eax, 0x7000, "sp balanced"
    ret
saved_esp: dd 0

BITS 16
blob:
pm16:
    mov ax, DATA16
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov eax, cr0
    and eax, ~1
    mov cr0, eax
    jmp RSEG:R(rm)
rm:
    mov ax, cs
    mov ds, ax
    mov ss, ax
    mov sp, 0x7000
    mov [R(r_cs)], ax
    lidt [R(rm_idt)]
    xor ax, ax
    mov es, ax
    mov word [es:0x60 * 4], R(int60)
    mov word [es:0x60 * 4 + 2], RSEG
    mov word [es:0 * 4], R(de_handler)
    mov word [es:0 * 4 + 2], RSEG
    mov word [es:6 * 4], R(ud_handler)
    mov word [es:6 * 4 + 2], RSEG
    mov si, R(msg)
.p: lodsb
    test al, al
    jz .pd
    call rm_putc
    jmp .p
.pd:
    mov ax, 0x1234
    xor bx, bx
    mov dl, 1
    cmp dl, 0                        ; ZF, SF, PF, CF clear
    stc
    int 0x60
after_int:
    mov [R(r_bx)], bx
    mov ax, 0x1000
    mov es, ax
    mov word [es:0x10], 0xbeef
    xor dx, dx
    xor cx, cx
    mov ax, 1
div_insn:
    div cx
ud_insn:
    ud2
    mov [R(r_sp)], sp
    cli
    mov eax, cr0
    or eax, 1
    mov cr0, eax
    jmp dword KCODE32:back32
int60:
    push bp
    mov bp, sp
    mov ax, [bp + 2]
    mov [R(r_ip)], ax
    mov ax, [bp + 4]
    mov [R(r_fcs)], ax
    mov ax, [bp + 6]
    mov [R(r_flags)], ax
    pushf
    pop ax
    mov [R(r_hflags)], ax
    mov bx, 0x1235
    pop bp
    iret
de_handler:                          ; #DE is a fault: skip the 2-byte DIV
    push bp
    mov bp, sp
    mov ax, [bp + 2]
    mov [R(r_de)], ax
    add word [bp + 2], 2
    pop bp
    iret
ud_handler:
    push bp
    mov bp, sp
    mov ax, [bp + 2]
    mov [R(r_ud)], ax
    add word [bp + 2], 2
    pop bp
    iret
rm_putc:
    push dx
    push ax
    mov dx, COM1 + 5
.w: in al, dx
    test al, 0x20
    jz .w
    pop ax
    mov dx, COM1
    out dx, al
    pop dx
    ret
msg: db "real mode", 10, 0
rm_idt: dw 0x3ff
    dd 0
r_cs: dw 0
r_ip: dw 0
r_fcs: dw 0
r_flags: dw 0
r_hflags: dw 0
r_bx: dw 0
r_de: dw 0
r_ud: dw 0
r_sp: dw 0
blob_end:
BITS 32
END_IMAGE
