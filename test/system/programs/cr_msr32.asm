; Scope 11: control-register and MSR checks in 32-bit mode (reserved CR4 bits and PG without PE are in the unit tests: QEMU 7.2 hangs on them): NW without CD, EFER reserved bits and LME while paging, unknown MSRs, PAT memory types, SYSENTER MSRs read back, RDMSR at CPL 3.
; QEMU-DIFF: NW without CD vector=000000ff FAIL want=0000000d\nNW without CD ec=ffffffff FAIL want=00000000\ncr0 unchanged=20000011 FAIL want=00000011\nrdmsr unknown vector=000000ff FAIL want=0000000d\nrdmsr unknown ec=ffffffff FAIL want=00000000\nwrmsr unknown vector=000000ff FAIL want=0000000d\nwrmsr unknown ec=ffffffff FAIL want=00000000 => NW without CD vector=0000000d ok\nNW without CD ec=00000000 ok\ncr0 unchanged=00000011 ok\nrdmsr unknown vector=0000000d ok\nrdmsr unknown ec=00000000 ok\nwrmsr unknown vector=0000000d ok\nwrmsr unknown ec=00000000 ok (QEMU 7.2 accepts this without #GP(0))
; QEMU-DIFF: efer reserved bit vector=000000ff FAIL want=0000000d\nefer reserved bit ec=ffffffff FAIL want=00000000 => efer reserved bit vector=0000000d ok\nefer reserved bit ec=00000000 ok (QEMU 7.2 accepts this without #GP(0))
; QEMU-DIFF: efer.LME with paging on vector=000000ff FAIL want=0000000d\nefer.LME with paging on ec=ffffffff FAIL want=00000000 => efer.LME with paging on vector=0000000d ok\nefer.LME with paging on ec=00000000 ok (QEMU 7.2 accepts this without #GP(0))
; QEMU-DIFF: pat type 2 vector=000000ff FAIL want=0000000d\npat type 2 ec=ffffffff FAIL want=00000000 => pat type 2 vector=0000000d ok\npat type 2 ec=00000000 ok (QEMU 7.2 accepts this without #GP(0))
; QEMU-DIFF: END failures=0000000d => END failures=00000000
; QEMU-EXIT: 27
%include "rstest.inc"
main32:
    mov ax, TSS_SEL
    ltr ax
    mov eax, 0x80
    mov edx, user_return32
    mov ecx, 0xee
    call set_gate32
    mov ebx, cr4
    mov ebx, cr0
    TRYQ .d
    mov eax, ebx
    and eax, ~0x40000000
    or eax, 0x20000000
    mov cr0, eax
.d: EXPECT 13, 0, "NW without CD"
    mov eax, cr0
    CHECK eax, ebx, "cr0 unchanged"
    ; MSRs
    TRYQ .e
    mov ecx, 0x12345
    rdmsr
.e: EXPECT 13, 0, "rdmsr unknown"
    TRYQ .f
    mov ecx, 0x12345
    wrmsr
.f: EXPECT 13, 0, "wrmsr unknown"
    mov ecx, 0xc0000080
    rdmsr
    CHECK eax, 0, "efer at boot"
    TRYQ .g
    mov ecx, 0xc0000080
    mov eax, 2                       ; reserved bit 1
    xor edx, edx
    wrmsr
.g: EXPECT 13, 0, "efer reserved bit"
    mov ecx, 0xc0000080
    mov eax, 0x801                   ; SCE, NXE
    xor edx, edx
    wrmsr
    rdmsr
    CHECK eax, 0x801, "efer SCE|NXE"
    ; LME cannot change while paging is on
    mov edi, SCRATCH
    xor eax, eax
    mov ecx, 1024
    rep stosd
    mov dword [SCRATCH], 0x83
    mov dword [SCRATCH + 4], 0x400083
    mov eax, cr4
    or eax, 0x10
    mov cr4, eax
    mov eax, SCRATCH
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    TRYQ .h
    mov ecx, 0xc0000080
    mov eax, 0x901
    xor edx, edx
    wrmsr
.h: EXPECT 13, 0, "efer.LME with paging on"
    mov eax, cr0
    and eax, 0x7fffffff
    mov cr0, eax
    ; PAT: memory type 2 is reserved
    mov ecx, 0x277
    rdmsr
    CHECK eax, 0x00070406, "pat low"
    CHECK edx, 0x00070406, "pat high"
    TRYQ .i
    mov ecx, 0x277
    mov eax, 0x00070402
    wrmsr
.i: EXPECT 13, 0, "pat type 2"
    mov ecx, 0x174
    mov eax, KCODE32
    xor edx, edx
    wrmsr
    mov ecx, 0x176
    mov eax, 0x12345678
    wrmsr
    rdmsr
    CHECK eax, 0x12345678, "sysenter_eip"
    mov ecx, 0x174
    rdmsr
    CHECK eax, KCODE32, "sysenter_cs"
    mov ecx, 0x1b
    rdmsr
    and eax, 0xfffff900
    CHECK eax, 0xfee00900, "apic base, BSP, enabled"
    ENTER_USER32 user, back
back:
    ret
user:
    TRYQ .a
    mov ecx, 0x10
    rdmsr
.a: EXPECT 13, 0, "rdmsr at CPL 3"
    TRYQ .b
    mov eax, cr4
.b: EXPECT 13, 0, "mov from cr4 at CPL 3"
    int 0x80
END_IMAGE
