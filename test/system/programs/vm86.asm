; Scope 8: virtual-8086 mode: entry by IRETD with VM=1, real-mode addressing, INT n through the IDT at IOPL 3 (frame with GS/FS/DS/ES, data segments null in the handler), #DE from VM86, and #GP(0) for INT n, CLI, PUSHF and HLT at IOPL 0.
%include "rstest.inc"
%define R(x) ((x) - blob)
RSEG equ LOWCODE >> 4
; ENTER_V86 ip, eflags: IRETD into virtual-8086 mode at RSEG:ip; gate 0x62 or the #GP probe returns to the next line.
%macro ENTER_V86 2
    mov dword [kcont], %%back
    mov [ksave], esp
    push dword 0x0303               ; GS
    push dword 0x0202               ; FS
    push dword RSEG                 ; DS
    push dword 0x0101               ; ES
    push dword RSEG                 ; SS
    push dword 0x7000               ; ESP
    push dword %2
    push dword RSEG
    push dword %1
    iretd
%%back:
    mov ax, KDATA
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
%endmacro
main32:
    mov al, 0xff
    out 0x21, al
    out 0xa1, al
    mov esi, blob
    mov edi, LOWCODE
    mov ecx, blob_end - blob
    rep movsb
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x61
    mov edx, v86_int
    mov ecx, 0xee
    call set_gate32
    mov eax, 0x62
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    ; IOPL 3
    TRYQ R(after_div)
    ENTER_V86 R(v86_main), 0x23002
    PRINTLN "back from virtual-8086 mode"
    movzx eax, word [LOWCODE + R(r_cs)]
    CHECK eax, RSEG, "v86 cs"
    CHECK dword [0x9000 + 0x1234], 0x5678, "ds:0x1234 is physical 0x9000+0x1234"
    EXPECT 0, 0, "#DE from v86"
    CHECK [last_ip], R(div_insn), "#DE ip"
    CHECK [f_eip], R(after_int61), "int frame eip"
    CHECK [f_cs], RSEG, "int frame cs"
    mov eax, [f_eflags]
    and eax, 0x23000
    CHECK eax, 0x23000, "int frame eflags VM, IOPL"
    CHECK [f_esp], 0x7000, "int frame esp"
    CHECK [f_ss], RSEG, "int frame ss"
    CHECK [f_es], 0x0101, "int frame es"
    CHECK [f_ds], RSEG, "int frame ds"
    CHECK [f_fs], 0x0202, "int frame fs"
    CHECK [f_gs], 0x0303, "int frame gs"
    CHECK [f_segs], 0, "ds/es/fs/gs null in the handler"
    CHECK [f_cpl], KCODE32, "handler cs"
    movzx eax, word [LOWCODE + R(r_ax)]
    CHECK eax, 0x4242, "v86 continued after iretd"
    ; IOPL 0: IOPL-sensitive instructions fault
    mov eax, 13
    mov edx, v86_gp
    mov ecx, 0x8e
    call set_gate32
    ENTER_V86 R(v86_int_insn), 0x20002
    CHECK [g_ec], 0, "int n at IOPL 0 ec"
    CHECK [g_eip], R(v86_int_insn), "int n at IOPL 0 eip"
    ENTER_V86 R(v86_cli), 0x20002
    CHECK [g_eip], R(v86_cli), "cli at IOPL 0"
    ENTER_V86 R(v86_pushf), 0x20002
    CHECK [g_eip], R(v86_pushf), "pushf at IOPL 0"
    ENTER_V86 R(v86_hlt), 0x23002
    CHECK [g_eip], R(v86_hlt), "hlt in v86 (CPL 3) even at IOPL 3"
    ret
; INT 0x61 from virtual-8086 mode: the frame has GS, FS, DS, ES above SS:ESP. DS is null here: use SS.
v86_int:
    push eax
    push ecx
    mov eax, [esp + 8]
    mov [ss:f_eip], eax
    mov eax, [esp + 12]
    mov [ss:f_cs], eax
    mov eax, [esp + 16]
    mov [ss:f_eflags], eax
    mov eax, [esp + 20]
    mov [ss:f_esp], eax
    mov eax, [esp + 24]
    mov [ss:f_ss], eax
    mov eax, [esp + 28]
    mov [ss:f_es], eax
    mov eax, [esp + 32]
    mov [ss:f_ds], eax
    mov eax, [esp + 36]
    mov [ss:f_fs], eax
    mov eax, [esp + 40]
    mov [ss:f_gs], eax
    xor eax, eax
    mov ax, ds
    mov cx, es
    or ax, cx
    mov cx, fs
    or ax, cx
    mov cx, gs
    or ax, cx
    mov [ss:f_segs], eax
    mov eax, cs
    mov [ss:f_cpl], eax
    pop ecx
    pop eax
    iretd
; #GP from virtual-8086 mode at IOPL 0: record and leave to the kernel.
v86_gp:
    mov eax, [esp]
    mov [ss:g_ec], eax
    mov eax, [esp + 4]
    mov [ss:g_eip], eax
    jmp user_return32
f_eip: dd 0
f_cs: dd 0
f_eflags: dd 0
f_esp: dd 0
f_ss: dd 0
f_es: dd 0
f_ds: dd 0
f_fs: dd 0
f_gs: dd 0
f_segs: dd -1
f_cpl: dd 0
g_ec: dd -1
g_eip: dd 0

BITS 16
blob:
v86_main:
    mov ax, cs
    mov [R(r_cs)], ax
    mov ax, 0x0900
    mov ds, ax
    mov word [0x1234], 0x5678
    mov ax, cs
    mov ds, ax
    cli
    sti
    xor dx, dx
    xor cx, cx
    mov ax, 1
div_insn:
    div cx
after_div:
    mov ax, 0x4242
    int 0x61
after_int61:
    mov [R(r_ax)], ax                ; registers survive INT/IRETD
    pushf
    popf
    int 0x62                         ; back to the kernel
v86_int_insn:
    int 0x61
v86_cli:
    cli
v86_pushf:
    pushf
v86_hlt:
    hlt
r_cs: dw 0
r_ax: dw 0
blob_end:
BITS 32
END_IMAGE
