; Scope 5: exception sweep in 64-bit mode: #DE, #UD (UD2, INTO and BOUND are invalid), #GP for non-canonical addresses and privileged register bits, #SS for a non-canonical stack access, #NM, #DF through IST with error code 0, and RF in the pushed RFLAGS image of a fault.
; QEMU-DIFF: non-canonical stack access vector=0000000d FAIL want=0000000c => non-canonical stack access vector=0000000c ok (QEMU 7.2 raises #GP(0) where the SDM requires #SS(0))
; QEMU-DIFF: rflags image of a fault has RF=00000000 FAIL want=00010000 => rflags image of a fault has RF=00010000 ok (QEMU 7.2 does not set RF in the image of a fault)
; QEMU-DIFF: cr0 bit 32 vector=000000ff FAIL want=0000000d\ncr0 bit 32 ec=ffffffff FAIL want=00000000 => cr0 bit 32 vector=0000000d ok\ncr0 bit 32 ec=00000000 ok (QEMU 7.2 ignores CR0 bits 63:32 instead of #GP(0))
; QEMU-DIFF: cr8 bit 4 vector=000000ff FAIL want=0000000d\ncr8 bit 4 ec=ffffffff FAIL want=00000000 => cr8 bit 4 vector=0000000d ok\ncr8 bit 4 ec=00000000 ok (QEMU 7.2 ignores CR8 bits 63:4 instead of #GP(0))
; QEMU-DIFF: END failures=00000006 => END failures=00000000
; QEMU-EXIT: 13
%define LONG
%include "rstest.inc"
main64:
    mov ax, TSS_SEL
    ltr ax
    ; #SS and #GP on IST1, so that a bad RSP does not turn them into #DF
    mov eax, 12
    mov rdx, exc_stubs64 + 12 * 16
    mov ecx, 0x18e
    call set_gate64
    mov eax, 13
    mov rdx, exc_stubs64 + 13 * 16
    mov ecx, 0x18e
    call set_gate64
    TRYQ .a
    xor edx, edx
    xor ecx, ecx
.d: div rcx
.a: EXPECT 0, 0, "div by zero"
    CHECK [last_ip], .d, "div rip"
    TRYQ .b
    ud2
.b: EXPECT 6, 0, "ud2"
    TRYQ .c
    db 0xce                            ; INTO is invalid in 64-bit mode
.c: EXPECT 6, 0, "into"
    TRYQ .e
    mov rax, 0x0000800000000000
    mov rbx, [rax]
.e: EXPECT 13, 0, "non-canonical read"
    TRYQ .f
    mov rax, 0xffff7fffffffff00
    jmp rax
.f: EXPECT 13, 0, "jmp to a non-canonical address"
    mov rbp, rsp
    TRYQ .g
    mov rsp, 0x0000800000000010
    push rax
.g: mov rsp, rbp
    CHECK [last_vec], 12, "non-canonical stack access vector"
    CHECK [last_ec], 0, "non-canonical stack access ec"
    TRYQ .h
    mov rax, cr0
    bts rax, 32
    mov cr0, rax
.h: EXPECT 13, 0, "cr0 bit 32"
    TRYQ .i
    mov eax, 0x10
    mov cr8, rax
.i: EXPECT 13, 0, "cr8 bit 4"
    mov rax, cr0
    or eax, 8
    mov cr0, rax
    TRYQ .j
    fninit
.j: EXPECT 7, 0, "#NM with TS"
    clts
    ; RF in the RFLAGS image of a fault
    mov eax, 13
    mov rdx, rf_probe
    mov ecx, 0x8e
    call set_gate64
    mov ax, 0x1234
.k: mov ds, ax
    mov eax, 13
    mov rdx, exc_stubs64 + 13 * 16
    mov ecx, 0x18e
    call set_gate64
    mov eax, [probe_flags]
    and eax, 0x10000
    CHECK eax, 0x10000, "rflags image of a fault has RF"
    ; #DF through IST 2: #GP with a not-present #GP gate
    mov eax, 8
    mov rdx, df64
    mov ecx, 0x28e
    call set_gate64
    and byte [idt + 13 * 16 + 5], 0x7f
    mov ax, 0x1234
.l: mov ds, ax
    or byte [idt + 13 * 16 + 5], 0x80
    CHECK [df_rsp], IST2_TOP - 48, "#DF on IST2 frame"
    CHECK [df_ec], 0, "#DF error code"
    ret
rf_probe:
    mov rax, [rsp + 24]
    mov [probe_flags], eax
    add rsp, 8
    mov qword [rsp], main64.k + 2
    iretq
df64:
    mov [df_rsp], esp
    mov rax, [rsp]
    mov [df_ec], eax
    add rsp, 8
    mov qword [rsp], main64.l + 2
    iretq
probe_flags: dd 0
df_rsp: dd 0
df_ec: dd -1
END_IMAGE
