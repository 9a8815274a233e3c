; 16-bit operand size in 32-bit mode (direct32): arithmetic, flags, multiply/divide, shifts, moves, exchanges and bit ops on 16-bit operands keep the upper half; expected values from an x86-64 host CPU (the same 66h-prefixed operations).
bits 32
org 0x100000
%define LIB32
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (reset before each case)

_start:
    ; add16-overflow
    call reset_mem
    mov eax, 0x5a5a7fff
    mov ebx, 0x5a5a0001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    add ax, bx
    pushfd
    CHECK eax, 0x5a5a8000, "add16-overflow-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x894, "add16-overflow-flags"
    ; add16-carry
    call reset_mem
    mov eax, 0x5a5affff
    mov ebx, 0x5a5a0002
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    add ax, bx
    pushfd
    CHECK eax, 0x5a5a0001, "add16-carry-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x11, "add16-carry-flags"
    ; adc16
    call reset_mem
    mov eax, 0x5a5a1234
    mov ebx, 0x5a5aedcb
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x3
    popfd
    adc ax, bx
    pushfd
    CHECK eax, 0x5a5a0000, "adc16-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x55, "adc16-flags"
    ; sub16-borrow
    call reset_mem
    mov eax, 0x5a5a0001
    mov ebx, 0x5a5a0002
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    sub ax, bx
    pushfd
    CHECK eax, 0x5a5affff, "sub16-borrow-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x95, "sub16-borrow-flags"
    ; sbb16
    call reset_mem
    mov eax, 0x5a5a8000
    mov ebx, 0x5a5a0000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x3
    popfd
    sbb ax, bx
    pushfd
    CHECK eax, 0x5a5a7fff, "sbb16-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x814, "sbb16-flags"
    ; inc16-keeps-cf
    call reset_mem
    mov eax, 0x5a5affff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x3
    popfd
    inc ax
    pushfd
    CHECK eax, 0x5a5a0000, "inc16-keeps-cf-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x55, "inc16-keeps-cf-flags"
    ; dec16-overflow
    call reset_mem
    mov eax, 0x5a5a8000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    dec ax
    pushfd
    CHECK eax, 0x5a5a7fff, "dec16-overflow-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x814, "dec16-overflow-flags"
    ; neg16
    call reset_mem
    mov eax, 0x5a5a0001
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    neg ax
    pushfd
    CHECK eax, 0x5a5affff, "neg16-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x95, "neg16-flags"
    ; neg16-zero
    call reset_mem
    mov eax, 0x5a5a0000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    neg ax
    pushfd
    CHECK eax, 0x5a5a0000, "neg16-zero-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x44, "neg16-zero-flags"
    ; neg16-min
    call reset_mem
    mov eax, 0x5a5a8000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    neg ax
    pushfd
    CHECK eax, 0x5a5a8000, "neg16-min-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x885, "neg16-min-flags"
    ; and16
    call reset_mem
    mov eax, 0x5a5af0f0
    mov ebx, 0x3c3c
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x803
    popfd
    and ax, bx
    pushfd
    CHECK eax, 0x5a5a3030, "and16-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x4, "and16-flags"
    ; xor16-self
    call reset_mem
    mov eax, 0x5a5abeef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    xor ax, ax
    pushfd
    CHECK eax, 0x5a5a0000, "xor16-self-rax"
    pop eax
    and eax, 0x8c5
    CHECK eax, 0x44, "xor16-self-flags"
    ; or16-imm8-sign-extended
    call reset_mem
    mov eax, 0x5a5a0100
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    or ax, -2
    pushfd
    CHECK eax, 0x5a5afffe, "or16-imm8-sign-extended-rax"
    pop eax
    and eax, 0x8c5
    CHECK eax, 0x80, "or16-imm8-sign-extended-flags"
    ; cmp16-mem
    call reset_mem
    mov eax, 0x5a5a
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    cmp ax, word [esi + 10]
    pushfd
    CHECK eax, 0x5a5a, "cmp16-mem-rax"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x1, "cmp16-mem-flags"
    ; mul16
    call reset_mem
    mov eax, 0x5a5a1234
    xor ebx, ebx
    mov ecx, 0x5678
    mov edx, 0x5a5a0000
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    mul cx
    pushfd
    CHECK eax, 0x5a5a0060, "mul16-rax"
    CHECK edx, 0x5a5a0626, "mul16-rdx"
    pop eax
    and eax, 0x801
    CHECK eax, 0x801, "mul16-flags"
    ; imul16-2op
    call reset_mem
    mov eax, 0x5a5a0100
    xor ebx, ebx
    mov ecx, 0x100
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    imul ax, cx
    pushfd
    CHECK eax, 0x5a5a0000, "imul16-2op-rax"
    pop eax
    and eax, 0x801
    CHECK eax, 0x801, "imul16-2op-flags"
    ; imul16-3op
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    mov ecx, 0xfff0
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    imul ax, cx, 300
    pushfd
    CHECK eax, 0xed40, "imul16-3op-rax"
    pop eax
    and eax, 0x801
    CHECK eax, 0x0, "imul16-3op-flags"
    ; div16
    call reset_mem
    mov eax, 0x5a5a5678
    xor ebx, ebx
    mov ecx, 0x1000
    mov edx, 0x5a5a0012
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    div cx
    pushfd
    CHECK eax, 0x5a5a0125, "div16-rax"
    CHECK edx, 0x5a5a0678, "div16-rdx"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "div16-flags"
    ; idiv16
    call reset_mem
    mov eax, 0x5a5afff0
    xor ebx, ebx
    mov ecx, 0x3
    mov edx, 0x5a5affff
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    idiv cx
    pushfd
    CHECK eax, 0x5a5afffb, "idiv16-rax"
    CHECK edx, 0x5a5affff, "idiv16-rdx"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "idiv16-flags"
    ; shl16-by-cl
    call reset_mem
    mov eax, 0x5a5a4321
    xor ebx, ebx
    mov ecx, 0x3
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    shl ax, cl
    pushfd
    CHECK eax, 0x5a5a1908, "shl16-by-cl-rax"
    pop eax
    and eax, 0xc5
    CHECK eax, 0x0, "shl16-by-cl-flags"
    ; sar16-by-1
    call reset_mem
    mov eax, 0x5a5a8001
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    sar ax, 1
    pushfd
    CHECK eax, 0x5a5ac000, "sar16-by-1-rax"
    pop eax
    and eax, 0x8c5
    CHECK eax, 0x85, "sar16-by-1-flags"
    ; rol16-by-4
    call reset_mem
    mov eax, 0x5a5a1234
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    rol ax, 4
    pushfd
    CHECK eax, 0x5a5a2341, "rol16-by-4-rax"
    pop eax
    and eax, 0x1
    CHECK eax, 0x1, "rol16-by-4-flags"
    ; rcr16-by-1
    call reset_mem
    mov eax, 0x5a5a0001
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x3
    popfd
    rcr ax, 1
    pushfd
    CHECK eax, 0x5a5a8000, "rcr16-by-1-rax"
    pop eax
    and eax, 0x801
    CHECK eax, 0x801, "rcr16-by-1-flags"
    ; movzx32-16
    call reset_mem
    xor eax, eax
    mov ebx, 0x5a5a8001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    movzx eax, bx
    pushfd
    CHECK eax, 0x8001, "movzx32-16-rax"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "movzx32-16-flags"
    ; movsx32-16
    call reset_mem
    xor eax, eax
    mov ebx, 0x5a5a8001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    movsx eax, bx
    pushfd
    CHECK eax, 0xffff8001, "movsx32-16-rax"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "movsx32-16-flags"
    ; mov16-keeps-upper
    call reset_mem
    mov eax, 0x5a5a1111
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    mov ax, 0x2222
    pushfd
    CHECK eax, 0x5a5a2222, "mov16-keeps-upper-rax"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "mov16-keeps-upper-flags"
    ; xchg16
    call reset_mem
    mov eax, 0x5a5a1111
    mov ebx, 0xeeee2222
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    xchg ax, bx
    pushfd
    CHECK eax, 0x5a5a2222, "xchg16-rax"
    CHECK ebx, 0xeeee1111, "xchg16-rbx"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "xchg16-flags"
    ; cwd
    call reset_mem
    mov eax, 0x5a5a8000
    xor ebx, ebx
    xor ecx, ecx
    mov edx, 0x5a5a0000
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    cwd
    pushfd
    CHECK edx, 0x5a5affff, "cwd-rdx"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "cwd-flags"
    ; xadd16
    call reset_mem
    mov eax, 0x5a5affff
    mov ebx, 0x5a5a0001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    xadd ax, bx
    pushfd
    CHECK eax, 0x5a5a0000, "xadd16-rax"
    CHECK ebx, 0x5a5affff, "xadd16-rbx"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x55, "xadd16-flags"
    ; cmpxchg16-equal
    call reset_mem
    mov eax, 0x5a5a1234
    mov ebx, 0x1234
    mov ecx, 0x7777
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    cmpxchg bx, cx
    pushfd
    CHECK eax, 0x5a5a1234, "cmpxchg16-equal-rax"
    CHECK ebx, 0x7777, "cmpxchg16-equal-rbx"
    pop eax
    and eax, 0x8d5
    CHECK eax, 0x44, "cmpxchg16-equal-flags"
    ; bt16-reg
    call reset_mem
    mov eax, 0x5a5a8000
    mov ebx, 0xf
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    bt ax, bx
    pushfd
    pop eax
    and eax, 0x1
    CHECK eax, 0x1, "bt16-reg-flags"
    ; btc16-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    btc word [esi + 4], 3
    pushfd
    CHECK dword [M + 0], 0x86bce31, "btc16-mem-mem0"
    pop eax
    and eax, 0x1
    CHECK eax, 0x0, "btc16-mem-flags"
    ; inc16-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    inc word [esi + 2]
    pushfd
    CHECK dword [M + 0], 0x86cce31, "inc16-mem-mem0"
    pop eax
    and eax, 0x8d4
    CHECK eax, 0x4, "inc16-mem-flags"
    ; lea16-truncates
    call reset_mem
    xor eax, eax
    mov ebx, 0xfff0
    mov ecx, 0x20
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    lea ax, [ebx + ecx * 2 + 5]
    pushfd
    CHECK eax, 0x35, "lea16-truncates-rax"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "lea16-truncates-flags"
    ; bsf16
    call reset_mem
    xor eax, eax
    mov ebx, 0x100
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    bsf ax, bx
    pushfd
    CHECK eax, 0x8, "bsf16-rax"
    pop eax
    and eax, 0x40
    CHECK eax, 0x0, "bsf16-flags"
    ; test16
    call reset_mem
    mov eax, 0x5a5a8000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    test ax, 0x8000
    pushfd
    CHECK eax, 0x5a5a8000, "test16-rax"
    pop eax
    and eax, 0x8c5
    CHECK eax, 0x84, "test16-flags"
    ; movsx16-8
    call reset_mem
    mov eax, 0x5a5a0000
    mov ebx, 0x80
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    mov esi, M
    push 0x2
    popfd
    movsx ax, bl
    pushfd
    CHECK eax, 0x5a5aff80, "movsx16-8-rax"
    pop eax
    and eax, 0x0
    CHECK eax, 0x0, "movsx16-8-flags"
    DONE

reset_mem:
    push ecx
    push eax
    xor ecx, ecx
.copy:
    mov al, [mem_init + ecx]
    mov [M + ecx], al
    inc ecx
    cmp ecx, 256
    jb .copy
    pop eax
    pop ecx
    ret

mem_init:
    db 0x31, 0xce, 0x6b, 0x08, 0xa5, 0x42, 0xdf, 0x7c, 0x18, 0xb7, 0x52, 0xf1, 0x8c, 0x2b, 0xc6, 0x65
    db 0x03, 0x9c, 0x39, 0xda, 0x77, 0x10, 0xad, 0x4e, 0xea, 0x85, 0x20, 0xc3, 0x5e, 0xf9, 0x94, 0x37
    db 0xd5, 0x6a, 0x0f, 0xac, 0x41, 0xe6, 0x7b, 0x18, 0xbc, 0x53, 0xf6, 0x95, 0x28, 0xcf, 0x62, 0x01
    db 0xa7, 0x38, 0xdd, 0x7e, 0x13, 0xb4, 0x49, 0xea, 0x8e, 0x21, 0xc4, 0x67, 0xfa, 0x9d, 0x30, 0xd3
    db 0x79, 0x06, 0xa3, 0x40, 0xed, 0x8a, 0x17, 0xb4, 0x50, 0xff, 0x9a, 0x39, 0xc4, 0x63, 0x0e, 0xad
    db 0x4b, 0xd4, 0x71, 0x12, 0xbf, 0x58, 0xe5, 0x86, 0x22, 0xcd, 0x68, 0x0b, 0x96, 0x31, 0xdc, 0x7f
    db 0x1d, 0xa2, 0x47, 0xe4, 0x89, 0x2e, 0xb3, 0x50, 0xf4, 0x9b, 0x3e, 0xdd, 0x60, 0x07, 0xaa, 0x49
    db 0xef, 0x70, 0x15, 0xb6, 0x5b, 0xfc, 0x81, 0x22, 0xc6, 0x69, 0x0c, 0xaf, 0x32, 0xd5, 0x78, 0x1b
    db 0xa1, 0x5e, 0xfb, 0x98, 0x35, 0xd2, 0x4f, 0xec, 0x88, 0x27, 0xc2, 0x61, 0x1c, 0xbb, 0x56, 0xf5
    db 0x93, 0x0c, 0xa9, 0x4a, 0xe7, 0x80, 0x3d, 0xde, 0x7a, 0x15, 0xb0, 0x53, 0xce, 0x69, 0x04, 0xa7
    db 0x45, 0xfa, 0x9f, 0x3c, 0xd1, 0x76, 0xeb, 0x88, 0x2c, 0xc3, 0x66, 0x05, 0xb8, 0x5f, 0xf2, 0x91
    db 0x37, 0xa8, 0x4d, 0xee, 0x83, 0x24, 0xd9, 0x7a, 0x1e, 0xb1, 0x54, 0xf7, 0x6a, 0x0d, 0xa0, 0x43
    db 0xe9, 0x96, 0x33, 0xd0, 0x7d, 0x1a, 0x87, 0x24, 0xc0, 0x6f, 0x0a, 0xa9, 0x54, 0xf3, 0x9e, 0x3d
    db 0xdb, 0x44, 0xe1, 0x82, 0x2f, 0xc8, 0x75, 0x16, 0xb2, 0x5d, 0xf8, 0x9b, 0x06, 0xa1, 0x4c, 0xef
    db 0x8d, 0x32, 0xd7, 0x74, 0x19, 0xbe, 0x23, 0xc0, 0x64, 0x0b, 0xae, 0x4d, 0xf0, 0x97, 0x3a, 0xd9
    db 0x7f, 0xe0, 0x85, 0x26, 0xcb, 0x6c, 0x11, 0xb2, 0x56, 0xf9, 0x9c, 0x3f, 0xa2, 0x45, 0xe8, 0x8b
