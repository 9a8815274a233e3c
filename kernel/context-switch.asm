; Ringstep teaching kernel: enter long mode, run two ring-3 tasks, switch between them on timer interrupts, serve syscalls.
;
; What it shows, step by step (each is a good place for a breakpoint):
;   start32         multiboot entry in 32-bit protected mode; builds page tables, enables PAE + LME + PG
;   long_entry      first 64-bit instruction after the far jump
;   setup_tss       a 64-bit TSS whose RSP0 is the kernel stack used when ring 3 is interrupted
;   first_switch    enters ring 3 by popping a synthesized interrupt frame with IRETQ
;   timer_isr       IRQ0: saves SavedRegs on the interrupted task's kernel stack, picks the next
;                   task, loads its stack, updates tss.rsp0 and the per-CPU kernel stack, IRETQ
;   syscall_entry   SYSCALL from ring 3: SWAPGS, switch to the kernel stack, dispatch, SYSRETQ
;
; The two tasks print in strict turns (a shared `turn` word), so the transcript is the same on
; every machine, but a task only gets its turn after a timer interrupt has switched to it.
; Runs under `ringstep run` and `qemu-system-x86_64 -kernel`; exits through port 0xF4.

bits 32
org 0x100000

MB_MAGIC    equ 0x1BADB002
MB_FLAGS    equ 0x00010003          ; page-aligned modules, memory info, address fields
COM1        equ 0x3F8
KERNEL_CS   equ 0x08
KERNEL_DS   equ 0x10
USER_DS     equ 0x18 | 3
USER_CS     equ 0x20 | 3
TSS_SEL     equ 0x28
STEPS       equ 4                   ; lines each task prints
SYS_WRITE   equ 0
SYS_EXIT    equ 2

; Registers saved by timer_isr, lowest address first: what [rsp] holds inside the ISR.
struc SavedRegs
  .rax:    resq 1
  .rbx:    resq 1
  .rcx:    resq 1
  .rdx:    resq 1
  .rsi:    resq 1
  .rdi:    resq 1
  .rbp:    resq 1
  .r8:     resq 1
  .r9:     resq 1
  .r10:    resq 1
  .r11:    resq 1
  .r12:    resq 1
  .r13:    resq 1
  .r14:    resq 1
  .r15:    resq 1
  .rip:    resq 1                   ; from here on: the frame the CPU pushed (IRETQ pops it)
  .cs:     resq 1
  .rflags: resq 1
  .rsp:    resq 1
  .ss:     resq 1
endstruc

; One task control block.
struc Task
  .rsp:        resq 1               ; kernel RSP while the task is switched out (points at SavedRegs)
  .kstack_top: resq 1               ; top of its kernel stack: RSP0 while it runs
  .state:      resq 1               ; 1 runnable, 0 exited
endstruc

section .text

mb_header:
  dd MB_MAGIC
  dd MB_FLAGS
  dd -(MB_MAGIC + MB_FLAGS)
  dd mb_header                      ; header_addr
  dd mb_header                      ; load_addr
  dd load_end                       ; load_end_addr
  dd bss_end                        ; bss_end_addr
  dd start32                        ; entry_addr

; ---------------------------------------------------------------------------------------------
; 32-bit protected mode: page tables, long mode
; ---------------------------------------------------------------------------------------------
start32:
  cli
  mov esp, boot_stack_top

  ; PML4[0] -> PDPT, PDPT[0] -> PD, PD[0] -> PT (4 KiB pages for the first 2 MiB).
  mov dword [pml4], pdpt + 7        ; present, writable, user (U/S is checked at every level)
  mov dword [pdpt], pd + 7
  mov dword [pd], pt + 7
  ; PT: identity map 0..2 MiB; only the user ranges get U/S = 1.
  xor ecx, ecx
.map:
  mov eax, ecx
  shl eax, 12
  mov edx, eax
  or edx, 3                         ; present, writable, supervisor
  cmp eax, user_start
  jb .kernel_page
  cmp eax, user_end
  jb .user_page
  cmp eax, user_stacks
  jb .kernel_page
  cmp eax, user_stacks_end
  jae .kernel_page
.user_page:
  or edx, 4
.kernel_page:
  mov [pt + ecx * 8], edx
  inc ecx
  cmp ecx, 512
  jb .map

  lgdt [gdt_ptr]
  mov eax, cr4
  or eax, 1 << 5                    ; PAE
  mov cr4, eax
  mov eax, pml4
  mov cr3, eax
  mov ecx, 0xC0000080               ; IA32_EFER
  rdmsr
  or eax, (1 << 8) | (1 << 0)       ; LME, SCE
  wrmsr
  mov eax, cr0
  or eax, (1 << 31) | (1 << 16)     ; PG, WP
  mov cr0, eax                      ; now in IA-32e compatibility mode
  jmp KERNEL_CS:long_entry

; ---------------------------------------------------------------------------------------------
; 64-bit kernel
; ---------------------------------------------------------------------------------------------
bits 64
long_entry:
  mov ax, KERNEL_DS
  mov ds, ax
  mov es, ax
  mov ss, ax
  xor eax, eax
  mov fs, ax
  mov gs, ax
  mov rsp, boot_stack_top
  call serial_init
  lea rsi, [rel msg_banner]
  call puts
  lea rsi, [rel msg_long]
  call puts

  call setup_tss
  call setup_idt
  call setup_syscall
  call setup_timer
  lea rsi, [rel msg_ready]
  call puts

  ; Synthesize each task's first kernel stack: a SavedRegs block whose iret frame enters ring 3.
  lea rbx, [rel task_a]
  lea rdx, [rel task_a_entry]
  lea rcx, [rel user_stack_a_top]
  call task_init
  lea rbx, [rel task_b]
  lea rdx, [rel task_b_entry]
  lea rcx, [rel user_stack_b_top]
  call task_init

first_switch:
  lea rax, [rel task_a]
  mov [rel current], rax
  jmp switch_to                     ; never returns: IRETQ into task A at CPL 3

; rbx = Task, rdx = user entry point, rcx = user stack top
task_init:
  mov rdi, [rbx + Task.kstack_top]
  sub rdi, SavedRegs_size
  push rdi
  push rcx
  mov rcx, SavedRegs_size / 8
  xor eax, eax
  rep stosq
  pop rcx
  pop rdi
  mov [rdi + SavedRegs.rip], rdx
  mov qword [rdi + SavedRegs.cs], USER_CS
  mov qword [rdi + SavedRegs.rflags], 0x202   ; IF = 1: ring 3 runs with interrupts on
  mov [rdi + SavedRegs.rsp], rcx
  mov qword [rdi + SavedRegs.ss], USER_DS
  mov [rbx + Task.rsp], rdi
  mov qword [rbx + Task.state], 1
  ret

setup_tss:
  lea rax, [rel tss]
  mov word [rel gdt_tss], tss_size - 1        ; limit 15:0
  mov [rel gdt_tss + 2], ax                   ; base 15:0
  shr rax, 16
  mov [rel gdt_tss + 4], al                   ; base 23:16
  mov byte [rel gdt_tss + 5], 0x89            ; present, 64-bit TSS (available)
  mov byte [rel gdt_tss + 6], 0
  mov [rel gdt_tss + 7], ah                   ; base 31:24
  shr rax, 16
  mov [rel gdt_tss + 8], eax                  ; base 63:32
  lea rax, [rel df_stack_top]
  mov [rel tss + 0x24], rax                   ; IST1: a known-good stack for #DF
  mov word [rel tss + 0x66], tss_size         ; no I/O permission bitmap
  mov ax, TSS_SEL
  ltr ax
  ret

setup_idt:
  mov edi, 32                       ; IRQ0 after the PIC remap
  lea rsi, [rel timer_isr]
  mov dl, 0x8E                      ; present, DPL 0, 64-bit interrupt gate
  xor ecx, ecx
  call set_gate
  mov edi, 6
  lea rsi, [rel fault_ud]
  call set_gate
  mov edi, 13
  lea rsi, [rel fault_gp]
  call set_gate
  mov edi, 14
  lea rsi, [rel fault_pf]
  call set_gate
  mov edi, 8
  lea rsi, [rel fault_df]
  mov cl, 1                         ; IST1
  call set_gate
  lidt [rel idt_ptr]
  ret

; rdi = vector, rsi = handler, dl = type/attributes, cl = IST index
set_gate:
  mov rax, rdi
  shl rax, 4
  lea r8, [rel idt]
  add rax, r8
  mov [rax], si
  mov word [rax + 2], KERNEL_CS
  mov [rax + 4], cl
  mov [rax + 5], dl
  mov r8, rsi
  shr r8, 16
  mov [rax + 6], r8w
  shr r8, 16
  mov [rax + 8], r8d
  mov dword [rax + 12], 0
  ret

setup_syscall:
  mov ecx, 0xC0000081               ; STAR: SYSCALL CS=0x08/SS=0x10, SYSRET CS=0x23/SS=0x1B
  xor eax, eax
  mov edx, ((USER_DS - 8) << 16) | KERNEL_CS
  wrmsr
  mov ecx, 0xC0000082               ; LSTAR
  lea rax, [rel syscall_entry]
  mov rdx, rax
  shr rdx, 32
  wrmsr
  mov ecx, 0xC0000084               ; SFMASK: clear IF, TF, DF on entry
  mov eax, 0x700
  xor edx, edx
  wrmsr
  mov ecx, 0xC0000102               ; KERNEL_GS_BASE: the per-CPU block SWAPGS brings in
  lea rax, [rel percpu]
  mov rdx, rax
  shr rdx, 32
  wrmsr
  ret

setup_timer:
  ; PIC: remap IRQ0-7 to 0x20-0x27 and IRQ8-15 to 0x28-0x2F, unmask IRQ0 only.
  mov al, 0x11
  out 0x20, al
  out 0xA0, al
  mov al, 0x20
  out 0x21, al
  mov al, 0x28
  out 0xA1, al
  mov al, 4
  out 0x21, al
  mov al, 2
  out 0xA1, al
  mov al, 1
  out 0x21, al
  out 0xA1, al
  mov al, 0xFE
  out 0x21, al
  mov al, 0xFF
  out 0xA1, al
  ; PIT channel 0, mode 2, 1193182 / 1193 = 1000 Hz.
  mov al, 0x34
  out 0x43, al
  mov ax, 1193
  out 0x40, al
  mov al, ah
  out 0x40, al
  ret

; ---------------------------------------------------------------------------------------------
; Context switch
; ---------------------------------------------------------------------------------------------
timer_isr:
  push r15
  push r14
  push r13
  push r12
  push r11
  push r10
  push r9
  push r8
  push rbp
  push rdi
  push rsi
  push rdx
  push rcx
  push rbx
  push rax                          ; [rsp] is now a SavedRegs
  mov al, 0x20                      ; EOI to the master PIC
  out 0x20, al
  inc qword [rel ticks]
  mov rax, [rel current]
  mov [rax + Task.rsp], rsp         ; save the outgoing task's kernel stack
  call schedule                     ; rax = next task
  mov [rel current], rax
switch_to:
  mov rax, [rel current]
  mov rsp, [rax + Task.rsp]         ; the incoming task's kernel stack
  mov rbx, [rax + Task.kstack_top]
  mov [rel tss + 4], rbx            ; tss.rsp0: where the CPU puts the next interrupt frame
  mov [rel percpu], rbx             ; percpu.kernel_rsp: where syscall_entry switches to
  pop rax
  pop rbx
  pop rcx
  pop rdx
  pop rsi
  pop rdi
  pop rbp
  pop r8
  pop r9
  pop r10
  pop r11
  pop r12
  pop r13
  pop r14
  pop r15
  iretq

; Round robin over the runnable tasks; when none is left, the demo is over.
schedule:
  mov rax, [rel current]
  mov ecx, 2
.try:
  lea rdx, [rel task_a]
  cmp rax, rdx
  jne .to_a
  lea rax, [rel task_b]
  jmp .check
.to_a:
  lea rax, [rel task_a]
.check:
  cmp qword [rax + Task.state], 1
  je .found
  dec ecx
  jnz .try
  lea rsi, [rel msg_done]
  call puts
  xor eax, eax
  out 0xF4, eax                     ; isa-debug-exit: status (0 << 1) | 1
  cli
  hlt
.found:
  ret

; ---------------------------------------------------------------------------------------------
; System calls: rax = number, rdi/rsi = arguments
; ---------------------------------------------------------------------------------------------
syscall_entry:
  swapgs                            ; GS.base = percpu
  mov [gs:8], rsp                   ; percpu.user_rsp
  mov rsp, [gs:0]                   ; percpu.kernel_rsp
  push qword [gs:8]
  push r11                          ; user RFLAGS
  push rcx                          ; user RIP
  cmp rax, SYS_WRITE
  je .write
  cmp rax, SYS_EXIT
  je .exit
  mov rax, -1
  jmp .return
.write:
  call write_user
  xor eax, eax
.return:
  pop rcx
  pop r11
  pop rsp
  swapgs
  o64 sysret
.exit:
  mov rax, [rel current]
  mov qword [rax + Task.state], 0
  swapgs
  sti
.idle:
  hlt                               ; the next timer tick switches away for good
  jmp .idle

; rdi = user buffer, rsi = length
write_user:
  mov rcx, rsi
  mov rsi, rdi
.next:
  test rcx, rcx
  jz .done
  lodsb
  call putc
  dec rcx
  jmp .next
.done:
  ret

; ---------------------------------------------------------------------------------------------
; Faults: report and stop
; ---------------------------------------------------------------------------------------------
fault_ud:
  push 0                            ; no error code: keep the frame shape
  mov ebx, 6
  jmp fault_report
fault_gp:
  mov ebx, 13
  jmp fault_report
fault_pf:
  mov ebx, 14
  jmp fault_report
fault_df:
  mov ebx, 8
fault_report:
  lea rsi, [rel msg_fault]
  call puts
  mov rax, rbx
  call puthex
  lea rsi, [rel msg_err]
  call puts
  mov rax, [rsp]
  call puthex
  lea rsi, [rel msg_rip]
  call puts
  mov rax, [rsp + 8]
  call puthex
  mov al, 10
  call putc
  lea eax, [rbx + 0x10]
  out 0xF4, eax
  cli
  hlt

; ---------------------------------------------------------------------------------------------
; Serial port
; ---------------------------------------------------------------------------------------------
serial_init:
  mov dx, COM1 + 1
  xor al, al
  out dx, al                        ; no interrupts
  mov dx, COM1 + 3
  mov al, 0x80
  out dx, al                        ; DLAB
  mov dx, COM1
  mov al, 1
  out dx, al                        ; 115200 baud
  mov dx, COM1 + 1
  xor al, al
  out dx, al
  mov dx, COM1 + 3
  mov al, 3
  out dx, al                        ; 8N1
  mov dx, COM1 + 2
  mov al, 0xC7
  out dx, al                        ; FIFO
  ret

; al = byte
putc:
  push rdx
  push rax
  mov dx, COM1 + 5
.wait:
  in al, dx
  test al, 0x20                     ; transmitter holding register empty
  jz .wait
  pop rax
  mov dx, COM1
  out dx, al
  pop rdx
  ret

; rsi = NUL-terminated string
puts:
  push rax
.next:
  lodsb
  test al, al
  jz .done
  call putc
  jmp .next
.done:
  pop rax
  ret

; rax = value, printed as 16 hex digits
puthex:
  push rcx
  push rdx
  mov rdx, rax
  mov ecx, 16
.digit:
  rol rdx, 4
  mov eax, edx
  and eax, 15
  cmp al, 10
  jb .dec
  add al, 'a' - 10
  jmp .out
.dec:
  add al, '0'
.out:
  call putc
  dec ecx
  jnz .digit
  pop rdx
  pop rcx
  ret

; ---------------------------------------------------------------------------------------------
; Kernel data
; ---------------------------------------------------------------------------------------------
msg_banner: db "Ringstep teaching kernel: context-switch demo", 10, 0
msg_long:   db "[kernel] long mode on: 4-level paging, CS=0x08 (64-bit)", 10, 0
msg_ready:  db "[kernel] TSS, IDT, SYSCALL MSRs and a 1000 Hz PIT timer are set up; entering ring 3", 10, 0
msg_done:   db "[kernel] both tasks exited; shutting down", 10, 0
msg_fault:  db "[kernel] exception ", 0
msg_err:    db " error code ", 0
msg_rip:    db " at rip ", 0

align 8
gdt:
  dq 0
  dq 0x00AF9A000000FFFF             ; 0x08 kernel code, 64-bit
  dq 0x00CF92000000FFFF             ; 0x10 kernel data
  dq 0x00CFF2000000FFFF             ; 0x18 user data, DPL 3
  dq 0x00AFFA000000FFFF             ; 0x20 user code, 64-bit, DPL 3
gdt_tss:
  dq 0, 0                           ; 0x28 TSS descriptor (16 bytes), filled by setup_tss
gdt_end:
gdt_ptr:
  dw gdt_end - gdt - 1
  dq gdt
idt_ptr:
  dw 256 * 16 - 1
  dq idt

align 8
current: dq 0
ticks:   dq 0
percpu:  dq 0, 0                    ; kernel_rsp, user_rsp scratch (GS-relative after SWAPGS)
task_a:  dq 0, kstack_a_top, 0
task_b:  dq 0, kstack_b_top, 0
tss:
  times 104 db 0
tss_size equ $ - tss

; ---------------------------------------------------------------------------------------------
; Ring 3: the two tasks (these pages are mapped with U/S = 1)
; ---------------------------------------------------------------------------------------------
align 4096
user_start:
task_a_entry:
  xor r12d, r12d                    ; my turn number
  lea r13, [rel line_a]
  jmp task_body
task_b_entry:
  mov r12d, 1
  lea r13, [rel line_b]
task_body:
  mov r14d, 1                       ; step
.wait:
  cmp [rel turn], r12
  jne .wait                         ; spins until a timer interrupt switches tasks
  mov eax, r14d
  add al, '0'
  mov [r13 + line_digit], al
  mov eax, SYS_WRITE
  mov rdi, r13
  mov esi, line_len
  syscall
  xor qword [rel turn], 1
  inc r14d
  cmp r14d, STEPS
  jbe .wait
  mov eax, SYS_EXIT
  syscall

align 8
turn:   dq 0
line_a: db "[task A] ring 3, step 0", 10
line_len equ $ - line_a
line_digit equ line_len - 2
line_b: db "[task B] ring 3, step 0", 10
align 4096
user_end:
load_end:

section .bss nobits align=4096
pml4:            resb 4096
pdpt:            resb 4096
pd:              resb 4096
pt:              resb 4096
idt:             resb 4096
                 resb 4096
boot_stack_top:
                 resb 4096
kstack_a_top:
                 resb 4096
kstack_b_top:
                 resb 4096
df_stack_top:
user_stacks:
                 resb 4096
user_stack_a_top:
                 resb 4096
user_stack_b_top:
user_stacks_end:
bss_end:
