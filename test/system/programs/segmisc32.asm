; Scope 1: MOV from Sreg, PUSH/POP Sreg, LDS/LES/LFS/LGS/LSS and a faulting far-pointer load that leaves the register unchanged.
%include "rstest.inc"
main32:
    mov eax, 0xffffffff
    mov eax, ds                     ; 32-bit destination: zero-extended
    CHECK eax, KDATA, "mov eax,ds"
    mov dword [buf], 0x12345678
    mov [buf], cs                   ; memory: 16 bits only
    CHECK dword [buf], 0x12340008, "mov [m],cs"
    push es
    mov ax, CODE16 + 8              ; DATA16
    mov es, ax
    pop es
    mov eax, es
    CHECK eax, KDATA, "pop es"
    mov esi, esp
    push fs
    sub esi, esp
    CHECK esi, 4, "push fs size"
    pop fs
    mov dword [fp], 0xdeadbeef
    mov word [fp + 4], DATA16
    lds ebx, [fp]
    mov eax, ds
    mov cx, KDATA
    mov ds, cx
    CHECK eax, DATA16, "lds ds"
    CHECK ebx, 0xdeadbeef, "lds ebx"
    mov dword [fp], 0x11111111
    mov word [fp + 4], KDATA
    mov ebp, esp
    lss esp, [fp]
    mov eax, esp
    mov esp, ebp
    CHECK eax, 0x11111111, "lss esp"
    mov word [fp + 4], 0x1234        ; bad selector: fault, register unchanged
    mov edi, 0x55
    TRY .x
    lgs edi, [fp]
.x: CHECK edi, 0x55, "lgs faulted, edi kept"
    mov word [fp + 4], KDATA
    lfs edx, [fp]
    mov eax, fs
    CHECK eax, KDATA, "lfs"
    o16 les dx, [fp16]
    CHECK edx, 0x11112222, "les o16 keeps upper edx"
    ret
buf: dd 0
fp: dd 0, 0
fp16: dw 0x2222, KDATA
END_IMAGE
