; Scope 2: far JMP/CALL/RETF at the same level: direct and indirect forms, conforming code, target faults (#GP selector, #NP, limit).
%include "rstest.inc"
main32:
    mov ecx, 0x90                   ; conforming code DPL 0
    mov eax, 0x0000ffff
    mov edx, 0x00cf9e00
    call set_desc32
    mov ecx, 0x98                   ; code not present
    mov edx, 0x00cf1a00
    call set_desc32
    mov ecx, 0xa0                   ; code with a small limit
    mov eax, 0x00000fff
    mov edx, 0x00409a00
    call set_desc32
    jmp KCODE32:.a
.a: PRINTLN "direct jmp"
    jmp far [ptr1]
.b: PRINTLN "indirect jmp"
    call KCODE32:farfn
    CHECK eax, 0x42, "far call/ret"
    call far [ptr2]
    CHECK eax, 0x42, "indirect far call"
    mov ebx, esp
    push dword 7
    push dword 7
    call KCODE32:farfn8
    sub ebx, esp
    CHECK ebx, 0, "retf 8 pops the arguments"
    call 0x90:farfn                 ; conforming target
    TRY .c
    jmp KDATA:0                     ; data segment: #GP(0x18)
.c: TRY .d
    jmp 0x98:0                      ; not present: #NP(0x98)
.d: TRY .e
    jmp 0xa0:0x2000                 ; beyond the limit: #GP(0)
.e: TRY .f
    jmp 0:0                         ; null: #GP(0)
.f: ret
farfn:
    mov eax, 0x42
    retf
farfn8:
    retf 8
ptr1: dd main32.b
    dw KCODE32
ptr2: dd farfn
    dw KCODE32
END_IMAGE
