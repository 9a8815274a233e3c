; Scope 10: the local APIC timer: one-shot and periodic modes waking HLT, the in-service bit during the handler, EOI clearing it, the current count at 0 after a one-shot, masking.
%include "rstest.inc"
APIC equ 0xfee00000
main32:
    mov al, 0xff
    out 0x21, al
    out 0xa1, al
    mov eax, 0x40
    mov edx, timer_irq
    mov ecx, 0x8e
    call set_gate32
    mov dword [APIC + 0xf0], 0x1ff          ; software enable, spurious vector 0xFF
    mov dword [APIC + 0x3e0], 0xb           ; divide by 1
    mov dword [APIC + 0x320], 0x40          ; one-shot, vector 0x40
    mov dword [APIC + 0x380], 100000
    sti
    hlt
after_hlt:
    cli
    CHECK [ticks], 1, "one-shot tick"
    CHECK [tick_eip], after_hlt, "saved eip after hlt"
    CHECK [isr_in], 1, "ISR bit set in the handler"
    CHECK [isr_out], 0, "ISR bit clear after EOI"
    mov eax, [APIC + 0x390]
    CHECK eax, 0, "current count after one-shot"
    mov dword [APIC + 0x320], 0x20040       ; periodic
    mov dword [APIC + 0x380], 200000
.l: sti
    hlt
    cli
    cmp dword [ticks], 4             ; QEMU's timer runs in real time: wait for at least three more
    jb .l
    PRINTLN "three periodic ticks"
    mov dword [APIC + 0x320], 0x10040       ; masked
    mov dword [APIC + 0x380], 0
    mov eax, [APIC + 0x320]
    CHECK eax, 0x10040, "lvt timer masked"
    ret
timer_irq:
    push eax
    inc dword [ticks]
    mov eax, [esp + 4]
    mov [tick_eip], eax
    mov eax, [APIC + 0x120]
    and eax, 1
    mov [isr_in], eax
    mov dword [APIC + 0xb0], 0
    mov eax, [APIC + 0x120]
    and eax, 1
    mov [isr_out], eax
    pop eax
    iretd
ticks: dd 0
tick_eip: dd 0
isr_in: dd -1
isr_out: dd -1
END_IMAGE
