; #DE: divide by zero and quotient overflow (DIV and IDIV INT_MIN / -1) at every size, caught by an IDT handler that sees vector 0 and RIP = the dividing instruction.
bits 64
org 0x100000
%include "lib.inc"

; DE_CASE name, rax, rdx, rcx, instruction: the instruction must raise #DE; as a fault it must
; leave RAX and RDX as they were and report the RIP of the instruction itself.
%macro DE_CASE 5
    EXPECT_FAULT %%after
    mov rax, %2
    mov rdx, %3
    mov rcx, %4
%%insn:
    %5
%%after:
    CHECKD EXC_VEC, 0, %1, "-vector"
    mov rbx, EXC_RIP
    sub rbx, %%insn
    CHECKS rbx, 0, %1, "-rip-at-div"
    mov rbx, %2
    CHECK rax, rbx, %1, "-rax-unchanged"
    mov rbx, %3
    CHECK rdx, rbx, %1, "-rdx-unchanged"
%endmacro

_start:
    IDT_INSTALL
    DE_CASE "div8-by-zero", 0x1234, 0, 0, div cl
    DE_CASE "div16-by-zero", 0x1234, 0x5678, 0, div cx
    DE_CASE "div32-by-zero", 0xaaaaaaaa12345678, 0xbbbbbbbb00000001, 0xffffffff00000000, div ecx
    DE_CASE "div64-by-zero", 1, 2, 0, div rcx
    DE_CASE "idiv64-by-zero", -1, -1, 0, idiv rcx
    DE_CASE "div8-quotient-overflow", 0x100, 0, 1, div cl
    DE_CASE "div16-quotient-overflow", 0, 0x10, 0x10, div cx
    DE_CASE "div32-quotient-overflow", 0, 1, 1, div ecx
    DE_CASE "div64-quotient-overflow", 0, 1, 1, div rcx
    DE_CASE "idiv8-min-by-minus-1", 0xff80, 0, 0xff, idiv cl
    DE_CASE "idiv16-min-by-minus-1", 0x8000, 0xffff, 0xffff, idiv cx
    DE_CASE "idiv32-min-by-minus-1", 0x80000000, 0xffffffff, 0xffffffff, idiv ecx
    DE_CASE "idiv64-min-by-minus-1", 0x8000000000000000, -1, -1, idiv rcx
    DE_CASE "idiv32-positive-overflow", 0, 1, 2, idiv ecx
    mov qword [DATA], 0
    DE_CASE "div64-memory-zero", 5, 0, 0, div qword [DATA]

    ; a #DE inside a called function: the handler reports the RIP inside it, and the stack is intact
    EXPECT_FAULT .back
    mov rbx, rsp
    call divide_by_zero
.back:
    ; the handler resumed at .back with the stack of the faulting function: unwind it
    mov rcx, rbx
    sub rcx, rsp
    mov rsp, rbx
    CHECKD rcx, 8, "nested-fault-stack-depth"
    mov rax, EXC_RIP
    sub rax, divide_by_zero.insn
    CHECKS rax, 0, "nested-fault-rip"

    ; after the faults, division works and the count matches the cases above
    mov eax, 100
    xor edx, edx
    mov ecx, 7
    div ecx
    CHECKD rax, 14, "div-after-faults"
    CHECKD EXC_COUNT, 16, "de-count"
    DONE

divide_by_zero:
    xor ecx, ecx
    mov eax, 1
.insn:
    div ecx
    ret

[absolute DATA]
    resq 1
