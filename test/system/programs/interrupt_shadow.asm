; Scope 10: the STI interrupt shadow: an IRQ pending while IF = 0 is taken after the instruction that follows STI, but right after a POPF that sets IF; a pending IRQ is visible in the PIC's IRR.
%include "rstest.inc"
main32:
    call pic_init
    mov eax, 0x20
    mov edx, irq0
    mov ecx, 0x8e
    call set_gate32
    call arm_and_wait
    sti
    inc ecx
s_next:
    inc edx
    cli
    CHECK [ticks], 1, "taken"
    CHECK [tick_eip], s_next, "after the instruction following sti"
    call arm_and_wait
    push dword 0x202
    popfd
p_next:
    inc edx
    cli
    CHECK [ticks], 2, "taken after popf"
    CHECK [tick_eip], p_next, "right after popf"
    mov al, 0xff
    out 0x21, al
    ret
; One-shot PIT count of 200, then poll the IRR until IRQ 0 is pending (IF = 0).
arm_and_wait:
    mov al, 0x30
    out 0x43, al
    mov al, 200
    out 0x40, al
    mov al, 0
    out 0x40, al
.w: mov al, 0x0a
    out 0x20, al
    in al, 0x20
    test al, 1
    jz .w
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
