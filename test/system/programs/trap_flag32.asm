; Scope 9: the trap flag: #DB after each instruction once TF is set (not after the POPF that sets it, but after the one that clears it), DR6.BS, the handler not stepped, MOV SS holding the trap until after the next instruction, and INT1 (ICEBP).
; QEMU-DIFF: int1 (ICEBP) vector=00000006 FAIL want=00000001\nint1 eip - after=ffffffff FAIL want=00000000 => int1 (ICEBP) vector=00000001 ok\nint1 eip - after=00000000 ok (QEMU 7.2 raises #UD for INT1)
; QEMU-DIFF: END failures=00000002 => END failures=00000000
; QEMU-EXIT: 5
%include "rstest.inc"
main32:
    TRYQ .i
    int1
.i: CHECK [last_vec], 1, "int1 (ICEBP) vector"
    mov eax, [last_ip]
    sub eax, .i
    CHECK eax, 0, "int1 eip - after"
    mov eax, 1
    mov edx, db_handler
    mov ecx, 0x8e
    call set_gate32
    xor eax, eax
    mov dr6, eax
    pushfd
    or dword [esp], 0x100
    popfd
s1: nop
s2: inc eax
s3: mov ebx, 5
s4: pushfd
s5: and dword [esp], ~0x100
s6: popfd
s7: CHECK [db_count], 6, "six single-step traps"
    xor edi, edi
.l: mov eax, [db_eips + edi * 4]
    mov ebx, [expected + edi * 4]
    mov esi, step_name
    call check32
    inc edi
    cmp edi, 6
    jb .l
    mov eax, [db_dr6]
    and eax, 0x600f
    CHECK eax, 0x4000, "dr6.BS"
    CHECK [db_tf], 0, "TF clear in the handler"
    ; MOV SS: the trap after it is held until after the next instruction
    mov dword [db_count], 0
    pushfd
    or dword [esp], 0x100
    popfd
m1: mov ax, ss
m2: mov ss, ax
m3: nop
m4: pushfd
m5: and dword [esp], ~0x100
m6: popfd
m7: CHECK [db_count], 5, "traps around MOV SS"
    CHECK [db_eips + 4], m4, "no trap between MOV SS and the next instruction"
    ret
expected: dd s2, s3, s4, s5, s6, s7
step_name: db "step", 0
db_handler:
    push eax
    push esi
    pushfd
    pop eax
    and eax, 0x100
    mov [db_tf], eax
    mov esi, [db_count]
    mov eax, [esp + 8]
    cmp esi, 16
    jae .full
    mov [db_eips + esi * 4], eax
.full:
    inc dword [db_count]
    mov eax, dr6
    mov [db_dr6], eax
    xor eax, eax
    mov dr6, eax
    pop esi
    pop eax
    iretd
db_count: dd 0
db_tf: dd -1
db_dr6: dd 0
db_eips: times 16 dd 0
END_IMAGE
