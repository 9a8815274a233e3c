; Scope 10: NMI sent to itself through the local APIC ICR: delivered through vector 2 even with IF = 0, a second NMI held while the handler runs and delivered after its IRET.
%include "rstest.inc"
APIC equ 0xfee00000
main32:
    mov al, 0xff
    out 0x21, al
    out 0xa1, al
    mov eax, 2
    mov edx, nmi_handler
    mov ecx, 0x8e
    call set_gate32
    mov dword [APIC + 0xf0], 0x1ff
    mov eax, [APIC + 0x20]
    mov dword [APIC + 0x310], eax           ; destination: this APIC's ID
    mov dword [APIC + 0x300], 0x4400        ; NMI, assert
    nop
    nop
    CHECK [nmi_count], 2, "two NMIs"
    CHECK [inner], 1, "second NMI held while the handler ran"
    ret
nmi_handler:
    push eax
    inc dword [nmi_count]
    cmp dword [nmi_count], 1
    jne .done
    mov eax, [APIC + 0x20]
    mov dword [APIC + 0x310], eax
    mov dword [APIC + 0x300], 0x4400
    nop
    nop
    mov eax, [nmi_count]
    mov [inner], eax
.done:
    pop eax
    iretd
nmi_count: dd 0
inner: dd 0
END_IMAGE
