; Data directives, strings, expressions with NASM precedence, local labels, equ, times and alignment.
        bits 32
        org 0x400000

SIZE    equ 16
MASK    equ ~(SIZE-1)
NEGV    equ -SIZE // 3
MODV    equ -17 %% 5
SHIFTED equ (1 << 12) | (0xf0 >> 4) ^ 0x3
CMPV    equ (3 < 4) + (4 <= 4) + (5 == 5) + (6 != 6)

section .text
main:
        mov eax, SIZE
        and eax, MASK
        mov ebx, NEGV
        mov ecx, MODV
        mov edx, SHIFTED
        mov esi, CMPV
        lea edi, [table + 4*SIZE]
        jmp .tail
.loop:  dec ecx
        jnz .loop
.tail:  ret
other:
.loop:  jmp .loop

section .data
table:  times SIZE dd $ - table
words:  dw 1, 2, 0x1234, -1, 'ab'
string: db 'single', "double", `back\ttick\n`, 0
quads:  dq 0x123456789abcdef0, -2, main, other.loop
floats: dd 1.5, -0.25
        dq 3.141592653589793
        dt 1.0
        align 16
aligned: db 1
        align 8, db 0
after:  db 2

section .bss
buffer: resb 64
count:  resd 1
        alignb 16
big:    resq 4

section .text
        mov eax, buffer
        mov ebx, big
        mov ecx, count
        mov edx, after
