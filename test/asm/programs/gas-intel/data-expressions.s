# Symbols as memory or immediates in GAS Intel syntax (mov rax, sym loads; offset sym is the address), .set and word operators.
.intel_syntax noprefix
.set COUNT, 4
.equ STRIDE, 8
SIZE = COUNT * STRIDE
.text
loads:
    mov rax, table              # a load: bare symbols are memory
    mov rbx, offset table       # the address
    mov ecx, COUNT              # a constant: immediate
    mov edx, SIZE mod 5
    mov esi, 1 shl 4 or 3
    mov rdi, qword ptr table + 8
    mov r8, [table + rcx*8]
    lea r9, table[rcx*8]
    mov r10d, dword ptr [rip + table + 4]
    add rax, LATER              # defined later: memory
    cmp rcx, COUNT - 1
    mov al, byte ptr fs:0x28
    mov eax, gs:[rbx]
    push [r11 - 8]
    push qword ptr [rip + table]
    pop qword ptr [rbx]
    jmp [rax]
    call rax
    ret
.data
.p2align 3
table:
    .quad 1, 2, 3, 4
    .long table_end - table, . - table
table_end:
LATER = 0x20
