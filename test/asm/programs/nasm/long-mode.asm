; Enters long mode from 32-bit protected mode: identity-maps 2 MiB pages, enables PAE, LME and paging.
        bits 32
        org 0x100000

PML4    equ 0x1000
PDPT    equ 0x2000
PD      equ 0x3000
EFER    equ 0xc0000080

start32:
        mov edi, PML4
        xor eax, eax
        mov ecx, 3*4096/4
        rep stosd
        mov dword [PML4], PDPT | 3
        mov dword [PDPT], PD | 3
        mov edi, PD
        mov eax, 0x83               ; present, writable, 2 MiB
        mov ecx, 512
.map:   mov [edi], eax
        add eax, 0x200000
        add edi, 8
        loop .map

        mov eax, cr4
        or eax, 1 << 5              ; PAE
        mov cr4, eax
        mov eax, PML4
        mov cr3, eax
        mov ecx, EFER
        rdmsr
        or eax, 1 << 8              ; LME
        wrmsr
        mov eax, cr0
        or eax, 1 << 31 | 1
        mov cr0, eax
        lgdt [gdt64.pointer]
        jmp gdt64.code:long_entry

gdt64:
        dq 0
.code: equ $ - gdt64
        dq (1<<43) | (1<<44) | (1<<47) | (1<<53)
.data: equ $ - gdt64
        dq (1<<44) | (1<<47) | (1<<41)
.pointer:
        dw $ - gdt64 - 1
        dq gdt64

        bits 64
long_entry:
        mov ax, gdt64.data
        mov ds, ax
        mov ss, ax
        mov rsp, 0x200000
        mov rax, 0x1f201f201f201f20
        mov rdi, 0xb8000
        mov rcx, 500
        rep stosq
        lea rsi, [rel banner]
        call print64
        cli
.hang:  hlt
        jmp .hang

print64:
        push rbx
        mov rbx, 0xb8000
.next:  lodsb
        test al, al
        jz .out
        mov ah, 0x1f
        mov [rbx], ax
        add rbx, 2
        jmp .next
.out:   pop rbx
        ret

banner: db "64-bit", 0
