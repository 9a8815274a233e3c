; CMPXCHG at every size, CMPXCHG8B, CMPXCHG16B, XADD, XCHG and LOCK-prefixed read-modify-writes; expected values from an x86-64 host CPU.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; cmpxchg64-reg-equal
    call reset_mem
    mov rax, 0x1234
    mov rbx, 0x1234
    mov rcx, 0x5678
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmpxchg rbx, rcx
    pushf
    CHECK rax, 0x1234, "cmpxchg64-reg-equal-rax"
    CHECK rbx, 0x5678, "cmpxchg64-reg-equal-rbx"
    CHECK rcx, 0x5678, "cmpxchg64-reg-equal-rcx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmpxchg64-reg-equal-flags"
    ; cmpxchg64-reg-differ
    call reset_mem
    mov rax, 0x1234
    mov rbx, 0x9999
    mov rcx, 0x5678
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmpxchg rbx, rcx
    pushf
    CHECK rax, 0x9999, "cmpxchg64-reg-differ-rax"
    CHECK rbx, 0x9999, "cmpxchg64-reg-differ-rbx"
    CHECK rcx, 0x5678, "cmpxchg64-reg-differ-rcx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x91, "cmpxchg64-reg-differ-flags"
    ; cmpxchg32-differ-zero-extends
    call reset_mem
    mov rax, 0xffffffff00001234
    mov rbx, 0xaaaaaaaa00009999
    mov rcx, 0x5678
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmpxchg ebx, ecx
    pushf
    CHECK rax, 0x9999, "cmpxchg32-differ-zero-extends-rax"
    CHECK rbx, 0xaaaaaaaa00009999, "cmpxchg32-differ-zero-extends-rbx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x91, "cmpxchg32-differ-zero-extends-flags"
    ; cmpxchg32-equal
    call reset_mem
    mov rax, 0xffffffff00001234
    mov rbx, 0xaaaaaaaa00001234
    mov rcx, 0xbbbbbbbb00005678
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmpxchg ebx, ecx
    pushf
    CHECK rax, 0xffffffff00001234, "cmpxchg32-equal-rax"
    CHECK rbx, 0x5678, "cmpxchg32-equal-rbx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmpxchg32-equal-flags"
    ; cmpxchg16-mem-equal
    call reset_mem
    mov rax, 0xb718
    xor ebx, ebx
    mov rcx, 0xbeef
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock cmpxchg word [rsi + 8], cx
    pushf
    CHECK rax, 0xb718, "cmpxchg16-mem-equal-rax"
    CHECK qword [M + 8], 0x65c62b8cf152beef, "cmpxchg16-mem-equal-mem8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmpxchg16-mem-equal-flags"
    ; cmpxchg8-mem-differ
    call reset_mem
    mov rax, 0x11
    xor ebx, ebx
    mov rcx, 0x22
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock cmpxchg byte [rsi + 8], cl
    pushf
    CHECK rax, 0x18, "cmpxchg8-mem-differ-rax"
    CHECK qword [M + 8], 0x65c62b8cf152b718, "cmpxchg8-mem-differ-mem8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x95, "cmpxchg8-mem-differ-flags"
    ; cmpxchg64-mem-equal
    call reset_mem
    mov rax, 0x4ead1077da399c03
    xor ebx, ebx
    mov rcx, 0x123456789abcdef
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock cmpxchg qword [rsi + 16], rcx
    pushf
    CHECK rax, 0x4ead1077da399c03, "cmpxchg64-mem-equal-rax"
    CHECK qword [M + 16], 0x123456789abcdef, "cmpxchg64-mem-equal-mem16"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmpxchg64-mem-equal-flags"
    ; cmpxchg8b-equal
    call reset_mem
    mov rax, 0xc32085ea
    mov rbx, 0x11112222
    mov rcx, 0x33334444
    mov rdx, 0x3794f95e
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    lock cmpxchg8b qword [rsi + 24]
    pushf
    CHECK rax, 0xc32085ea, "cmpxchg8b-equal-rax"
    CHECK rdx, 0x3794f95e, "cmpxchg8b-equal-rdx"
    CHECK qword [M + 24], 0x3333444411112222, "cmpxchg8b-equal-mem24"
    pop rax
    and eax, 0x40
    CHECK rax, 0x40, "cmpxchg8b-equal-flags"
    ; cmpxchg8b-differ
    call reset_mem
    mov rax, 0x1
    mov rbx, 0x11112222
    mov rcx, 0x33334444
    mov rdx, 0x2
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    cmpxchg8b qword [rsi + 24]
    pushf
    CHECK rax, 0xc32085ea, "cmpxchg8b-differ-rax"
    CHECK rdx, 0x3794f95e, "cmpxchg8b-differ-rdx"
    CHECK qword [M + 24], 0x3794f95ec32085ea, "cmpxchg8b-differ-mem24"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x895, "cmpxchg8b-differ-flags"
    ; cmpxchg16b-equal
    call reset_mem
    mov rax, 0x187be641ac0f6ad5
    mov rbx, 0x1111111122222222
    mov rcx, 0x3333333344444444
    mov rdx, 0x162cf2895f653bc
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    lock cmpxchg16b oword [rsi + 32]
    pushf
    CHECK rax, 0x187be641ac0f6ad5, "cmpxchg16b-equal-rax"
    CHECK rdx, 0x162cf2895f653bc, "cmpxchg16b-equal-rdx"
    CHECK qword [M + 32], 0x1111111122222222, "cmpxchg16b-equal-mem32"
    CHECK qword [M + 40], 0x3333333344444444, "cmpxchg16b-equal-mem40"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "cmpxchg16b-equal-flags"
    ; cmpxchg16b-differ
    call reset_mem
    mov rax, 0x187be641ac0f6ad5
    mov rbx, 0x1111111122222222
    mov rcx, 0x3333333344444444
    mov rdx, 0x162cf2895f653bd
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    lock cmpxchg16b oword [rsi + 32]
    pushf
    CHECK rax, 0x187be641ac0f6ad5, "cmpxchg16b-differ-rax"
    CHECK rdx, 0x162cf2895f653bc, "cmpxchg16b-differ-rdx"
    CHECK qword [M + 32], 0x187be641ac0f6ad5, "cmpxchg16b-differ-mem32"
    CHECK qword [M + 40], 0x162cf2895f653bc, "cmpxchg16b-differ-mem40"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x895, "cmpxchg16b-differ-flags"
    ; cmpxchg16b-differ-clear-flags
    call reset_mem
    xor eax, eax
    mov rbx, 0x1
    mov rcx, 0x2
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmpxchg16b oword [rsi + 48]
    pushf
    CHECK rax, 0xea49b4137edd38a7, "cmpxchg16b-differ-clear-flags-rax"
    CHECK rdx, 0xd3309dfa67c4218e, "cmpxchg16b-differ-clear-flags-rdx"
    CHECK qword [M + 48], 0xea49b4137edd38a7, "cmpxchg16b-differ-clear-flags-mem48"
    CHECK qword [M + 56], 0xd3309dfa67c4218e, "cmpxchg16b-differ-clear-flags-mem56"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "cmpxchg16b-differ-clear-flags-flags"
    ; xadd64-reg
    call reset_mem
    mov rax, 0x7fffffffffffffff
    mov rbx, 0x1
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    xadd rax, rbx
    pushf
    CHECK rax, 0x8000000000000000, "xadd64-reg-rax"
    CHECK rbx, 0x7fffffffffffffff, "xadd64-reg-rbx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x894, "xadd64-reg-flags"
    ; xadd32-reg
    call reset_mem
    mov rax, 0xffffffffffffffff
    mov rbx, 0xaaaaaaaa00000001
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    xadd eax, ebx
    pushf
    CHECK rax, 0x0, "xadd32-reg-rax"
    CHECK rbx, 0xffffffff, "xadd32-reg-rbx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x55, "xadd32-reg-flags"
    ; xadd8-mem
    call reset_mem
    xor eax, eax
    mov rbx, 0x7f
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock xadd byte [rsi + 64], bl
    pushf
    CHECK rbx, 0x79, "xadd8-mem-rbx"
    CHECK qword [M + 64], 0xb4178aed40a306f8, "xadd8-mem-mem64"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x890, "xadd8-mem-flags"
    ; xadd64-mem
    call reset_mem
    xor eax, eax
    mov rbx, 0x1000
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock xadd qword [rsi + 72], rbx
    pushf
    CHECK rbx, 0xad0e63c4399aff50, "xadd64-mem-rbx"
    CHECK qword [M + 72], 0xad0e63c4399b0f50, "xadd64-mem-mem72"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x84, "xadd64-mem-flags"
    ; xadd16-same-register
    call reset_mem
    mov rax, 0x1111111111110003
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    xadd ax, ax
    pushf
    CHECK rax, 0x1111111111110006, "xadd16-same-register-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x4, "xadd16-same-register-flags"
    ; xchg64-mem
    call reset_mem
    mov rax, 0x5555
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    xchg qword [rsi + 80], rax
    pushf
    CHECK rax, 0x86e558bf1271d44b, "xchg64-mem-rax"
    CHECK qword [M + 80], 0x5555, "xchg64-mem-mem80"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "xchg64-mem-flags"
    ; xchg32-reg-zero-extends
    call reset_mem
    mov rax, 0xffffffff00000001
    mov rbx, 0xeeeeeeee00000002
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    xchg eax, ebx
    pushf
    CHECK rax, 0x2, "xchg32-reg-zero-extends-rax"
    CHECK rbx, 0x1, "xchg32-reg-zero-extends-rbx"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "xchg32-reg-zero-extends-flags"
    ; xchg8-high
    call reset_mem
    mov rax, 0x1234
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    xchg al, ah
    pushf
    CHECK rax, 0x3412, "xchg8-high-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "xchg8-high-flags"
    ; lock-add-mem
    call reset_mem
    mov rax, 0x5
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock add qword [rsi + 88], rax
    pushf
    CHECK qword [M + 88], 0x7fdc31960b68cd27, "lock-add-mem-mem88"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x4, "lock-add-mem-flags"
    ; lock-inc-mem
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    lock inc dword [rsi + 96]
    pushf
    CHECK qword [M + 96], 0x50b32e89e447a21e, "lock-inc-mem-mem96"
    pop rax
    and eax, 0x8d4
    CHECK rax, 0x84, "lock-inc-mem-flags"
    ; lock-not-mem
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
    lock not word [rsi + 100]
    pushf
    CHECK qword [M + 96], 0x50b3d176e447a21d, "lock-not-mem-mem96"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "lock-not-mem-flags"
    ; lock-bts-mem
    call reset_mem
    mov rax, 0x46
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    lock bts qword [rsi + 104], rax
    pushf
    CHECK qword [M + 104], 0x49aa0760dd3e9bf4, "lock-bts-mem-mem104"
    CHECK qword [M + 112], 0x2281fc5bb61570ef, "lock-bts-mem-mem112"
    pop rax
    and eax, 0x1
    CHECK rax, 0x1, "lock-bts-mem-flags"
    DONE

%include "mem-pattern.inc"
