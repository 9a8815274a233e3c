; Scope 6: I/O permission at CPL 3: IOPL 0 consults the TSS I/O bitmap (allowed, denied, a word straddling a denied bit, a map base beyond the TSS limit), IOPL 3 allows every port; CLI/STI/POPF rules by IOPL.
%include "rstest.inc"
main32:
    mov al, 0xff                    ; mask the PIC: STI below must not let the firmware's timer in
    out 0x21, al
    out 0xa1, al
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    or byte [tss_iomap + 0x80 / 8], 1 << (0x80 & 7)     ; deny port 0x80
    or byte [tss_iomap + 0x88 / 8], 1 << (0x88 & 7)     ; deny port 0x88
    ; ring 3 with IOPL 0
    mov dword [kcont], back
    mov [ksave], esp
    mov ax, UDATA
    mov ds, ax
    mov es, ax
    push dword UDATA
    push dword USTACK_TOP
    push dword 0x0002
    push dword UCODE32
    push dword user0
    iretd
back:
    mov ax, KDATA
    mov ds, ax
    mov es, ax
    ENTER_USER32 user3, back3
back3:
    mov ax, KDATA
    mov ds, ax
    mov es, ax
    ret
user0:
    PRINTLN "ring 3, IOPL 0: COM1 allowed by the bitmap"
    in al, 0x81
    PRINTLN "in 0x81 allowed"
    TRYQ .a
    out 0x80, al
.a: EXPECT 13, 0, "out 0x80 denied"
    TRYQ .b
    mov dx, 0x87
    in ax, dx                        ; 0x87 allowed, 0x88 denied
.b: EXPECT 13, 0, "word at 0x87 straddles a denied bit"
    mov dx, 0x86
    in ax, dx
    PRINTLN "word at 0x86 allowed"
    TRYQ .c
    cli
.c: EXPECT 13, 0, "cli at IOPL 0"
    TRYQ .d
    sti
.d: EXPECT 13, 0, "sti at IOPL 0"
    pushfd
    or dword [esp], 0x3200           ; IF and IOPL 3: both ignored at CPL 3, IOPL 0
    popfd
    pushfd
    pop eax
    and eax, 0x3200
    CHECK eax, 0, "popf cannot set IF or IOPL"
    ; a map base beyond the TSS limit denies every port
    mov word [tss + 0x66], TSS_LIMIT + 1
    TRYQ .e
    in al, 0x81
.e: mov word [tss + 0x66], tss_iomap - tss
    EXPECT 13, 0, "map base beyond the limit"
    int 0x80
user3:
    PRINTLN "ring 3, IOPL 3"
    out 0x80, al
    PRINTLN "out 0x80 allowed at IOPL 3"
    cli
    sti
    pushfd
    pop eax
    and eax, 0x200
    CHECK eax, 0x200, "cli/sti at IOPL 3"
    pushfd
    and dword [esp], ~0x3000         ; try to drop IOPL: ignored at CPL 3
    popfd
    pushfd
    pop eax
    and eax, 0x3000
    CHECK eax, 0x3000, "popf cannot change IOPL at CPL 3"
    cli
    int 0x80
END_IMAGE
