; PUSHAD/POPAD and PUSHA/POPA (16-bit) in 32-bit mode (direct32): push order, the saved ESP, POPAD skipping ESP, and 16-bit pushes of registers and segments.
bits 32
org 0x100000
%define LIB32
%include "lib.inc"

STK equ LIB_SCRATCH + 0x1000    ; a stack of our own, so addresses are the same under every start

_start:
    mov [saved_esp], esp
    mov esp, STK
    mov eax, 0xa0a0a0a0
    mov ecx, 0xc1c1c1c1
    mov edx, 0xd2d2d2d2
    mov ebx, 0xb3b3b3b3
    mov ebp, 0xe5e5e5e5
    mov esi, 0x56565656
    mov edi, 0x77777777
    pushad
    mov [after_push], esp
    mov esp, [saved_esp]
    CHECK dword [after_push], STK - 32, "pushad-esp"
    ; order: EAX ECX EDX EBX ESP(original) EBP ESI EDI, EDI at the lowest address
    CHECK dword [STK - 4], 0xa0a0a0a0, "pushad-eax"
    CHECK dword [STK - 8], 0xc1c1c1c1, "pushad-ecx"
    CHECK dword [STK - 12], 0xd2d2d2d2, "pushad-edx"
    CHECK dword [STK - 16], 0xb3b3b3b3, "pushad-ebx"
    CHECK dword [STK - 20], STK, "pushad-original-esp"
    CHECK dword [STK - 24], 0xe5e5e5e5, "pushad-ebp"
    CHECK dword [STK - 28], 0x56565656, "pushad-esi"
    CHECK dword [STK - 32], 0x77777777, "pushad-edi"

    ; POPAD restores all but ESP: the saved ESP slot is skipped, ESP just moves up by 32
    mov dword [STK - 20], 0x12345678
    mov dword [STK - 4], 0x11111111
    mov esp, STK - 32
    xor eax, eax
    xor ecx, ecx
    xor edx, edx
    xor ebx, ebx
    xor ebp, ebp
    xor esi, esi
    xor edi, edi
    popad
    mov [after_push], esp
    mov esp, [saved_esp]
    CHECK dword [after_push], STK, "popad-esp-ignores-slot"
    CHECK eax, 0x11111111, "popad-eax"
    CHECK ebx, 0xb3b3b3b3, "popad-ebx"
    CHECK ebp, 0xe5e5e5e5, "popad-ebp"
    CHECK edi, 0x77777777, "popad-edi"

    ; PUSHA (66h): eight 16-bit pushes; POPA restores the low halves and keeps the upper ones
    mov esp, STK
    mov eax, 0xffff0001
    mov ecx, 0xffff0002
    mov edx, 0xffff0003
    mov ebx, 0xffff0004
    mov ebp, 0xffff0006
    mov esi, 0xffff0007
    mov edi, 0xffff0008
    pushaw
    mov [after_push], esp
    mov eax, 0xaaaa0000
    mov ebx, 0xbbbb0000
    mov edi, 0xdddd0000
    popaw
    mov [after_pop], esp
    mov esp, [saved_esp]
    CHECK dword [after_push], STK - 16, "pusha16-esp"
    CHECK dword [after_pop], STK, "popa16-esp"
    movzx ecx, word [STK - 10]
    CHECK ecx, STK & 0xffff, "pusha16-saved-sp"
    movzx ecx, word [STK - 16]
    CHECK ecx, 0x0008, "pusha16-di-lowest"
    CHECK eax, 0xaaaa0001, "popa16-keeps-eax-upper"
    CHECK ebx, 0xbbbb0004, "popa16-keeps-ebx-upper"
    CHECK edi, 0xdddd0008, "popa16-keeps-edi-upper"

    ; 16-bit push/pop of registers, immediates and segment registers
    mov esp, STK
    push word 0x1234
    push ds
    o16 push ds                 ; 2 bytes
    mov [after_push], esp
    pop ax
    pop ecx
    pop dx
    mov [after_pop], esp
    mov esp, [saved_esp]
    CHECK dword [after_push], STK - 2 - 4 - 2, "push16-esp"
    movzx eax, ax
    CHECK eax, 0x10, "pop16-ds-selector"
    movzx ecx, cx
    CHECK ecx, 0x10, "push32-ds-selector-low-half"
    movzx edx, dx
    CHECK edx, 0x1234, "pop16-immediate"
    CHECK dword [after_pop], STK, "push-pop-16-balanced"
    DONE

[absolute DATA]
saved_esp: resd 1
after_push: resd 1
after_pop: resd 1
