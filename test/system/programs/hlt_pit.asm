; Scope 10: HLT woken by the PIT: the PIC remapped to vectors 0x20-0x2F, channel 0 in rate-generator and one-shot modes, EOI, and the saved EIP pointing after HLT.
%include "rstest.inc"
main32:
    call pic_init
    mov eax, 0x20
    mov edx, irq0
    mov ecx, 0x8e
    call set_gate32
    mov al, 0x34                    ; channel 0, lo/hi, mode 2 (rate generator)
    out 0x43, al
    mov al, 0xa9                    ; 1193: about 1 ms
    out 0x40, al
    mov al, 0x04
    out 0x40, al
    sti
    hlt
after_hlt:
    cli
    ; QEMU's PIT runs in real time: count at least, never exactly
    cmp dword [ticks], 1
    jb .bad1
    PRINTLN "woken by IRQ 0"
.bad1:
    CHECK [tick_eip], after_hlt, "saved eip after hlt"
.l: sti
    hlt
    cli
    cmp dword [ticks], 5
    jb .l
    PRINTLN "five ticks"
    mov dword [ticks], 0
    mov al, 0x30                    ; channel 0, mode 0 (interrupt on terminal count)
    out 0x43, al
    mov al, 0x00
    out 0x40, al
    mov al, 0x10
    out 0x40, al
    sti
    hlt
    cli
    cmp dword [ticks], 1
    jb .bad2
    PRINTLN "one-shot tick"
.bad2:
    mov al, 0xff
    out 0x21, al
    ret
irq0:
    push eax
    inc dword [ticks]
    mov eax, [esp + 4]
    mov [tick_eip], eax
    mov al, 0x20
    out 0x20, al
    pop eax
    iretd
ticks: dd 0
tick_eip: dd 0
; Remap the PICs to 0x20/0x28 and mask everything but IRQ 0.
pic_init:
    mov al, 0x11
    out 0x20, al
    out 0xa0, al
    mov al, 0x20
    out 0x21, al
    mov al, 0x28
    out 0xa1, al
    mov al, 4
    out 0x21, al
    mov al, 2
    out 0xa1, al
    mov al, 1
    out 0x21, al
    out 0xa1, al
    mov al, 0xfe
    out 0x21, al
    mov al, 0xff
    out 0xa1, al
    ret
END_IMAGE
