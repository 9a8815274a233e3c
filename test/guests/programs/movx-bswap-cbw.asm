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

%include "mem-pattern.inc"
