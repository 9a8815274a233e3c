; Scope 5: exceptions raised from 32-bit ring 3: #GP for privileged instructions and DPL-0 gates, #TS for a bad inner stack on a call gate, #AC for misaligned accesses with CR0.AM and EFLAGS.AC.
; QEMU-DIFF: misaligned dword read with AC=1 vector=000000ff FAIL want=00000011\nmisaligned dword read with AC=1 ec=ffffffff FAIL want=00000000 => misaligned dword read with AC=1 vector=00000011 ok\nmisaligned dword read with AC=1 ec=00000000 ok (QEMU 7.2's TCG never raises #AC)
; QEMU-DIFF: misaligned word write vector=000000ff FAIL want=00000011\nmisaligned word write ec=ffffffff FAIL want=00000000 => misaligned word write vector=00000011 ok\nmisaligned word write ec=00000000 ok
; QEMU-DIFF: push to a misaligned stack vector=000000ff FAIL want=00000011\npush to a misaligned stack ec=ffffffff FAIL want=00000000 => push to a misaligned stack vector=00000011 ok\npush to a misaligned stack ec=00000000 ok
; QEMU-DIFF: END failures=00000006 => END failures=00000000
; QEMU-EXIT: 13
%include "rstest.inc"
R1_CODE equ FREE_SEL            ; code, DPL 1
GATE    equ FREE_SEL + 8        ; call gate DPL 3 -> R1_CODE:ring1
main32:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    mov ecx, R1_CODE
    mov eax, 0x0000ffff
    mov edx, 0x00cfbb00
    call set_desc32
    mov ecx, GATE
    mov eax, ring1
    and eax, 0xffff
    or eax, R1_CODE << 16
    mov edx, ring1
    and edx, 0xffff0000
    or edx, 0xec00
    call set_desc32
    mov dword [tss + 12], 0x470000 - 0x1000  ; ESP1
    mov dword [tss + 16], KDATA              ; SS1 with RPL 0: not usable at ring 1
    mov eax, cr0
    or eax, 0x40000                          ; AM
    mov cr0, eax
    ENTER_USER32 user, back
back:
    mov eax, [misaligned + 1]
    PRINTLN "ring 0 misaligned read with AM and AC: no #AC"
    ret
ring1:
    PRINTLN "ring 1 reached: FAIL"
    int 0x80
user:
    TRYQ .a
    mov eax, cr0
.a: EXPECT 13, 0, "mov from cr0 at CPL 3"
    TRYQ .b
    hlt
.b: EXPECT 13, 0, "hlt at CPL 3"
    TRYQ .c
    lgdt [gdt_desc]
.c: EXPECT 13, 0, "lgdt at CPL 3"
    TRYQ .d
    int 0x42
.d: EXPECT 13, 0x42 * 8 + 2, "int through a DPL-0 gate"
    TRYQ .e
    wbinvd
.e: EXPECT 13, 0, "wbinvd at CPL 3"
    TRYQ .f
    call GATE:0
.f: EXPECT 10, KDATA, "call gate with a bad SS1"
    ; alignment checking
    mov eax, [misaligned + 1]
    PRINTLN "misaligned read with AC=0: no #AC"
    pushfd
    or dword [esp], 0x40000
    popfd
    TRYQ .g
    mov eax, [misaligned + 1]
.g: EXPECT 17, 0, "misaligned dword read with AC=1"
    TRYQ .h
    mov word [misaligned + 3], 1
.h: EXPECT 17, 0, "misaligned word write"
    mov eax, [misaligned + 4]
    mov ax, [misaligned + 2]
    mov al, [misaligned + 3]
    PRINTLN "aligned accesses: no #AC"
    TRYQ .i
    mov esp, USTACK_TOP - 2
    push eax
.i: mov esp, USTACK_TOP
    EXPECT 17, 0, "push to a misaligned stack"
    pushfd
    and dword [esp], ~0x40000
    popfd
    int 0x80
align 8
misaligned: dd 0, 0
END_IMAGE
