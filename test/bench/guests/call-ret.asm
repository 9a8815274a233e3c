; Benchmark guest: a recursive function (naive Fibonacci), heavy on CALL, RET, PUSH and POP.
bits 64
org 0x100000
  mov edi, 30
  call fib
  mov eax, 0
  out 0xf4, eax
fib:
  cmp edi, 2
  jb .base
  push rbx
  push rdi
  dec edi
  call fib
  mov rbx, rax
  pop rdi
  sub edi, 2
  call fib
  add rax, rbx
  pop rbx
  ret
.base:
  mov eax, edi
  ret
