; Scope 5: exception sweep in 32-bit ring 0: #DE, #BP, #OF, #BR, #UD, #NM (CR0.TS, CR0.EM, CR0.MP with WAIT), #NP, #SS, #GP (several causes) with vectors, error codes and saved EIPs (faults point at the instruction, traps after it).
; QEMU-DIFF: beyond SS limit vector=000000ff FAIL want=0000000c\nbeyond SS limit ec=ffffffff FAIL want=00000000 => beyond SS limit vector=0000000c ok\nbeyond SS limit ec=00000000 ok (QEMU 7.2's TCG does not check data-segment limits)
; QEMU-DIFF: write through CS vector=000000ff FAIL want=0000000d\nwrite through CS ec=ffffffff FAIL want=00000000 => write through CS vector=0000000d ok\nwrite through CS ec=00000000 ok (QEMU 7.2 does not check writes through a code segment either)
; QEMU-DIFF: dword straddling the ES limit vector=000000ff FAIL want=0000000d\ndword straddling the ES limit ec=ffffffff FAIL want=00000000 => dword straddling the ES limit vector=0000000d ok\ndword straddling the ES limit ec=00000000 ok
; QEMU-DIFF: END failures=00000006 => END failures=00000000
; QEMU-EXIT: 13
%include "rstest.inc"
NP_DATA equ FREE_SEL          ; data, not present
XO_CODE equ FREE_SEL + 8      ; execute-only code
SMALL   equ FREE_SEL + 16     ; data, limit 0xfff
main32:
    mov ecx, NP_DATA
    mov eax, 0x0000ffff
    mov edx, 0x00cf1300
    call set_desc32
    mov ecx, XO_CODE
    mov edx, 0x00cf9800
    call set_desc32
    mov ecx, SMALL
    mov eax, 0x00000fff
    mov edx, 0x00409300
    call set_desc32
    ; #DE
    TRYQ .de1
    xor edx, edx
    xor ecx, ecx
.d1: div ecx
.de1: EXPECT 0, 0, "div by zero"
    CHECK [last_ip], .d1, "div by zero eip (fault)"
    TRYQ .de2
    mov eax, 0x80000000
    cdq
    mov ecx, -1
    idiv ecx
.de2: EXPECT 0, 0, "idiv overflow"
    ; #BP and #OF are traps: EIP after the instruction
    TRYQ .bp
    int3
.bp: EXPECT 3, 0, "int3"
    CHECK [last_ip], .bp, "int3 eip (trap)"
    TRYQ .of0
    xor eax, eax
    into
.of0: CHECK [last_vec], 0xff, "into with OF=0"
    TRYQ .of
    mov al, 0x7f
    add al, 1
    into
.of: EXPECT 4, 0, "into with OF=1"
    CHECK [last_ip], .of, "into eip (trap)"
    ; #BR
    mov eax, 3
    bound eax, [bounds]
    CHECK eax, 3, "bound in range"
    TRYQ .br
    mov eax, 5
.b1: bound eax, [bounds]
.br: EXPECT 5, 0, "bound out of range"
    CHECK [last_ip], .b1, "bound eip (fault)"
    TRYQ .br2
    mov eax, -1
    bound eax, [bounds]
.br2: EXPECT 5, 0, "bound below"
    ; #UD
    TRYQ .ud
.u1: ud2
.ud: EXPECT 6, 0, "ud2"
    CHECK [last_ip], .u1, "ud2 eip"
    TRYQ .ud2
    db 0xf0, 0x01, 0xd8              ; lock add eax, ebx: LOCK on a register form
.ud2: EXPECT 6, 0, "lock with a register destination"
    ; #NM and the CR0 bits that control it
    mov eax, cr4
    or eax, 0x200                    ; OSFXSR
    mov cr4, eax
    mov eax, cr0
    or eax, 8                        ; TS
    mov cr0, eax
    TRYQ .nm1
    fninit
.nm1: EXPECT 7, 0, "x87 with TS"
    TRYQ .nm2
    movaps xmm0, xmm1
.nm2: EXPECT 7, 0, "SSE with TS"
    TRYQ .nm3
    fwait
.nm3: CHECK [last_vec], 0xff, "fwait with TS, MP=0"
    mov eax, cr0
    or eax, 2                        ; MP
    mov cr0, eax
    TRYQ .nm4
    fwait
.nm4: EXPECT 7, 0, "fwait with TS and MP"
    clts
    fwait
    fninit
    mov eax, cr0
    or eax, 4                        ; EM
    mov cr0, eax
    TRYQ .nm5
    fninit
.nm5: EXPECT 7, 0, "x87 with EM"
    TRYQ .nm6
    movaps xmm0, xmm1
.nm6: EXPECT 6, 0, "SSE with EM is #UD"
    mov eax, cr0
    and eax, ~6
    mov cr0, eax
    movaps xmm0, xmm1
    PRINTLN "x87 and SSE run again"
    ; #NP
    TRYQ .np
    mov ax, NP_DATA
    mov ds, ax
.np: EXPECT 11, NP_DATA, "load DS not present"
    and byte [idt + 0x41 * 8 + 5], 0x7f
    TRYQ .np2
    int 0x41
.np2: EXPECT 11, 0x41 * 8 + 2, "int through not-present gate"
    ; #SS
    TRYQ .ss
    mov ax, NP_DATA
    mov ss, ax
.ss: EXPECT 12, NP_DATA, "load SS not present"
    mov ebp, esp
    mov ax, SMALL
    mov ss, ax
    mov esp, 0x800
    TRYQ .ss2
    mov eax, [esp + 0x1000]
.ss2: mov ax, KDATA
    mov ss, ax
    mov esp, ebp
    EXPECT 12, 0, "beyond SS limit"
    ; #GP
    TRYQ .gp1
    mov ax, XO_CODE
    mov ds, ax
.gp1: EXPECT 13, XO_CODE, "execute-only code into DS"
    TRYQ .gp2
    mov [cs:bounds], eax
.gp2: EXPECT 13, 0, "write through CS"
    mov ax, SMALL
    mov es, ax
    mov eax, [es:0xffc]
    TRYQ .gp3
    mov eax, [es:0xffe]
.gp3: EXPECT 13, 0, "dword straddling the ES limit"
    mov ax, KDATA
    mov es, ax
    TRYQ .gp4
    jmp KDATA:0
.gp4: EXPECT 13, KDATA, "far jmp to a data segment"
    TRYQ .gp5
    mov ax, KDATA
    ltr ax
.gp5: EXPECT 13, KDATA, "ltr with a data segment"
    TRYQ .gp6
    movaps xmm0, [bounds + 4]
.gp6: EXPECT 13, 0, "misaligned movaps"
    mov word [idt_small], 0x41 * 8 - 1
    mov dword [idt_small + 2], idt
    lidt [idt_small]
    TRYQ .gp7
    int 0x41
.gp7: lidt [idt_desc]
    EXPECT 13, 0x41 * 8 + 2, "int beyond the IDT limit"
    ret
align 16
bounds: dd 0, 3, 0, 0
idt_small: dw 0
    dd 0
END_IMAGE
