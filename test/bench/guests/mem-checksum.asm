; Benchmark guest: fill 4 MiB with a pattern, then checksum it with 64-bit loads, eight times over.
bits 64
org 0x100000
BUF equ 0x400000
SIZE equ 4 * 1024 * 1024
  mov rdi, BUF
  mov ecx, SIZE / 8
  mov rax, 0x9e3779b97f4a7c15
.fill:
  mov [rdi], rax
  add rax, rcx
  add rdi, 8
  dec ecx
  jnz .fill
  mov r10d, 32
.pass:
  mov rsi, BUF
  mov ecx, SIZE / 32
  xor eax, eax
.sum:
  add rax, [rsi]
  xor rax, [rsi + 8]
  add rax, [rsi + 16]
  sub rax, [rsi + 24]
  add rsi, 32
  dec ecx
  jnz .sum
  dec r10d
  jnz .pass
  mov eax, 0
  out 0xf4, eax
