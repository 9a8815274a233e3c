; Scope 2: IRETD to ring 3 and INT 0x80 back through a DPL-3 gate: the interrupt frame (SS:ESP from the TSS stack switch), data-segment nulling.
%include "rstest.inc"
main32:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov edx, kentry
    mov ecx, 0xee
    call set_gate32
    mov eax, 0x82
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    ENTER_USER32 user, back
back:
    PRINTLN "back in ring 0"
    ret
kentry:                             ; frame: eip, cs, eflags, esp, ss
    mov ebp, esp
    mov ebx, esp
    CHECK ebx, KSTACK_TOP - 20, "esp0 frame"
    CHECK dword [ebp + 4], UCODE32, "frame cs"
    CHECK dword [ebp + 8], 0x3097, "frame eflags"
    CHECK dword [ebp + 12], USTACK_TOP - 4, "frame esp"
    CHECK dword [ebp + 16], UDATA, "frame ss"
    mov eax, ss
    CHECK eax, KDATA, "ss from tss"
    mov eax, ds
    CHECK eax, UDATA, "ds kept (dpl 3)"
    iretd
user:
    mov eax, cs
    CHECK eax, UCODE32, "user cs"
    mov eax, ss
    CHECK eax, UDATA, "user ss"
    push 0x1234
    xor eax, eax
    cmp eax, 1
    int 0x80
    PRINTLN "after iret to ring 3"
    mov ax, KDATA                   ; a DPL-0 data segment from ring 3: #GP
    TRY .x
    mov es, ax
.x: TRY .z
    int 0x81                        ; DPL-0 gate from ring 3: #GP(0x81*8+2)
.z: int 0x82
END_IMAGE
