; CRC-32 (IEEE, table driven) and CRC-32C both with the CRC32 instruction (byte, word, dword, qword steps) and with a table; check values from Python's zlib and a bitwise CRC-32C.
bits 64
org 0x100000
%include "lib.inc"

TABLE  equ LIB_SCRATCH          ; 256 dwords, CRC-32 (poly 0xEDB88320)
TABLEC equ LIB_SCRATCH + 0x400  ; 256 dwords, CRC-32C (poly 0x82F63B78)
BUF    equ LIB_SCRATCH + 0x1000 ; 1000 bytes: i * 31 + 7

_start:
    mov edx, 0xedb88320
    mov rdi, TABLE
    call make_table
    mov edx, 0x82f63b78
    mov rdi, TABLEC
    call make_table
    mov eax, [TABLE + 4]
    CHECK rax, 0x77073096, "crc32-table-entry-1"
    xor ecx, ecx
.fill:
    imul eax, ecx, 31
    add eax, 7
    mov [BUF + rcx], al
    inc ecx
    cmp ecx, 1000
    jb .fill

    mov rsi, check_string
    mov ecx, 9
    mov rdi, TABLE
    call crc_table
    CHECK rax, 0xcbf43926, "crc32-table-123456789"
    mov rsi, BUF
    mov ecx, 1000
    mov rdi, TABLE
    call crc_table
    CHECK rax, 0x8902161e, "crc32-table-1000-bytes"

    mov rsi, check_string
    mov ecx, 9
    mov rdi, TABLEC
    call crc_table
    CHECK rax, 0xe3069283, "crc32c-table-123456789"
    mov rsi, BUF
    mov ecx, 1000
    mov rdi, TABLEC
    call crc_table
    CHECK rax, 0xff52ee97, "crc32c-table-1000-bytes"

    ; the CRC32 instruction computes CRC-32C
    mov eax, -1
    mov rsi, check_string
    mov ecx, 9
.bytes:
    crc32 eax, byte [rsi]
    inc rsi
    dec ecx
    jnz .bytes
    not eax
    CHECK rax, 0xe3069283, "crc32-insn-bytes-123456789"

    mov eax, -1
    mov rsi, BUF
    mov ecx, 125
.qwords:
    crc32 rax, qword [rsi]      ; 64-bit form: the CRC is in EAX, RAX[63:32] = 0
    add rsi, 8
    dec ecx
    jnz .qwords
    not eax
    CHECK rax, 0xff52ee97, "crc32-insn-qwords-1000"

    mov rax, -1                 ; 32-bit form zero-extends into RAX
    mov rsi, BUF
    mov ecx, 250
.dwords:
    mov edx, [rsi]
    crc32 eax, edx
    add rsi, 4
    dec ecx
    jnz .dwords
    not eax
    CHECK rax, 0xff52ee97, "crc32-insn-dwords-1000"

    mov eax, -1
    mov rsi, BUF
    mov ecx, 500
.words:
    crc32 eax, word [rsi]
    add rsi, 2
    dec ecx
    jnz .words
    not eax
    CHECK rax, 0xff52ee97, "crc32-insn-words-1000"
    DONE

; make_table: rdi = 256-dword table for the reflected polynomial in edx
make_table:
    xor ecx, ecx
.entry:
    mov eax, ecx
    mov r8d, 8
.bit:
    shr eax, 1
    jnc .no_xor
    xor eax, edx
.no_xor:
    dec r8d
    jnz .bit
    mov [rdi + rcx * 4], eax
    inc ecx
    cmp ecx, 256
    jb .entry
    ret

; crc_table: CRC of rcx bytes at rsi with the table at rdi -> rax
crc_table:
    mov eax, -1
.byte:
    movzx edx, byte [rsi]
    xor dl, al
    shr eax, 8
    xor eax, [rdi + rdx * 4]
    inc rsi
    dec ecx
    jnz .byte
    not eax
    ret

check_string: db "123456789"
