; Scope 11: control-register and MSR checks in 64-bit mode: FS/GS base MSRs (canonical check, effect on FS:/GS: accesses), SWAPGS with KERNEL_GS_BASE, non-canonical LSTAR, CR8 and the TPR (CR3 reserved bits and clearing CR4.PAE or CR0.PG in 64-bit mode are in the unit tests: QEMU 7.2 stops on them).
; QEMU-DIFF: non-canonical FS_BASE vector=000000ff FAIL want=0000000d\nnon-canonical FS_BASE ec=ffffffff FAIL want=00000000\nFS_BASE kept=00000000 FAIL want=00700000 => non-canonical FS_BASE vector=0000000d ok\nnon-canonical FS_BASE ec=00000000 ok\nFS_BASE kept=00700000 ok (QEMU 7.2 does not check canonical MSR values)
; QEMU-DIFF: non-canonical LSTAR vector=000000ff FAIL want=0000000d\nnon-canonical LSTAR ec=ffffffff FAIL want=00000000 => non-canonical LSTAR vector=0000000d ok\nnon-canonical LSTAR ec=00000000 ok (QEMU 7.2 does not check canonical MSR values)
; QEMU-DIFF: END failures=00000005 => END failures=00000000
; QEMU-EXIT: 11
%define LONG
%include "rstest.inc"
main64:
    mov dword [PDPT + 24], 0xc0000083   ; linear 3-4 GiB identity (local APIC page)
    mov rax, cr3
    mov cr3, rax
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
    mov eax, 5
    mov cr8, rax
    mov ebx, 0xfee00080
    mov eax, [rbx]
    CHECK eax, 0x50, "cr8 is TPR[7:4]"
    xor eax, eax
    mov cr8, rax
    mov ecx, 0xc0000080
    rdmsr
    CHECK eax, 0x500, "efer LME|LMA"
    ret
END_IMAGE
