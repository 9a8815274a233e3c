; Scope 4: U/S and R/W from ring 3 under 32-bit paging: user access to supervisor pages, user writes to read-only pages (whatever CR0.WP), not-present user accesses, and ring-0 writes to user read-only pages with CR0.WP.
%include "rstest.inc"
UPD equ SCRATCH
UPT equ SCRATCH + 0x1000
main32:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    mov edi, UPD
    xor eax, eax
    mov ecx, 2048
    rep stosd
    mov dword [UPD + 0], 0x000087        ; user, RW, 4 MiB
    mov dword [UPD + 4], 0x400087
    mov dword [UPD + 8], UPT | 7
    mov dword [UPT + 0], 0x700003        ; 0x800000 supervisor RW
    mov dword [UPT + 4], 0x701005        ; 0x801000 user read-only
    mov dword [UPT + 8], 0x702006        ; 0x802000 user, not present
    mov dword [UPT + 12], 0x703007       ; 0x803000 user RW
    mov dword [0x701000], 0xfeed
    mov eax, cr4
    or eax, 0x10
    mov cr4, eax
    mov eax, UPD
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    ENTER_USER32 user, back
back:
    mov ax, KDATA
    mov ss, ax
    ; ring 0 writes a user read-only page: allowed with WP = 0, #PF(3) with WP = 1
    mov dword [0x801004], 0x11
    CHECK dword [0x701004], 0x11, "ring 0 write, WP=0"
    mov eax, cr0
    or eax, 0x10000
    mov cr0, eax
    TRYQ .w
    mov dword [0x801008], 0x22
.w: EXPECT 14, 3, "ring 0 write, WP=1"
    mov eax, cr0
    and eax, 0x7ffeffff
    mov cr0, eax
    ret
user:
    mov eax, cs
    CHECK eax, UCODE32, "ring 3"
    TRYQ .a
    mov eax, [0x800000]
.a: EXPECT 14, 5, "user read of supervisor page"
    TRYQ .b
    mov dword [0x800000], 1
.b: EXPECT 14, 7, "user write of supervisor page"
    mov eax, [0x801000]
    CHECK eax, 0xfeed, "user read of user read-only page"
    TRYQ .c
    mov dword [0x801000], 1
.c: EXPECT 14, 7, "user write of read-only page"
    TRYQ .d
    mov eax, [0x802000]
.d: EXPECT 14, 4, "user read not present"
    TRYQ .e
    mov byte [0x802fff], 1
.e: EXPECT 14, 6, "user write not present"
    TRYQ .f
    call 0x802000
.f: add esp, 4
    EXPECT 14, 4, "user fetch not present"
    TRYQ .g
    call 0x800000
.g: add esp, 4
    EXPECT 14, 5, "user fetch from supervisor page"
    mov dword [0x803000], 0x77
    CHECK dword [UPT + 12], 0x703067, "user write sets A and D"
    int 0x80
END_IMAGE
