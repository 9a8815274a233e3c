; Scope 11: control-register and MSR checks in 64-bit mode: FS/GS base MSRs (canonical check, effect on FS:/GS: accesses), SWAPGS with KERNEL_GS_BASE, non-canonical LSTAR, CR3 reserved bits, clearing CR4.PAE or CR0.PG in 64-bit mode, CR8 and the TPR.
%define LONG
%include "rstest.inc"
main64:
    mov ecx, 0xc0000100              ; FS_BASE
    mov eax, 0x00700000
    xor edx, edx
    wrmsr
    mov dword [0x700010], 0xfacefeed
    mov eax, [fs:0x10]
    CHECK eax, 0xfacefeed, "fs: through FS_BASE"
    TRYQ .a
    mov ecx, 0xc0000100
    xor eax, eax
    mov edx, 0x00008000              ; 0x0000800000000000: non-canonical
    wrmsr
.a: EXPECT 13, 0, "non-canonical FS_BASE"
    mov ecx, 0xc0000100
    rdmsr
    CHECK eax, 0x00700000, "FS_BASE kept"
    mov ecx, 0xc0000101              ; GS_BASE
    mov eax, 0x1000
    xor edx, edx
    wrmsr
    mov ecx, 0xc0000102              ; KERNEL_GS_BASE
    mov eax, 0x00700000
    mov edx, 0
    wrmsr
    swapgs
    mov eax, [gs:0x10]
    CHECK eax, 0xfacefeed, "gs: after swapgs"
    mov ecx, 0xc0000102
    rdmsr
    CHECK eax, 0x1000, "old GS_BASE now in KERNEL_GS_BASE"
    swapgs
    mov ax, KDATA
    mov fs, ax
    mov ecx, 0xc0000100
    rdmsr
    CHECK eax, 0, "loading FS clears its base"
    TRYQ .b
    mov ecx, 0xc0000082              ; LSTAR
    mov eax, 0
    mov edx, 0x00012345
    wrmsr
.b: EXPECT 13, 0, "non-canonical LSTAR"
    TRYQ .c
    mov rax, cr3
    bts rax, 52
    mov cr3, rax
.c: EXPECT 13, 0, "cr3 bit 52"
    TRYQ .d
    mov rax, cr4
    and eax, ~0x20
    mov cr4, rax
.d: EXPECT 13, 0, "clear cr4.PAE in 64-bit mode"
    TRYQ .e
    mov rax, cr0
    btr eax, 31
    mov cr0, rax
.e: EXPECT 13, 0, "clear cr0.PG in 64-bit mode"
    mov eax, 5
    mov cr8, rax
    mov eax, [0xfee00080]
    CHECK eax, 0x50, "cr8 is TPR[7:4]"
    xor eax, eax
    mov cr8, rax
    mov ecx, 0xc0000080
    rdmsr
    CHECK eax, 0x500, "efer LME|LMA"
    ret
END_IMAGE
