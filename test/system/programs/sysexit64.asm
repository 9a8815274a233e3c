; Scope 3: SYSENTER from 64-bit ring 3 and SYSEXIT with REX.W back to 64-bit ring 3 (CS = SYSENTER_CS+32, SS = +40).
; QEMU-DIFF: o64 sysexit vector=00000006 FAIL want=000000ff => sysexit64 cs=00000083 ok\nsysexit64 ss=0000008b ok\nsysenter cs=00000060 ok\nsysenter ss=00000068 ok\nsysenter rsp=000000000047ff00 ok\nsecond sysexit rsp=000000000046fff0 ok\no64 sysexit vector=000000ff ok (QEMU 7.2's -cpu max is not an Intel part: SYSENTER/SYSEXIT are #UD in IA-32e mode there; the Intel SDM allows them)
; QEMU-DIFF: END failures=00000001 => END failures=00000000
; QEMU-EXIT: 3
%define LONG
%include "rstest.inc"
main64:
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
    mov eax, 0x82
    mov rdx, user_return64
    mov ecx, 0xee
    call set_gate64
    mov [ksave], rsp
    mov qword [kcont], back
    mov rcx, USTACK_TOP
    mov rdx, user
    TRYQ nosys
    o64 sysexit
back:
    mov dword [recover], 0
    mov dword [quiet], 0
nosys:
    CHECK [last_vec], 0xff, "o64 sysexit vector"
    ret
se_entry:
    mov eax, cs
    CHECK eax, SE_CS, "sysenter cs"
    mov eax, ss
    CHECK eax, SE_CS + 8, "sysenter ss"
    mov rax, rsp
    CHECK64 rax, KSTACK_TOP - 0x100, "sysenter rsp"
    mov rcx, USTACK_TOP - 0x10
    mov rdx, user.again
    o64 sysexit
user:
    mov eax, cs
    CHECK eax, SE_CS + 32 + 3, "sysexit64 cs"
    mov eax, ss
    CHECK eax, SE_CS + 40 + 3, "sysexit64 ss"
    sysenter
.again:
    mov rax, rsp
    CHECK64 rax, USTACK_TOP - 0x10, "second sysexit rsp"
    int 0x82
END_IMAGE
