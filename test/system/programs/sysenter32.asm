; Scope 3: SYSENTER/SYSEXIT in 32-bit protected mode: flat CS/SS from IA32_SYSENTER_CS, ESP/EIP from the MSRs, SYSEXIT to ring 3 with ECX/EDX.
%include "rstest.inc"
main32:
    mov ax, TSS_SEL
    ltr ax
    mov ecx, 0x174
    mov eax, SE_CS
    xor edx, edx
    wrmsr
    mov ecx, 0x175
    mov eax, KSTACK_TOP - 0x100
    wrmsr
    mov ecx, 0x176
    mov eax, se_entry
    wrmsr
    mov ecx, 0x174
    rdmsr
    CHECK eax, SE_CS, "sysenter_cs"
    mov eax, 0x82
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    mov [ksave], esp
    mov dword [kcont], back
    mov ecx, USTACK_TOP
    mov edx, user
    sysexit
back:
    mov ax, KDATA
    mov ss, ax
    ret
se_entry:
    mov eax, cs
    CHECK eax, SE_CS, "sysenter cs"
    mov eax, ss
    CHECK eax, SE_CS + 8, "sysenter ss"
    mov eax, esp
    CHECK eax, KSTACK_TOP - 0x100, "sysenter esp"
    pushfd
    pop eax
    CHECK eax, 0x2, "eflags (IF cleared)"
    int 0x82
user:
    mov eax, cs
    CHECK eax, SE_CS + 16 + 3, "sysexit cs"
    mov eax, ss
    CHECK eax, SE_CS + 24 + 3, "sysexit ss"
    mov eax, esp
    CHECK eax, USTACK_TOP, "sysexit esp"
    mov ax, SE_CS + 24 + 3
    mov ds, ax
    mov es, ax
    TRY .f
    sysexit                         ; at CPL 3: #GP(0)
.f: sysenter
END_IMAGE
