; Benchmark guest: build 4-level page tables with 4 KiB pages for 32 MiB, then touch 16 MiB through them.
bits 64
org 0x100000
PML4 equ 0x200000
PDPT equ 0x201000
PD   equ 0x202000
PT   equ 0x203000                  ; 16 page tables: 0x203000..0x212fff map 0..32 MiB
BUF  equ 0x1000000
SIZE equ 16 * 1024 * 1024
  ; page tables (the direct64 start's 2 MiB identity map is still active while we build them)
  mov rdi, PML4
  xor eax, eax
  mov ecx, (0x213000 - PML4) / 8
  rep stosq
  mov qword [PML4], PDPT | 3
  mov qword [PDPT], PD | 3
  xor ecx, ecx
.pde:
  mov rax, rcx
  shl rax, 12
  add rax, PT | 3
  mov [PD + rcx * 8], rax
  inc ecx
  cmp ecx, 16
  jb .pde
  xor ecx, ecx
.pte:
  mov rax, rcx
  shl rax, 12
  or rax, 3
  mov [PT + rcx * 8], rax
  inc ecx
  cmp ecx, 16 * 512
  jb .pte
  mov rax, PML4
  mov cr3, rax
  mov ebp, 16
.pass:
  mov esi, BUF
  mov ecx, SIZE / 64
  xor eax, eax
.touch:
  add eax, [rsi]
  mov [rsi + 4], eax
  add eax, [rsi + 32]
  mov [rsi + 36], eax
  add rsi, 64
  dec ecx
  jnz .touch
  dec ebp
  jnz .pass
  mov eax, 0
  out 0xf4, eax
