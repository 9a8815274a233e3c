# Exception stubs generated with .macro and .irp, and a gate writer, in GAS Intel syntax.
.intel_syntax noprefix
.text
.macro STUB num, err=0
    .global vector\num
vector\num:
    .if \err == 0
    push 0
    .endif
    push \num
    jmp common_stub
.endm
.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 9, 16
    STUB \n
.endr
.irp n, 8, 10, 11, 12, 13, 14, 17
    STUB \n, err=1
.endr
    .p2align 4
common_stub:
    push rax
    push rcx
    push rdx
    push rsi
    push rdi
    mov rdi, [rsp + 5*8]
    mov rsi, rsp
    call dispatch
    pop rdi
    pop rsi
    pop rdx
    pop rcx
    pop rax
    add rsp, 16
    iretq
dispatch:
    ret
set_gate:  # rdi = vector, rsi = handler
    mov rax, rsi
    shl rdi, 4
    lea rdx, [idt + rdi]
    mov word ptr [rdx], ax
    mov word ptr [rdx + 2], 0x08
    mov word ptr [rdx + 4], 0x8e00
    shr rax, 16
    mov [rdx + 6], ax
    shr rax, 16
    mov dword ptr [rdx + 8], eax
    mov dword ptr [rdx + 12], 0
    ret
load:
    lidt [rip + idtr]
    sti
    ret
.data
.p2align 4
idt: .fill 256, 16, 0
idtr: .word 256*16 - 1
      .quad idt
