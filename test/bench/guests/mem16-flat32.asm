; Benchmark guest: touch 16 MiB with 32-bit code and paging off (the baseline for the paging workload).
bits 32
org 0x100000
BUF equ 0x1000000
SIZE equ 16 * 1024 * 1024
  mov ebp, 16
.pass:
  mov esi, BUF
  mov ecx, SIZE / 64
  xor eax, eax
.touch:
  add eax, [esi]
  mov [esi + 4], eax
  add eax, [esi + 32]
  mov [esi + 36], eax
  add esi, 64
  dec ecx
  jnz .touch
  dec ebp
  jnz .pass
  mov eax, 0
  out 0xf4, eax
