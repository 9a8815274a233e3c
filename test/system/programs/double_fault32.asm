; Scope 5: #DF: a #GP whose gate is not present raises #NP during delivery (contributory + contributory = #DF, error code 0), a #PF whose gate points beyond the GDT gives #GP during delivery (#PF + contributory = #DF), while #UD through a not-present gate is handled serially as #NP with EXT.
; QEMU-DIFF: #UD -> #NP (benign then contributory) ec=00000032 FAIL want=00000033 => #UD -> #NP (benign then contributory) ec=00000033 ok (QEMU 7.2 leaves EXT clear for a fault while delivering an exception)
; QEMU-DIFF: END failures=00000001 => END failures=00000000
; QEMU-EXIT: 3
%include "rstest.inc"
main32:
    mov eax, 8
    mov edx, df_handler
    mov ecx, 0x8e
    call set_gate32
    ; #GP with a not-present #GP gate
    and byte [idt + 13 * 8 + 5], 0x7f
    mov dword [df_resume], .a
    mov ax, 0x1234
    mov ds, ax
.a: or byte [idt + 13 * 8 + 5], 0x80
    CHECK [df_count], 1, "#GP -> #NP -> #DF"
    CHECK [df_ec], 0, "#DF error code"
    ; #PF with a #PF gate whose selector is beyond the GDT limit
    mov edi, SCRATCH
    xor eax, eax
    mov ecx, 1024
    rep stosd
    mov dword [SCRATCH], 0x83           ; identity 4 MiB pages for the first 8 MiB only
    mov dword [SCRATCH + 4], 0x400083
    mov eax, cr4
    or eax, 0x10
    mov cr4, eax
    mov eax, SCRATCH
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    mov word [idt + 14 * 8 + 2], 0x1f8
    mov dword [df_resume], .b
    mov eax, [0x900000]                ; #PF -> #GP(0x1f8) -> #DF
.b: mov word [idt + 14 * 8 + 2], KCODE32
    CHECK [df_count], 2, "#PF -> #GP -> #DF"
    ; #UD with a not-present #UD gate: serial, #NP(6*8+2+EXT)
    and byte [idt + 6 * 8 + 5], 0x7f
    TRYQ .c
    ud2
.c: or byte [idt + 6 * 8 + 5], 0x80
    EXPECT 11, 6 * 8 + 3, "#UD -> #NP (benign then contributory)"
    CHECK [df_count], 2, "no #DF for that"
    ret
; The #DF handler: record, then resume at [df_resume] by rewriting the frame (CS:EIP of a #DF are undefined).
df_handler:
    inc dword [df_count]
    mov eax, [esp]
    mov [df_ec], eax
    add esp, 4
    mov eax, [df_resume]
    mov [esp], eax
    iretd
df_count: dd 0
df_ec: dd -1
df_resume: dd 0
END_IMAGE
