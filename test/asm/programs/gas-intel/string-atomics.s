# String instructions with rep, lock-prefixed atomics and bit operations in GAS Intel syntax.
.intel_syntax noprefix
.text
copy:
    mov rcx, rdx
    shr rcx, 3
    rep movsq
    mov ecx, edx
    and ecx, 7
    rep movsb
    ret
fill:
    movzx eax, sil
    movabs r8, 0x0101010101010101
    imul rax, r8
    mov rcx, rdx
    rep stosb
    ret
compare:
    repe cmpsb
    setne al
    movzx eax, al
    ret
atomics:
    lock xadd dword ptr [rdi], esi
    lock inc qword ptr [rip + counter]
    lock cmpxchg qword ptr [rdi], rsi
    lock bts dword ptr [rdi], 3
    xchg [rdi], eax
    mfence
    ret
bits:
    bsf rax, rdi
    bsr rcx, rsi
    popcnt rdx, rdi
    bt eax, 5
    btc rcx, rdx
    shld rax, rdx, 4
    shrd rax, rdx, cl
    cmovne rax, rcx
    sete byte ptr [rdi]
    ret
.data
counter: .quad 0
