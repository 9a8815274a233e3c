; Benchmark guest: an ALU-and-branch loop (register arithmetic, logic, shifts, compares, taken and untaken branches).
bits 64
org 0x100000
  mov ecx, 4000000
  xor eax, eax
  mov ebx, 0x12345678
  mov rdx, 0x0123456789abcdef
.loop:
  add rax, rbx
  xor rbx, rcx
  shl rdx, 1
  adc rdx, 0
  sub eax, ecx
  and ebx, 0x7fffffff
  or rax, 3
  cmp rax, rdx
  jb .below
  inc rbx
.below:
  mov r8, rax
  sar r8, 3
  add r9, r8
  dec ecx
  jnz .loop
  mov eax, 0
  out 0xf4, eax
