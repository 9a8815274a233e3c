; Scope 2: 32-bit call gate from ring 3 to ring 0 with two parameters copied to the ring-0 stack, RETF 8 back to the outer level.
%include "rstest.inc"
main32:
    mov ax, TSS_SEL
    ltr ax
    ; call gate at 0x90: target KCODE32:gate_target, DPL 3, 2 dword parameters
    mov eax, gate_target
    and eax, 0xffff
    or eax, KCODE32 << 16
    mov edx, gate_target
    and edx, 0xffff0000
    or edx, 0xec02                  ; P, DPL 3, type C (32-bit call gate), 2 params
    mov ecx, 0x90
    call set_desc32
    mov eax, 0x82
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    ENTER_USER32 user, back
back:
    ret
gate_target:                        ; stack: eip, cs, p1, p2, esp, ss (top first)
    mov ebp, esp
    mov eax, cs
    CHECK eax, KCODE32, "gate cs"
    mov eax, ss
    CHECK eax, KDATA, "gate ss"
    CHECK dword [ebp + 4], UCODE32, "pushed cs"
    CHECK dword [ebp + 8], 0x1111, "param 1 (last pushed)"
    CHECK dword [ebp + 12], 0x2222, "param 2"
    CHECK dword [ebp + 16], USTACK_TOP - 8, "pushed esp"
    CHECK dword [ebp + 20], UDATA, "pushed ss"
    mov ebx, esp
    CHECK ebx, KSTACK_TOP - 24, "ring 0 esp"
    mov ax, KDATA                   ; DPL 0 data in ES: nulled by the return to ring 3
    mov es, ax
    retf 8
user:
    push dword 0x2222
    push dword 0x1111
    call 0x93:0                     ; through the gate (RPL 3)
    mov eax, esp
    CHECK eax, USTACK_TOP, "esp after retf 8"
    mov eax, es
    CHECK eax, 0, "es nulled"
    mov eax, cs
    CHECK eax, UCODE32, "cs after retf"
    int 0x82
END_IMAGE
