; Scope 1: LLDT with an LDT descriptor, loading DS through a TI=1 selector, SLDT, and LLDT faults (#GP for a non-LDT type, #NP).
%include "rstest.inc"
main32:
    ; LDT at ldt_area: entry 1 = data DPL 0 base 0x1000
    mov dword [ldt_area + 8], 0x1000ffff
    mov dword [ldt_area + 12], 0x00009200
    ; GDT 0x90: LDT descriptor (type 2), 0x98: same but not present
    mov ecx, 0x90
    mov eax, ldt_area
    shl eax, 16
    or eax, 0x17
    mov edx, ldt_area
    and edx, 0xff000000
    mov ebx, ldt_area
    shr ebx, 16
    and ebx, 0xff
    or edx, ebx
    or edx, 0x8200
    call set_desc32
    mov ecx, 0x98
    and edx, ~0x8000
    call set_desc32
    mov ax, 0x90
    lldt ax
    sldt ebx
    CHECK ebx, 0x90, "sldt"
    mov ax, 0x0c                    ; LDT index 1, TI=1, RPL 0
    mov es, ax
    mov dword [es:0], 0xcafe
    CHECK dword [0x1000], 0xcafe, "write through LDT segment"
    mov ax, KDATA
    mov es, ax
    TRY .a
    mov ax, KDATA
    lldt ax                         ; not an LDT descriptor
.a: TRY .b
    mov ax, 0x98
    lldt ax                         ; not present
.b: TRY .c
    mov ax, 0x14                    ; LDT index 2 is beyond the LDT limit (0x17)
    mov es, ax
.c: xor eax, eax
    lldt ax
    TRY .d
    mov ax, 0x0c
    mov es, ax                      ; null LDTR now
.d: ret
align 8
ldt_area: times 24 db 0
END_IMAGE
