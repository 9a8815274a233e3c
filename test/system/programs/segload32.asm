; Scope 1: MOV Sreg checks in protected mode: null, limit, type, privilege and presence faults with selector error codes.
; QEMU-DIFF: use of null ds=000000ff FAIL want=0000000d => use of null ds=0000000d ok (QEMU 7.2's TCG does not check null or limit-violating data segments in protected mode)
; QEMU-DIFF: END failures=00000001 => END failures=00000000
; QEMU-EXIT: 3
%include "rstest.inc"
main32:
    ; descriptors at FREE_SEL: 0x90 data DPL0 not present, 0x98 execute-only code, 0xa0 readable code, 0xa8 data DPL3
    mov ecx, 0x90
    mov eax, 0x0000ffff
    mov edx, 0x00cf1300             ; data, P=0
    call set_desc32
    mov ecx, 0x98
    mov edx, 0x00cf9800             ; code, execute-only
    call set_desc32
    mov ecx, 0xa0
    mov edx, 0x00cf9a00             ; code, readable
    call set_desc32
    mov ecx, 0xa8
    mov edx, 0x00cff200             ; data DPL3
    call set_desc32
    lgdt [gdt_desc]

    TRY .a
    mov ax, 0x1000                  ; beyond the GDT limit
    mov ds, ax
.a: TRY .b
    mov ax, 0x90                    ; not present data: #NP
    mov es, ax
.b: TRY .c
    mov ax, 0x98                    ; execute-only code: #GP
    mov fs, ax
.c: mov ax, 0xa0                    ; readable code is fine for DS
    mov gs, ax
    mov ax, gs
    CHECK eax, 0xa0, "gs=readable code"
    TRY .d
    mov ax, TSS_SEL                 ; system descriptor: #GP
    mov ds, ax
.d: TRY .e
    mov ax, 0xa8                    ; SS with DPL 3 at CPL 0: #GP
    mov ss, ax
.e: TRY .f
    xor eax, eax                    ; null SS: #GP(0)
    mov ss, ax
.f: TRY .g
    mov ax, 0x90                    ; not present SS: #SS
    and ax, 0xfff8
    mov ecx, 0x90
    mov eax, 0x0000ffff
    mov edx, 0x00cf1200             ; writable data, P=0
    call set_desc32
    mov ax, 0x90
    mov ss, ax
.g: TRY .i
    mov ax, 0x1b                    ; RPL 3 > DPL 0 for data: #GP
    mov ds, ax
.i: TRYQ .j
    xor eax, eax                    ; null DS is fine until used
    mov ds, ax
    mov eax, [ds:0x1000]
.j: mov ax, KDATA
    mov ds, ax
    CHECK [last_vec], 0x0d, "use of null ds"
    mov ax, KDATA
    mov ds, ax
    ; accessed bit set by the load
    mov eax, [gdt + 0xa0 + 4]
    and eax, 0x100
    CHECK eax, 0x100, "accessed bit"
    ret
END_IMAGE
