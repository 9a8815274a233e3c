; BSWAP, MOVZX/MOVSX/MOVSXD, CBW/CWDE/CDQE/CWD/CDQ/CQO, LAHF/SAHF, MOVBE and XLAT: which bits each writes; expected values from an x86-64 host CPU.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; bswap64
    call reset_mem
    mov rax, 0x123456789abcdef
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    bswap rax
    pushf
    CHECK rax, 0xefcdab8967452301, "bswap64-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "bswap64-flags"
    ; bswap32-zero-extends
    call reset_mem
    mov rax, 0xffffffff12345678
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    bswap eax
    pushf
    CHECK rax, 0x78563412, "bswap32-zero-extends-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "bswap32-zero-extends-flags"
    ; bswap-r9
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    mov r9, 0x1122334455667788
    mov rsi, M
    push 0x8d7
    popf
    bswap r9
    pushf
    CHECK r9, 0x8877665544332211, "bswap-r9-r9"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "bswap-r9-flags"
    ; movzx-64-8
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0x80
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movzx rax, bl
    pushf
    CHECK rax, 0x80, "movzx-64-8-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movzx-64-8-flags"
    ; movzx-32-16
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0xfffe
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movzx eax, bx
    pushf
    CHECK rax, 0xfffe, "movzx-32-16-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movzx-32-16-flags"
    ; movzx-16-8-keeps-upper
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0xff
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movzx ax, bl
    pushf
    CHECK rax, 0xaaaaaaaaaaaa00ff, "movzx-16-8-keeps-upper-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movzx-16-8-keeps-upper-flags"
    ; movzx-64-16-mem
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movzx rax, word [rsi + 6]
    pushf
    CHECK rax, 0x7cdf, "movzx-64-16-mem-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movzx-64-16-mem-flags"
    ; movzx-32-8-high-byte
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0x8100
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movzx eax, bh
    pushf
    CHECK rax, 0x81, "movzx-32-8-high-byte-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movzx-32-8-high-byte-flags"
    ; movsx-64-8
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0x80
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsx rax, bl
    pushf
    CHECK rax, 0xffffffffffffff80, "movsx-64-8-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsx-64-8-flags"
    ; movsx-64-8-positive
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0x7f
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsx rax, bl
    pushf
    CHECK rax, 0x7f, "movsx-64-8-positive-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsx-64-8-positive-flags"
    ; movsx-32-16
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0x8001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsx eax, bx
    pushf
    CHECK rax, 0xffff8001, "movsx-32-16-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsx-32-16-flags"
    ; movsx-16-8-keeps-upper
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0xf0
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsx ax, bl
    pushf
    CHECK rax, 0xaaaaaaaaaaaafff0, "movsx-16-8-keeps-upper-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsx-16-8-keeps-upper-flags"
    ; movsx-64-16-mem
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsx rax, word [rsi + 2]
    pushf
    CHECK rax, 0x86b, "movsx-64-16-mem-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsx-64-16-mem-flags"
    ; movsxd-negative
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0x80000000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsxd rax, ebx
    pushf
    CHECK rax, 0xffffffff80000000, "movsxd-negative-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsxd-negative-flags"
    ; movsxd-positive
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    mov rbx, 0xffffffff7fffffff
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsxd rax, ebx
    pushf
    CHECK rax, 0x7fffffff, "movsxd-positive-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsxd-positive-flags"
    ; movsxd-mem
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movsxd rax, dword [rsi + 12]
    pushf
    CHECK rax, 0x65c62b8c, "movsxd-mem-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movsxd-mem-flags"
    ; cbw
    call reset_mem
    mov rax, 0x1111111111111180
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cbw
    pushf
    CHECK rax, 0x111111111111ff80, "cbw-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cbw-flags"
    ; cwde
    call reset_mem
    mov rax, 0x1111111111118000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cwde
    pushf
    CHECK rax, 0xffff8000, "cwde-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cwde-flags"
    ; cdqe
    call reset_mem
    mov rax, 0x1111111180000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cdqe
    pushf
    CHECK rax, 0xffffffff80000000, "cdqe-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cdqe-flags"
    ; cdqe-positive
    call reset_mem
    mov rax, 0x111111117fffffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cdqe
    pushf
    CHECK rax, 0x7fffffff, "cdqe-positive-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cdqe-positive-flags"
    ; cwd
    call reset_mem
    mov rax, 0x8000
    xor ebx, ebx
    xor ecx, ecx
    mov rdx, 0xaaaaaaaaaaaaaaaa
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cwd
    pushf
    CHECK rax, 0x8000, "cwd-rax"
    CHECK rdx, 0xaaaaaaaaaaaaffff, "cwd-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cwd-flags"
    ; cwd-positive
    call reset_mem
    mov rax, 0x7000
    xor ebx, ebx
    xor ecx, ecx
    mov rdx, 0xaaaaaaaaaaaaaaaa
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cwd
    pushf
    CHECK rdx, 0xaaaaaaaaaaaa0000, "cwd-positive-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cwd-positive-flags"
    ; cdq
    call reset_mem
    mov rax, 0x80000000
    xor ebx, ebx
    xor ecx, ecx
    mov rdx, 0xaaaaaaaaaaaaaaaa
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cdq
    pushf
    CHECK rdx, 0xffffffff, "cdq-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cdq-flags"
    ; cdq-positive
    call reset_mem
    mov rax, 0xffffffff7fffffff
    xor ebx, ebx
    xor ecx, ecx
    mov rdx, 0xaaaaaaaaaaaaaaaa
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cdq
    pushf
    CHECK rdx, 0x0, "cdq-positive-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cdq-positive-flags"
    ; cqo
    call reset_mem
    mov rax, 0x8000000000000000
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cqo
    pushf
    CHECK rdx, 0xffffffffffffffff, "cqo-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cqo-flags"
    ; cqo-positive
    call reset_mem
    mov rax, 0x1
    xor ebx, ebx
    xor ecx, ecx
    mov rdx, 0xaaaaaaaaaaaaaaaa
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cqo
    pushf
    CHECK rdx, 0x0, "cqo-positive-rdx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cqo-positive-flags"
    ; lahf
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    lahf
    pushf
    CHECK rax, 0xaaaaaaaaaaaad7aa, "lahf-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "lahf-flags"
    ; lahf-none
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x802
    popf
    lahf
    pushf
    CHECK rax, 0xaaaaaaaaaaaa02aa, "lahf-none-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x800, "lahf-none-flags"
    ; sahf
    call reset_mem
    mov rax, 0x111111111111d500
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x802
    popf
    sahf
    pushf
    CHECK rax, 0x111111111111d500, "sahf-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "sahf-flags"
    ; sahf-clears
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
    sahf
    pushf
    CHECK rax, 0x0, "sahf-clears-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x800, "sahf-clears-flags"
    ; sahf-reserved-bits
    call reset_mem
    mov rax, 0x2a00
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    sahf
    pushf
    CHECK rax, 0x2a00, "sahf-reserved-bits-rax"
    pop rax
    and eax, 0x8ff
    CHECK rax, 0x2, "sahf-reserved-bits-flags"
    ; movbe-load
    call reset_mem
    mov rax, 0xaaaaaaaaaaaaaaaa
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    movbe rax, qword [rsi + 8]
    pushf
    CHECK rax, 0x18b752f18c2bc665, "movbe-load-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "movbe-load-flags"
    ; xlat
    call reset_mem
    mov rax, 0x1111111111111105
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    mov rbx, rsi
    xlatb
    pushf
    CHECK rax, 0x1111111111111142, "xlat-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "xlat-flags"
    DONE

; reset_mem: M[i] = the fixed pattern below
reset_mem:
    push rcx
    push rax
    xor ecx, ecx
.copy:
    mov al, [mem_init + rcx]
    mov [M + rcx], al
    inc ecx
    cmp ecx, 256
    jb .copy
    pop rax
    pop rcx
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
