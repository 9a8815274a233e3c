; BT/BTS/BTR/BTC (register, immediate and memory bit offsets beyond the operand, negative offsets), BSF/BSR, TZCNT/LZCNT, POPCNT; expected values from an x86-64 host CPU, undefined flags masked.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; bt-reg-bit5
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x5
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdef, "bt-reg-bit5-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt-reg-bit5-flags"
    ; bt-reg-bit63
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x3f
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdef, "bt-reg-bit63-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt-reg-bit63-flags"
    ; bt-reg-offset-masked-70
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x46
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdef, "bt-reg-offset-masked-70-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt-reg-offset-masked-70-flags"
    ; bt32-imm-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt eax, 33
    pushf
    CHECK rax, 0x8123456789abcdef, "bt32-imm-masked-33-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt32-imm-masked-33-flags"
    ; bt16-imm-15
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt ax, 15
    pushf
    CHECK rax, 0x8123456789abcdef, "bt16-imm-15-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt16-imm-15-flags"
    ; bt-mem-imm-masked-66
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt qword [rsi + 64], 66
    pushf
    CHECK qword [M + 64], 0xb4178aed40a30679, "bt-mem-imm-masked-66-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "bt-mem-imm-masked-66-flags"
    ; bt-mem-reg-bit-100
    call reset_mem
    mov rax, 0x64
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt qword [rsi + 64], rax
    pushf
    CHECK qword [M + 64], 0xb4178aed40a30679, "bt-mem-reg-bit-100-mem64"
    CHECK qword [M + 72], 0xad0e63c4399aff50, "bt-mem-reg-bit-100-mem72"
    CHECK qword [M + 80], 0x86e558bf1271d44b, "bt-mem-reg-bit-100-mem80"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "bt-mem-reg-bit-100-flags"
    ; bt-mem-reg-bit-minus-1
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt qword [rsi + 64], rax
    pushf
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "bt-mem-reg-bit-minus-1-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "bt-mem-reg-bit-minus-1-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt-mem-reg-bit-minus-1-flags"
    ; bt32-mem-reg-bit-minus-33
    call reset_mem
    mov rax, 0xffffffdf
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt dword [rsi + 64], eax
    pushf
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "bt32-mem-reg-bit-minus-33-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "bt32-mem-reg-bit-minus-33-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "bt32-mem-reg-bit-minus-33-flags"
    ; bt16-mem-reg-bit-minus-17
    call reset_mem
    mov rax, 0xffef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt word [rsi + 64], ax
    pushf
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "bt16-mem-reg-bit-minus-17-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "bt16-mem-reg-bit-minus-17-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt16-mem-reg-bit-minus-17-flags"
    ; bt-mem-reg-bit-1000
    call reset_mem
    mov rax, 0x3e8
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bt qword [rsi], rax
    pushf
    CHECK qword [M + 120], 0x1b78d532af0c69c6, "bt-mem-reg-bit-1000-mem120"
    CHECK qword [M + 128], 0xec4fd23598fb5ea1, "bt-mem-reg-bit-1000-mem128"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bt-mem-reg-bit-1000-flags"
    ; bts-reg-bit5
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x5
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdef, "bts-reg-bit5-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts-reg-bit5-flags"
    ; bts-reg-bit63
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x3f
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdef, "bts-reg-bit63-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts-reg-bit63-flags"
    ; bts-reg-offset-masked-70
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x46
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdef, "bts-reg-offset-masked-70-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts-reg-offset-masked-70-flags"
    ; bts32-imm-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts eax, 33
    pushf
    CHECK rax, 0x89abcdef, "bts32-imm-masked-33-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts32-imm-masked-33-flags"
    ; bts16-imm-15
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts ax, 15
    pushf
    CHECK rax, 0x8123456789abcdef, "bts16-imm-15-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts16-imm-15-flags"
    ; bts-mem-imm-masked-66
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts qword [rsi + 64], 66
    pushf
    CHECK qword [M + 64], 0xb4178aed40a3067d, "bts-mem-imm-masked-66-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "bts-mem-imm-masked-66-flags"
    ; bts-mem-reg-bit-100
    call reset_mem
    mov rax, 0x64
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts qword [rsi + 64], rax
    pushf
    CHECK qword [M + 64], 0xb4178aed40a30679, "bts-mem-reg-bit-100-mem64"
    CHECK qword [M + 72], 0xad0e63d4399aff50, "bts-mem-reg-bit-100-mem72"
    CHECK qword [M + 80], 0x86e558bf1271d44b, "bts-mem-reg-bit-100-mem80"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "bts-mem-reg-bit-100-flags"
    ; bts-mem-reg-bit-minus-1
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts qword [rsi + 64], rax
    pushf
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "bts-mem-reg-bit-minus-1-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "bts-mem-reg-bit-minus-1-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts-mem-reg-bit-minus-1-flags"
    ; bts32-mem-reg-bit-minus-33
    call reset_mem
    mov rax, 0xffffffdf
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts dword [rsi + 64], eax
    pushf
    CHECK qword [M + 56], 0xd3309dfae7c4218e, "bts32-mem-reg-bit-minus-33-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "bts32-mem-reg-bit-minus-33-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "bts32-mem-reg-bit-minus-33-flags"
    ; bts16-mem-reg-bit-minus-17
    call reset_mem
    mov rax, 0xffef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts word [rsi + 64], ax
    pushf
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "bts16-mem-reg-bit-minus-17-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "bts16-mem-reg-bit-minus-17-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts16-mem-reg-bit-minus-17-flags"
    ; bts-mem-reg-bit-1000
    call reset_mem
    mov rax, 0x3e8
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bts qword [rsi], rax
    pushf
    CHECK qword [M + 120], 0x1b78d532af0c69c6, "bts-mem-reg-bit-1000-mem120"
    CHECK qword [M + 128], 0xec4fd23598fb5ea1, "bts-mem-reg-bit-1000-mem128"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "bts-mem-reg-bit-1000-flags"
    ; btr-reg-bit5
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x5
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdcf, "btr-reg-bit5-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr-reg-bit5-flags"
    ; btr-reg-bit63
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x3f
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr rax, rbx
    pushf
    CHECK rax, 0x123456789abcdef, "btr-reg-bit63-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr-reg-bit63-flags"
    ; btr-reg-offset-masked-70
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x46
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdaf, "btr-reg-offset-masked-70-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr-reg-offset-masked-70-flags"
    ; btr32-imm-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr eax, 33
    pushf
    CHECK rax, 0x89abcded, "btr32-imm-masked-33-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr32-imm-masked-33-flags"
    ; btr16-imm-15
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr ax, 15
    pushf
    CHECK rax, 0x8123456789ab4def, "btr16-imm-15-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr16-imm-15-flags"
    ; btr-mem-imm-masked-66
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr qword [rsi + 64], 66
    pushf
    CHECK qword [M + 64], 0xb4178aed40a30679, "btr-mem-imm-masked-66-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "btr-mem-imm-masked-66-flags"
    ; btr-mem-reg-bit-100
    call reset_mem
    mov rax, 0x64
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr qword [rsi + 64], rax
    pushf
    CHECK qword [M + 64], 0xb4178aed40a30679, "btr-mem-reg-bit-100-mem64"
    CHECK qword [M + 72], 0xad0e63c4399aff50, "btr-mem-reg-bit-100-mem72"
    CHECK qword [M + 80], 0x86e558bf1271d44b, "btr-mem-reg-bit-100-mem80"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "btr-mem-reg-bit-100-flags"
    ; btr-mem-reg-bit-minus-1
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr qword [rsi + 64], rax
    pushf
    CHECK qword [M + 56], 0x53309dfa67c4218e, "btr-mem-reg-bit-minus-1-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "btr-mem-reg-bit-minus-1-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr-mem-reg-bit-minus-1-flags"
    ; btr32-mem-reg-bit-minus-33
    call reset_mem
    mov rax, 0xffffffdf
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr dword [rsi + 64], eax
    pushf
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "btr32-mem-reg-bit-minus-33-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "btr32-mem-reg-bit-minus-33-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "btr32-mem-reg-bit-minus-33-flags"
    ; btr16-mem-reg-bit-minus-17
    call reset_mem
    mov rax, 0xffef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr word [rsi + 64], ax
    pushf
    CHECK qword [M + 56], 0xd3301dfa67c4218e, "btr16-mem-reg-bit-minus-17-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "btr16-mem-reg-bit-minus-17-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr16-mem-reg-bit-minus-17-flags"
    ; btr-mem-reg-bit-1000
    call reset_mem
    mov rax, 0x3e8
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btr qword [rsi], rax
    pushf
    CHECK qword [M + 120], 0x1b78d432af0c69c6, "btr-mem-reg-bit-1000-mem120"
    CHECK qword [M + 128], 0xec4fd23598fb5ea1, "btr-mem-reg-bit-1000-mem128"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btr-mem-reg-bit-1000-flags"
    ; btc-reg-bit5
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x5
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdcf, "btc-reg-bit5-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc-reg-bit5-flags"
    ; btc-reg-bit63
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x3f
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc rax, rbx
    pushf
    CHECK rax, 0x123456789abcdef, "btc-reg-bit63-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc-reg-bit63-flags"
    ; btc-reg-offset-masked-70
    call reset_mem
    mov rax, 0x8123456789abcdef
    mov rbx, 0x46
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc rax, rbx
    pushf
    CHECK rax, 0x8123456789abcdaf, "btc-reg-offset-masked-70-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc-reg-offset-masked-70-flags"
    ; btc32-imm-masked-33
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc eax, 33
    pushf
    CHECK rax, 0x89abcded, "btc32-imm-masked-33-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc32-imm-masked-33-flags"
    ; btc16-imm-15
    call reset_mem
    mov rax, 0x8123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc ax, 15
    pushf
    CHECK rax, 0x8123456789ab4def, "btc16-imm-15-rax"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc16-imm-15-flags"
    ; btc-mem-imm-masked-66
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc qword [rsi + 64], 66
    pushf
    CHECK qword [M + 64], 0xb4178aed40a3067d, "btc-mem-imm-masked-66-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "btc-mem-imm-masked-66-flags"
    ; btc-mem-reg-bit-100
    call reset_mem
    mov rax, 0x64
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc qword [rsi + 64], rax
    pushf
    CHECK qword [M + 64], 0xb4178aed40a30679, "btc-mem-reg-bit-100-mem64"
    CHECK qword [M + 72], 0xad0e63d4399aff50, "btc-mem-reg-bit-100-mem72"
    CHECK qword [M + 80], 0x86e558bf1271d44b, "btc-mem-reg-bit-100-mem80"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "btc-mem-reg-bit-100-flags"
    ; btc-mem-reg-bit-minus-1
    call reset_mem
    mov rax, 0xffffffffffffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc qword [rsi + 64], rax
    pushf
    CHECK qword [M + 56], 0x53309dfa67c4218e, "btc-mem-reg-bit-minus-1-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "btc-mem-reg-bit-minus-1-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc-mem-reg-bit-minus-1-flags"
    ; btc32-mem-reg-bit-minus-33
    call reset_mem
    mov rax, 0xffffffdf
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc dword [rsi + 64], eax
    pushf
    CHECK qword [M + 56], 0xd3309dfae7c4218e, "btc32-mem-reg-bit-minus-33-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "btc32-mem-reg-bit-minus-33-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x0, "btc32-mem-reg-bit-minus-33-flags"
    ; btc16-mem-reg-bit-minus-17
    call reset_mem
    mov rax, 0xffef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc word [rsi + 64], ax
    pushf
    CHECK qword [M + 56], 0xd3301dfa67c4218e, "btc16-mem-reg-bit-minus-17-mem56"
    CHECK qword [M + 64], 0xb4178aed40a30679, "btc16-mem-reg-bit-minus-17-mem64"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc16-mem-reg-bit-minus-17-flags"
    ; btc-mem-reg-bit-1000
    call reset_mem
    mov rax, 0x3e8
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    btc qword [rsi], rax
    pushf
    CHECK qword [M + 120], 0x1b78d432af0c69c6, "btc-mem-reg-bit-1000-mem120"
    CHECK qword [M + 128], 0xec4fd23598fb5ea1, "btc-mem-reg-bit-1000-mem128"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "btc-mem-reg-bit-1000-flags"
    ; bsf64
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsf rax, rbx
    pushf
    CHECK rax, 0x2c, "bsf64-rax"
    pop rax
    and eax, 0x40
    CHECK rax, 0x0, "bsf64-flags"
    ; bsf32-low-bit
    call reset_mem
    xor eax, eax
    mov rbx, 0xffffffff80000001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsf eax, ebx
    pushf
    CHECK rax, 0x0, "bsf32-low-bit-rax"
    pop rax
    and eax, 0x40
    CHECK rax, 0x0, "bsf32-low-bit-flags"
    ; bsf16
    call reset_mem
    xor eax, eax
    mov rbx, 0x8000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsf ax, bx
    pushf
    CHECK rax, 0xf, "bsf16-rax"
    pop rax
    and eax, 0x40
    CHECK rax, 0x0, "bsf16-flags"
    ; bsr64
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000000001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsr rax, rbx
    pushf
    CHECK rax, 0x2c, "bsr64-rax"
    pop rax
    and eax, 0x40
    CHECK rax, 0x0, "bsr64-flags"
    ; bsr32
    call reset_mem
    xor eax, eax
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsr eax, ebx
    pushf
    CHECK rax, 0x0, "bsr32-rax"
    pop rax
    and eax, 0x40
    CHECK rax, 0x0, "bsr32-flags"
    ; bsr16-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsr ax, word [rsi + 6]
    pushf
    CHECK rax, 0xe, "bsr16-mem-rax"
    pop rax
    and eax, 0x40
    CHECK rax, 0x0, "bsr16-mem-flags"
    ; bsf-zero-source-zf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsf rax, rbx
    pushf
    pop rax
    and eax, 0x40
    CHECK rax, 0x40, "bsf-zero-source-zf-flags"
    ; bsr-zero-source-zf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    bsr rax, rbx
    pushf
    pop rax
    and eax, 0x40
    CHECK rax, 0x40, "bsr-zero-source-zf-flags"
    ; tzcnt64
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000010000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt rax, rbx
    pushf
    CHECK rax, 0x10, "tzcnt64-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x0, "tzcnt64-flags"
    ; tzcnt64-zero
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt rax, rbx
    pushf
    CHECK rax, 0x40, "tzcnt64-zero-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "tzcnt64-zero-flags"
    ; tzcnt64-bit0
    call reset_mem
    xor eax, eax
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt rax, rbx
    pushf
    CHECK rax, 0x0, "tzcnt64-bit0-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x40, "tzcnt64-bit0-flags"
    ; lzcnt64
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000010010
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt rax, rbx
    pushf
    CHECK rax, 0x13, "lzcnt64-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x0, "lzcnt64-flags"
    ; lzcnt64-zero
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt rax, rbx
    pushf
    CHECK rax, 0x40, "lzcnt64-zero-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "lzcnt64-zero-flags"
    ; lzcnt64-top-bit
    call reset_mem
    xor eax, eax
    mov rbx, 0x8000000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt rax, rbx
    pushf
    CHECK rax, 0x0, "lzcnt64-top-bit-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x40, "lzcnt64-top-bit-flags"
    ; popcnt64
    call reset_mem
    xor eax, eax
    mov rbx, 0x8123456789abcdef
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    popcnt rax, rbx
    pushf
    CHECK rax, 0x21, "popcnt64-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "popcnt64-flags"
    ; popcnt64-zero
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    popcnt rax, rbx
    pushf
    CHECK rax, 0x0, "popcnt64-zero-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x40, "popcnt64-zero-flags"
    ; tzcnt32
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000010000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt eax, ebx
    pushf
    CHECK rax, 0x10, "tzcnt32-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x0, "tzcnt32-flags"
    ; tzcnt32-zero
    call reset_mem
    xor eax, eax
    mov rbx, 0xffff000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt eax, ebx
    pushf
    CHECK rax, 0x20, "tzcnt32-zero-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "tzcnt32-zero-flags"
    ; tzcnt32-bit0
    call reset_mem
    xor eax, eax
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt eax, ebx
    pushf
    CHECK rax, 0x0, "tzcnt32-bit0-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x40, "tzcnt32-bit0-flags"
    ; lzcnt32
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000010010
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt eax, ebx
    pushf
    CHECK rax, 0xf, "lzcnt32-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x0, "lzcnt32-flags"
    ; lzcnt32-zero
    call reset_mem
    xor eax, eax
    mov rbx, 0xffff000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt eax, ebx
    pushf
    CHECK rax, 0x20, "lzcnt32-zero-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "lzcnt32-zero-flags"
    ; lzcnt32-top-bit
    call reset_mem
    xor eax, eax
    mov rbx, 0x80000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt eax, ebx
    pushf
    CHECK rax, 0x0, "lzcnt32-top-bit-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x40, "lzcnt32-top-bit-flags"
    ; popcnt32
    call reset_mem
    xor eax, eax
    mov rbx, 0x8123456789abcdef
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    popcnt eax, ebx
    pushf
    CHECK rax, 0x14, "popcnt32-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "popcnt32-flags"
    ; popcnt32-zero
    call reset_mem
    xor eax, eax
    mov rbx, 0xffff000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    popcnt eax, ebx
    pushf
    CHECK rax, 0x0, "popcnt32-zero-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x40, "popcnt32-zero-flags"
    ; tzcnt16
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000010000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt ax, bx
    pushf
    CHECK rax, 0x10, "tzcnt16-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "tzcnt16-flags"
    ; tzcnt16-zero
    call reset_mem
    xor eax, eax
    mov rbx, 0xffff000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt ax, bx
    pushf
    CHECK rax, 0x10, "tzcnt16-zero-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "tzcnt16-zero-flags"
    ; tzcnt16-bit0
    call reset_mem
    xor eax, eax
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    tzcnt ax, bx
    pushf
    CHECK rax, 0x0, "tzcnt16-bit0-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x40, "tzcnt16-bit0-flags"
    ; lzcnt16
    call reset_mem
    xor eax, eax
    mov rbx, 0x100000010010
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt ax, bx
    pushf
    CHECK rax, 0xb, "lzcnt16-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x0, "lzcnt16-flags"
    ; lzcnt16-zero
    call reset_mem
    xor eax, eax
    mov rbx, 0xffff000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt ax, bx
    pushf
    CHECK rax, 0x10, "lzcnt16-zero-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x1, "lzcnt16-zero-flags"
    ; lzcnt16-top-bit
    call reset_mem
    xor eax, eax
    mov rbx, 0x8000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lzcnt ax, bx
    pushf
    CHECK rax, 0x0, "lzcnt16-top-bit-rax"
    pop rax
    and eax, 0x41
    CHECK rax, 0x40, "lzcnt16-top-bit-flags"
    ; popcnt16
    call reset_mem
    xor eax, eax
    mov rbx, 0x8123456789abcdef
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    popcnt ax, bx
    pushf
    CHECK rax, 0xc, "popcnt16-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "popcnt16-flags"
    ; popcnt16-zero
    call reset_mem
    xor eax, eax
    mov rbx, 0xffff000000000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    popcnt ax, bx
    pushf
    CHECK rax, 0x0, "popcnt16-zero-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x40, "popcnt16-zero-flags"
    ; popcnt64-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    popcnt rax, qword [rsi + 24]
    pushf
    CHECK rax, 0x20, "popcnt64-mem-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "popcnt64-mem-flags"
    ; popcnt64-all-ones
    call reset_mem
    xor eax, eax
    mov rbx, 0xffffffffffffffff
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    popcnt rax, rbx
    pushf
    CHECK rax, 0x40, "popcnt64-all-ones-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "popcnt64-all-ones-flags"
    DONE

%include "mem-pattern.inc"
