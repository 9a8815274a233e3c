; Scope 3: SYSCALL/SYSRET in 64-bit mode: STAR selectors, RCX/R11, SFMASK, SYSRET to 64-bit and to compatibility mode, #GP(0) in ring 0 for a non-canonical RCX.
; QEMU-DIFF: rflags masked=0000000000003002 FAIL want=0000000000003046 => rflags masked=0000000000003046 ok (QEMU 7.2 loses the arithmetic flags on SYSCALL; the SDM only clears the IA32_FMASK bits)
; QEMU-DIFF: END failures=00000001 => END failures=00000000
; QEMU-EXIT: 3
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    mov ecx, 0xc0000080
    rdmsr
    or eax, 1                       ; SCE
    wrmsr
    mov ecx, 0xc0000081             ; STAR: SYSRET base 0x20 (CS 0x23/0x33, SS 0x2b), SYSCALL CS 0x10
    xor eax, eax
    mov edx, 0x00200010
    wrmsr
    mov ecx, 0xc0000082             ; LSTAR
    mov rax, sys_entry
    mov rdx, rax
    shr rdx, 32
    wrmsr
    mov ecx, 0xc0000084             ; SFMASK: clear IF, TF, DF and AC
    mov eax, 0x40700
    xor edx, edx
    wrmsr
    mov eax, 0x82
    mov rdx, user_return64
    mov ecx, 0xee
    call set_gate64
    ENTER_USER64 user, back
back:
    ; SYSRET with a non-canonical RCX from ring 0
    mov rcx, 0x0000800000000000
    xor r11, r11
    TRYQ .x
    o64 sysret
.x: CHECK [last_vec], 0x0d, "sysret non-canonical vector"
    ret
sys_entry:
    pushfq
    pop r14
    mov eax, cs
    CHECK eax, 0x10, "syscall cs"
    mov eax, ss
    CHECK eax, 0x18, "syscall ss"
    cmp r15, 1
    je .second
    CHECK64 rcx, user.ret1, "rcx = return rip"
    CHECK64 r11, 0x3446, "r11 = rflags"
    CHECK64 r14, 0x3046, "rflags masked"
.second:
    cmp r15, 1
    je .compat
    mov r15, 1
    o64 sysret
.compat:
    mov ecx, user32
    sysret                          ; to compatibility mode
user:
    mov eax, 0
    cmp eax, 0
    std                             ; (no STI: the firmware's PIC would deliver IRQ 0 as vector 8)
    syscall
.ret1:
    cld
    mov eax, cs
    CHECK eax, 0x33, "sysret64 cs"
    mov eax, ss
    CHECK eax, 0x2b, "sysret ss"
    pushfq
    pop rax
    CHECK64 rax, 0x3046, "rflags from r11"
    syscall
BITS 32
user32:
    mov ax, UDATA                   ; DS/ES were nulled on the way to ring 3 (QEMU does not check null data segments)
    mov ds, ax
    mov es, ax
    mov eax, cs
    CHECK eax, 0x23, "sysret32 cs"
    PRINTLN "compatibility mode"
    int 0x82
END_IMAGE
