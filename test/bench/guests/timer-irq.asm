; Benchmark guest: a PIT at about 100 kHz interrupting a counting loop; each IRQ0 runs a small handler with EOI.
bits 64
org 0x100000
IDT equ 0x80000
  ; IDT entry 32 -> isr (64-bit interrupt gate, selector 0x08)
  mov rdi, IDT
  xor eax, eax
  mov ecx, 512
  rep stosq
  lea rax, [rel isr]
  mov word [IDT + 32 * 16], ax
  mov word [IDT + 32 * 16 + 2], 0x08
  mov byte [IDT + 32 * 16 + 5], 0x8e
  shr rax, 16
  mov word [IDT + 32 * 16 + 6], ax
  lidt [rel idtr]
  ; PIC: vectors 0x20/0x28, only IRQ0 unmasked
  mov al, 0x11
  out 0x20, al
  out 0xa0, al
  mov al, 0x20
  out 0x21, al
  mov al, 0x28
  out 0xa1, al
  mov al, 4
  out 0x21, al
  mov al, 2
  out 0xa1, al
  mov al, 1
  out 0x21, al
  out 0xa1, al
  mov al, 0xfe
  out 0x21, al
  mov al, 0xff
  out 0xa1, al
  ; PIT channel 0 mode 2, divisor 12 (about 99 kHz)
  mov al, 0x34
  out 0x43, al
  mov al, 12
  out 0x40, al
  xor al, al
  out 0x40, al
  sti
  mov ecx, 15000000
.spin:
  add rdx, rcx
  dec ecx
  jnz .spin
  cli
  mov eax, 0
  out 0xf4, eax
isr:
  push rax
  inc qword [rel ticks]
  mov al, 0x20
  out 0x20, al
  pop rax
  iretq
align 8
ticks: dq 0
idtr: dw 256 * 16 - 1
      dq IDT
