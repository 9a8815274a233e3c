; Scope 9: debug registers: a DR0 instruction breakpoint (fault, DR6.B0, RF in the frame lets it run once), DR1 write watch and DR2 read/write watch (traps after the access, DR6.B1/B2), DR7.GD (#DB fault with DR6.BD on MOV DR, GD cleared).
; QEMU-DIFF: mov dr with GD: #DB=00000000 FAIL want=00000001\nGD eip (fault)=00000000 ok\ndr6.BD=00000004 FAIL want=00002000\nGD cleared for the handler=07000410 FAIL want=00000400\ndr7 after=00002400 FAIL want=00000400 => mov dr with GD: #DB=00000001 ok\nGD eip (fault)=00000000 ok\ndr6.BD=00002000 ok\nGD cleared for the handler=00000400 ok\ndr7 after=00000400 ok (QEMU 7.2 does not implement DR7.GD)
; QEMU-DIFF: END failures=00000004 => END failures=00000000
; QEMU-EXIT: 9
%include "rstest.inc"
main32:
    mov eax, 1
    mov edx, db_handler
    mov ecx, 0x8e
    call set_gate32
    mov eax, dr6
    CHECK eax, 0xffff0ff0, "dr6 at reset"
    mov eax, dr7
    CHECK eax, 0x400, "dr7 at reset"
    ; instruction breakpoint
    mov eax, bp_insn
    mov dr0, eax
    mov eax, 0x401                   ; L0, R/W0 = 00 (execute), LEN0 = 00
    mov dr7, eax
    xor ebx, ebx
bp_insn:
    inc ebx
    inc ebx
    CHECK ebx, 2, "instruction ran once after the breakpoint"
    CHECK [db_count], 1, "one #DB"
    CHECK [db_eip], bp_insn, "#DB eip = the breakpoint (fault)"
    mov eax, [db_dr6]
    and eax, 0x600f
    CHECK eax, 1, "dr6.B0"
    ; data write watch on wvar (4 bytes)
    mov eax, wvar
    mov dr1, eax
    mov eax, 0x00d00404              ; L1, R/W1 = 01 (write), LEN1 = 11 (4 bytes)
    mov dr7, eax
    mov dword [db_count], 0
    mov eax, [wvar]
    CHECK [db_count], 0, "read does not trigger a write watch"
w1: mov byte [wvar + 2], 7
w1_next:
    CHECK [db_count], 1, "write triggers it"
    CHECK [db_eip], w1_next, "#DB eip after the write (trap)"
    mov eax, [db_dr6]
    and eax, 0x600f
    CHECK eax, 2, "dr6.B1"
    CHECK dword [wvar], 0x070000, "the write happened"
    ; read/write watch on 2 bytes at wvar2+2
    mov eax, wvar2 + 2
    mov dr2, eax
    mov eax, 0x07000410              ; L2, R/W2 = 11, LEN2 = 01 (2 bytes)
    mov dr7, eax
    mov dword [db_count], 0
    mov al, [wvar2 + 1]
    CHECK [db_count], 0, "byte beside the watch"
    mov eax, [wvar2]
r1_next:
    CHECK [db_count], 1, "dword read over the watch"
    CHECK [db_eip], r1_next, "read watch eip"
    mov eax, [db_dr6]
    and eax, 0x600f
    CHECK eax, 4, "dr6.B2"
    push dword [wvar2 + 2]
    pop eax
    CHECK [db_count], 2, "push from the watched word"
    ; general detect
    xor eax, eax
    mov dr7, eax
    mov dr6, eax
    mov eax, 0x2400                  ; GD
    mov dr7, eax
    mov dword [db_count], 0
    mov dword [db_eip], gd1
gd1: mov eax, dr3
    CHECK [db_count], 1, "mov dr with GD: #DB"
    mov eax, [db_eip]
    sub eax, gd1
    CHECK eax, 0, "GD eip (fault)"
    mov eax, [db_dr6]
    and eax, 0x600f
    CHECK eax, 0x2000, "dr6.BD"
    CHECK [db_dr7], 0x400, "GD cleared for the handler"
    mov eax, dr7
    CHECK eax, 0x400, "dr7 after"
    ret
; #DB handler: count, record EIP, DR6, DR7; clear DR6; set RF in the image so that an instruction breakpoint lets the instruction run.
db_handler:
    push eax
    inc dword [db_count]
    mov eax, [esp + 4]
    mov [db_eip], eax
    mov eax, dr7
    mov [db_dr7], eax
    mov eax, dr6
    mov [db_dr6], eax
    xor eax, eax
    mov dr6, eax
    or dword [esp + 12], 0x10000
    pop eax
    iretd
db_count: dd 0
db_eip: dd 0
db_dr6: dd 0
db_dr7: dd 0
align 4
wvar: dd 0
wvar2: dd 0x11223344
END_IMAGE
