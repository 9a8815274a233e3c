; x87 register stack (CPUID.1:EDX.FPU is advertised): FLD1/FLDZ/FILD/FADD/FMUL/FISTP, FNSTSW TOP, and the ST registers in the FXSAVE image.
bits 64
org 0x100000
%include "lib.inc"

FX equ LIB_SCRATCH              ; FXSAVE area (16-byte aligned)

_start:
    mov rax, cr0
    and rax, ~(1 << 2)          ; EM = 0
    or rax, (1 << 1) | (1 << 5) ; MP, NE
    mov cr0, rax
    mov rax, cr4
    or rax, 1 << 9              ; OSFXSR
    mov cr4, rax
    fninit
    fld1                        ; ST0 = 1.0, TOP = 7
    fnstsw ax
    movzx eax, ax
    CHECK rax, 0x3800, "fsw-top-7-after-fld1"
    fxsave [FX]
    CHECK qword [FX + 32], 0x8000000000000000, "fxsave-st0-mantissa"
    movzx eax, word [FX + 40]
    CHECK rax, 0x3fff, "fxsave-st0-exponent"
    movzx eax, byte [FX + 4]
    CHECK rax, 0x80, "fxsave-abridged-tag-reg7"
    fld1
    faddp                       ; 2.0
    mov dword [DATA], 21
    fild dword [DATA]           ; 21
    fmulp                       ; 42
    fistp dword [DATA + 4]
    mov eax, [DATA + 4]
    CHECKD rax, 42, "fild-fadd-fmul-fistp"
    fnstsw ax
    movzx eax, ax
    CHECK rax, 0, "fsw-stack-empty-again"
    fldz
    fxsave [FX]
    CHECK qword [FX + 32], 0, "fxsave-st0-zero"
    movzx eax, word [FX + 40]
    CHECK rax, 0, "fxsave-st0-zero-exponent"
    fstp st0
    DONE

[absolute DATA]
    resq 1
