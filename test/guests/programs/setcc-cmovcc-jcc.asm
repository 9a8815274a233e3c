; SETcc, CMOVcc and Jcc on all 16 conditions for 11 flag combinations (one bit per condition), CMOV operand-size rules; expected values from an x86-64 host CPU.
bits 64
org 0x100000
%include "lib.inc"

M equ LIB_SCRATCH               ; the memory operand buffer (256 bytes, reset before each case)

_start:
    ; flags-none
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken1
    jmp .next1
    .taken1:
    lea r8, [r8 + 1]
    .next1:
    jno .taken2
    jmp .next2
    .taken2:
    lea r8, [r8 + 2]
    .next2:
    jb .taken3
    jmp .next3
    .taken3:
    lea r8, [r8 + 4]
    .next3:
    jae .taken4
    jmp .next4
    .taken4:
    lea r8, [r8 + 8]
    .next4:
    je .taken5
    jmp .next5
    .taken5:
    lea r8, [r8 + 16]
    .next5:
    jne .taken6
    jmp .next6
    .taken6:
    lea r8, [r8 + 32]
    .next6:
    jbe .taken7
    jmp .next7
    .taken7:
    lea r8, [r8 + 64]
    .next7:
    ja .taken8
    jmp .next8
    .taken8:
    lea r8, [r8 + 128]
    .next8:
    js .taken9
    jmp .next9
    .taken9:
    lea r8, [r8 + 256]
    .next9:
    jns .taken10
    jmp .next10
    .taken10:
    lea r8, [r8 + 512]
    .next10:
    jp .taken11
    jmp .next11
    .taken11:
    lea r8, [r8 + 1024]
    .next11:
    jnp .taken12
    jmp .next12
    .taken12:
    lea r8, [r8 + 2048]
    .next12:
    jl .taken13
    jmp .next13
    .taken13:
    lea r8, [r8 + 4096]
    .next13:
    jge .taken14
    jmp .next14
    .taken14:
    lea r8, [r8 + 8192]
    .next14:
    jle .taken15
    jmp .next15
    .taken15:
    lea r8, [r8 + 16384]
    .next15:
    jg .taken16
    jmp .next16
    .taken16:
    lea r8, [r8 + 32768]
    .next16:
    pushf
    CHECK qword [M + 0], 0x100010001000100, "flags-none-mem0"
    CHECK qword [M + 8], 0x100010001000100, "flags-none-mem8"
    CHECK rdx, 0xaaaa, "flags-none-rdx"
    CHECK r8, 0xaaaa, "flags-none-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x0, "flags-none-flags"
    ; flags-cf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x3
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken17
    jmp .next17
    .taken17:
    lea r8, [r8 + 1]
    .next17:
    jno .taken18
    jmp .next18
    .taken18:
    lea r8, [r8 + 2]
    .next18:
    jb .taken19
    jmp .next19
    .taken19:
    lea r8, [r8 + 4]
    .next19:
    jae .taken20
    jmp .next20
    .taken20:
    lea r8, [r8 + 8]
    .next20:
    je .taken21
    jmp .next21
    .taken21:
    lea r8, [r8 + 16]
    .next21:
    jne .taken22
    jmp .next22
    .taken22:
    lea r8, [r8 + 32]
    .next22:
    jbe .taken23
    jmp .next23
    .taken23:
    lea r8, [r8 + 64]
    .next23:
    ja .taken24
    jmp .next24
    .taken24:
    lea r8, [r8 + 128]
    .next24:
    js .taken25
    jmp .next25
    .taken25:
    lea r8, [r8 + 256]
    .next25:
    jns .taken26
    jmp .next26
    .taken26:
    lea r8, [r8 + 512]
    .next26:
    jp .taken27
    jmp .next27
    .taken27:
    lea r8, [r8 + 1024]
    .next27:
    jnp .taken28
    jmp .next28
    .taken28:
    lea r8, [r8 + 2048]
    .next28:
    jl .taken29
    jmp .next29
    .taken29:
    lea r8, [r8 + 4096]
    .next29:
    jge .taken30
    jmp .next30
    .taken30:
    lea r8, [r8 + 8192]
    .next30:
    jle .taken31
    jmp .next31
    .taken31:
    lea r8, [r8 + 16384]
    .next31:
    jg .taken32
    jmp .next32
    .taken32:
    lea r8, [r8 + 32768]
    .next32:
    pushf
    CHECK qword [M + 0], 0x1010000010100, "flags-cf-mem0"
    CHECK qword [M + 8], 0x100010001000100, "flags-cf-mem8"
    CHECK rdx, 0xaa66, "flags-cf-rdx"
    CHECK r8, 0xaa66, "flags-cf-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x1, "flags-cf-flags"
    ; flags-pf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x6
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken33
    jmp .next33
    .taken33:
    lea r8, [r8 + 1]
    .next33:
    jno .taken34
    jmp .next34
    .taken34:
    lea r8, [r8 + 2]
    .next34:
    jb .taken35
    jmp .next35
    .taken35:
    lea r8, [r8 + 4]
    .next35:
    jae .taken36
    jmp .next36
    .taken36:
    lea r8, [r8 + 8]
    .next36:
    je .taken37
    jmp .next37
    .taken37:
    lea r8, [r8 + 16]
    .next37:
    jne .taken38
    jmp .next38
    .taken38:
    lea r8, [r8 + 32]
    .next38:
    jbe .taken39
    jmp .next39
    .taken39:
    lea r8, [r8 + 64]
    .next39:
    ja .taken40
    jmp .next40
    .taken40:
    lea r8, [r8 + 128]
    .next40:
    js .taken41
    jmp .next41
    .taken41:
    lea r8, [r8 + 256]
    .next41:
    jns .taken42
    jmp .next42
    .taken42:
    lea r8, [r8 + 512]
    .next42:
    jp .taken43
    jmp .next43
    .taken43:
    lea r8, [r8 + 1024]
    .next43:
    jnp .taken44
    jmp .next44
    .taken44:
    lea r8, [r8 + 2048]
    .next44:
    jl .taken45
    jmp .next45
    .taken45:
    lea r8, [r8 + 4096]
    .next45:
    jge .taken46
    jmp .next46
    .taken46:
    lea r8, [r8 + 8192]
    .next46:
    jle .taken47
    jmp .next47
    .taken47:
    lea r8, [r8 + 16384]
    .next47:
    jg .taken48
    jmp .next48
    .taken48:
    lea r8, [r8 + 32768]
    .next48:
    pushf
    CHECK qword [M + 0], 0x100010001000100, "flags-pf-mem0"
    CHECK qword [M + 8], 0x100010000010100, "flags-pf-mem8"
    CHECK rdx, 0xa6aa, "flags-pf-rdx"
    CHECK r8, 0xa6aa, "flags-pf-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x4, "flags-pf-flags"
    ; flags-zf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x42
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken49
    jmp .next49
    .taken49:
    lea r8, [r8 + 1]
    .next49:
    jno .taken50
    jmp .next50
    .taken50:
    lea r8, [r8 + 2]
    .next50:
    jb .taken51
    jmp .next51
    .taken51:
    lea r8, [r8 + 4]
    .next51:
    jae .taken52
    jmp .next52
    .taken52:
    lea r8, [r8 + 8]
    .next52:
    je .taken53
    jmp .next53
    .taken53:
    lea r8, [r8 + 16]
    .next53:
    jne .taken54
    jmp .next54
    .taken54:
    lea r8, [r8 + 32]
    .next54:
    jbe .taken55
    jmp .next55
    .taken55:
    lea r8, [r8 + 64]
    .next55:
    ja .taken56
    jmp .next56
    .taken56:
    lea r8, [r8 + 128]
    .next56:
    js .taken57
    jmp .next57
    .taken57:
    lea r8, [r8 + 256]
    .next57:
    jns .taken58
    jmp .next58
    .taken58:
    lea r8, [r8 + 512]
    .next58:
    jp .taken59
    jmp .next59
    .taken59:
    lea r8, [r8 + 1024]
    .next59:
    jnp .taken60
    jmp .next60
    .taken60:
    lea r8, [r8 + 2048]
    .next60:
    jl .taken61
    jmp .next61
    .taken61:
    lea r8, [r8 + 4096]
    .next61:
    jge .taken62
    jmp .next62
    .taken62:
    lea r8, [r8 + 8192]
    .next62:
    jle .taken63
    jmp .next63
    .taken63:
    lea r8, [r8 + 16384]
    .next63:
    jg .taken64
    jmp .next64
    .taken64:
    lea r8, [r8 + 32768]
    .next64:
    pushf
    CHECK qword [M + 0], 0x1000101000100, "flags-zf-mem0"
    CHECK qword [M + 8], 0x1010001000100, "flags-zf-mem8"
    CHECK rdx, 0x6a5a, "flags-zf-rdx"
    CHECK r8, 0x6a5a, "flags-zf-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x40, "flags-zf-flags"
    ; flags-sf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x82
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken65
    jmp .next65
    .taken65:
    lea r8, [r8 + 1]
    .next65:
    jno .taken66
    jmp .next66
    .taken66:
    lea r8, [r8 + 2]
    .next66:
    jb .taken67
    jmp .next67
    .taken67:
    lea r8, [r8 + 4]
    .next67:
    jae .taken68
    jmp .next68
    .taken68:
    lea r8, [r8 + 8]
    .next68:
    je .taken69
    jmp .next69
    .taken69:
    lea r8, [r8 + 16]
    .next69:
    jne .taken70
    jmp .next70
    .taken70:
    lea r8, [r8 + 32]
    .next70:
    jbe .taken71
    jmp .next71
    .taken71:
    lea r8, [r8 + 64]
    .next71:
    ja .taken72
    jmp .next72
    .taken72:
    lea r8, [r8 + 128]
    .next72:
    js .taken73
    jmp .next73
    .taken73:
    lea r8, [r8 + 256]
    .next73:
    jns .taken74
    jmp .next74
    .taken74:
    lea r8, [r8 + 512]
    .next74:
    jp .taken75
    jmp .next75
    .taken75:
    lea r8, [r8 + 1024]
    .next75:
    jnp .taken76
    jmp .next76
    .taken76:
    lea r8, [r8 + 2048]
    .next76:
    jl .taken77
    jmp .next77
    .taken77:
    lea r8, [r8 + 4096]
    .next77:
    jge .taken78
    jmp .next78
    .taken78:
    lea r8, [r8 + 8192]
    .next78:
    jle .taken79
    jmp .next79
    .taken79:
    lea r8, [r8 + 16384]
    .next79:
    jg .taken80
    jmp .next80
    .taken80:
    lea r8, [r8 + 32768]
    .next80:
    pushf
    CHECK qword [M + 0], 0x100010001000100, "flags-sf-mem0"
    CHECK qword [M + 8], 0x1000101000001, "flags-sf-mem8"
    CHECK rdx, 0x59aa, "flags-sf-rdx"
    CHECK r8, 0x59aa, "flags-sf-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x80, "flags-sf-flags"
    ; flags-of
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x802
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken81
    jmp .next81
    .taken81:
    lea r8, [r8 + 1]
    .next81:
    jno .taken82
    jmp .next82
    .taken82:
    lea r8, [r8 + 2]
    .next82:
    jb .taken83
    jmp .next83
    .taken83:
    lea r8, [r8 + 4]
    .next83:
    jae .taken84
    jmp .next84
    .taken84:
    lea r8, [r8 + 8]
    .next84:
    je .taken85
    jmp .next85
    .taken85:
    lea r8, [r8 + 16]
    .next85:
    jne .taken86
    jmp .next86
    .taken86:
    lea r8, [r8 + 32]
    .next86:
    jbe .taken87
    jmp .next87
    .taken87:
    lea r8, [r8 + 64]
    .next87:
    ja .taken88
    jmp .next88
    .taken88:
    lea r8, [r8 + 128]
    .next88:
    js .taken89
    jmp .next89
    .taken89:
    lea r8, [r8 + 256]
    .next89:
    jns .taken90
    jmp .next90
    .taken90:
    lea r8, [r8 + 512]
    .next90:
    jp .taken91
    jmp .next91
    .taken91:
    lea r8, [r8 + 1024]
    .next91:
    jnp .taken92
    jmp .next92
    .taken92:
    lea r8, [r8 + 2048]
    .next92:
    jl .taken93
    jmp .next93
    .taken93:
    lea r8, [r8 + 4096]
    .next93:
    jge .taken94
    jmp .next94
    .taken94:
    lea r8, [r8 + 8192]
    .next94:
    jle .taken95
    jmp .next95
    .taken95:
    lea r8, [r8 + 16384]
    .next95:
    jg .taken96
    jmp .next96
    .taken96:
    lea r8, [r8 + 32768]
    .next96:
    pushf
    CHECK qword [M + 0], 0x100010001000001, "flags-of-mem0"
    CHECK qword [M + 8], 0x1000101000100, "flags-of-mem8"
    CHECK rdx, 0x5aa9, "flags-of-rdx"
    CHECK r8, 0x5aa9, "flags-of-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x800, "flags-of-flags"
    ; flags-sf-of
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x882
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken97
    jmp .next97
    .taken97:
    lea r8, [r8 + 1]
    .next97:
    jno .taken98
    jmp .next98
    .taken98:
    lea r8, [r8 + 2]
    .next98:
    jb .taken99
    jmp .next99
    .taken99:
    lea r8, [r8 + 4]
    .next99:
    jae .taken100
    jmp .next100
    .taken100:
    lea r8, [r8 + 8]
    .next100:
    je .taken101
    jmp .next101
    .taken101:
    lea r8, [r8 + 16]
    .next101:
    jne .taken102
    jmp .next102
    .taken102:
    lea r8, [r8 + 32]
    .next102:
    jbe .taken103
    jmp .next103
    .taken103:
    lea r8, [r8 + 64]
    .next103:
    ja .taken104
    jmp .next104
    .taken104:
    lea r8, [r8 + 128]
    .next104:
    js .taken105
    jmp .next105
    .taken105:
    lea r8, [r8 + 256]
    .next105:
    jns .taken106
    jmp .next106
    .taken106:
    lea r8, [r8 + 512]
    .next106:
    jp .taken107
    jmp .next107
    .taken107:
    lea r8, [r8 + 1024]
    .next107:
    jnp .taken108
    jmp .next108
    .taken108:
    lea r8, [r8 + 2048]
    .next108:
    jl .taken109
    jmp .next109
    .taken109:
    lea r8, [r8 + 4096]
    .next109:
    jge .taken110
    jmp .next110
    .taken110:
    lea r8, [r8 + 8192]
    .next110:
    jle .taken111
    jmp .next111
    .taken111:
    lea r8, [r8 + 16384]
    .next111:
    jg .taken112
    jmp .next112
    .taken112:
    lea r8, [r8 + 32768]
    .next112:
    pushf
    CHECK qword [M + 0], 0x100010001000001, "flags-sf-of-mem0"
    CHECK qword [M + 8], 0x100010001000001, "flags-sf-of-mem8"
    CHECK rdx, 0xa9a9, "flags-sf-of-rdx"
    CHECK r8, 0xa9a9, "flags-sf-of-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x880, "flags-sf-of-flags"
    ; flags-cf-zf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x43
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken113
    jmp .next113
    .taken113:
    lea r8, [r8 + 1]
    .next113:
    jno .taken114
    jmp .next114
    .taken114:
    lea r8, [r8 + 2]
    .next114:
    jb .taken115
    jmp .next115
    .taken115:
    lea r8, [r8 + 4]
    .next115:
    jae .taken116
    jmp .next116
    .taken116:
    lea r8, [r8 + 8]
    .next116:
    je .taken117
    jmp .next117
    .taken117:
    lea r8, [r8 + 16]
    .next117:
    jne .taken118
    jmp .next118
    .taken118:
    lea r8, [r8 + 32]
    .next118:
    jbe .taken119
    jmp .next119
    .taken119:
    lea r8, [r8 + 64]
    .next119:
    ja .taken120
    jmp .next120
    .taken120:
    lea r8, [r8 + 128]
    .next120:
    js .taken121
    jmp .next121
    .taken121:
    lea r8, [r8 + 256]
    .next121:
    jns .taken122
    jmp .next122
    .taken122:
    lea r8, [r8 + 512]
    .next122:
    jp .taken123
    jmp .next123
    .taken123:
    lea r8, [r8 + 1024]
    .next123:
    jnp .taken124
    jmp .next124
    .taken124:
    lea r8, [r8 + 2048]
    .next124:
    jl .taken125
    jmp .next125
    .taken125:
    lea r8, [r8 + 4096]
    .next125:
    jge .taken126
    jmp .next126
    .taken126:
    lea r8, [r8 + 8192]
    .next126:
    jle .taken127
    jmp .next127
    .taken127:
    lea r8, [r8 + 16384]
    .next127:
    jg .taken128
    jmp .next128
    .taken128:
    lea r8, [r8 + 32768]
    .next128:
    pushf
    CHECK qword [M + 0], 0x1000100010100, "flags-cf-zf-mem0"
    CHECK qword [M + 8], 0x1010001000100, "flags-cf-zf-mem8"
    CHECK rdx, 0x6a56, "flags-cf-zf-rdx"
    CHECK r8, 0x6a56, "flags-cf-zf-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x41, "flags-cf-zf-flags"
    ; flags-zf-sf
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0xc2
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken129
    jmp .next129
    .taken129:
    lea r8, [r8 + 1]
    .next129:
    jno .taken130
    jmp .next130
    .taken130:
    lea r8, [r8 + 2]
    .next130:
    jb .taken131
    jmp .next131
    .taken131:
    lea r8, [r8 + 4]
    .next131:
    jae .taken132
    jmp .next132
    .taken132:
    lea r8, [r8 + 8]
    .next132:
    je .taken133
    jmp .next133
    .taken133:
    lea r8, [r8 + 16]
    .next133:
    jne .taken134
    jmp .next134
    .taken134:
    lea r8, [r8 + 32]
    .next134:
    jbe .taken135
    jmp .next135
    .taken135:
    lea r8, [r8 + 64]
    .next135:
    ja .taken136
    jmp .next136
    .taken136:
    lea r8, [r8 + 128]
    .next136:
    js .taken137
    jmp .next137
    .taken137:
    lea r8, [r8 + 256]
    .next137:
    jns .taken138
    jmp .next138
    .taken138:
    lea r8, [r8 + 512]
    .next138:
    jp .taken139
    jmp .next139
    .taken139:
    lea r8, [r8 + 1024]
    .next139:
    jnp .taken140
    jmp .next140
    .taken140:
    lea r8, [r8 + 2048]
    .next140:
    jl .taken141
    jmp .next141
    .taken141:
    lea r8, [r8 + 4096]
    .next141:
    jge .taken142
    jmp .next142
    .taken142:
    lea r8, [r8 + 8192]
    .next142:
    jle .taken143
    jmp .next143
    .taken143:
    lea r8, [r8 + 16384]
    .next143:
    jg .taken144
    jmp .next144
    .taken144:
    lea r8, [r8 + 32768]
    .next144:
    pushf
    CHECK qword [M + 0], 0x1000101000100, "flags-zf-sf-mem0"
    CHECK qword [M + 8], 0x1000101000001, "flags-zf-sf-mem8"
    CHECK rdx, 0x595a, "flags-zf-sf-rdx"
    CHECK r8, 0x595a, "flags-zf-sf-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0xc0, "flags-zf-sf-flags"
    ; flags-zf-of
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x842
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken145
    jmp .next145
    .taken145:
    lea r8, [r8 + 1]
    .next145:
    jno .taken146
    jmp .next146
    .taken146:
    lea r8, [r8 + 2]
    .next146:
    jb .taken147
    jmp .next147
    .taken147:
    lea r8, [r8 + 4]
    .next147:
    jae .taken148
    jmp .next148
    .taken148:
    lea r8, [r8 + 8]
    .next148:
    je .taken149
    jmp .next149
    .taken149:
    lea r8, [r8 + 16]
    .next149:
    jne .taken150
    jmp .next150
    .taken150:
    lea r8, [r8 + 32]
    .next150:
    jbe .taken151
    jmp .next151
    .taken151:
    lea r8, [r8 + 64]
    .next151:
    ja .taken152
    jmp .next152
    .taken152:
    lea r8, [r8 + 128]
    .next152:
    js .taken153
    jmp .next153
    .taken153:
    lea r8, [r8 + 256]
    .next153:
    jns .taken154
    jmp .next154
    .taken154:
    lea r8, [r8 + 512]
    .next154:
    jp .taken155
    jmp .next155
    .taken155:
    lea r8, [r8 + 1024]
    .next155:
    jnp .taken156
    jmp .next156
    .taken156:
    lea r8, [r8 + 2048]
    .next156:
    jl .taken157
    jmp .next157
    .taken157:
    lea r8, [r8 + 4096]
    .next157:
    jge .taken158
    jmp .next158
    .taken158:
    lea r8, [r8 + 8192]
    .next158:
    jle .taken159
    jmp .next159
    .taken159:
    lea r8, [r8 + 16384]
    .next159:
    jg .taken160
    jmp .next160
    .taken160:
    lea r8, [r8 + 32768]
    .next160:
    pushf
    CHECK qword [M + 0], 0x1000101000001, "flags-zf-of-mem0"
    CHECK qword [M + 8], 0x1000101000100, "flags-zf-of-mem8"
    CHECK rdx, 0x5a59, "flags-zf-of-rdx"
    CHECK r8, 0x5a59, "flags-zf-of-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x840, "flags-zf-of-flags"
    ; flags-all
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x8d7
    popf
    seto byte [rsi + 0]
    setno byte [rsi + 1]
    setb byte [rsi + 2]
    setae byte [rsi + 3]
    sete byte [rsi + 4]
    setne byte [rsi + 5]
    setbe byte [rsi + 6]
    seta byte [rsi + 7]
    sets byte [rsi + 8]
    setns byte [rsi + 9]
    setp byte [rsi + 10]
    setnp byte [rsi + 11]
    setl byte [rsi + 12]
    setge byte [rsi + 13]
    setle byte [rsi + 14]
    setg byte [rsi + 15]
    mov eax, 0
    mov ecx, 1
    cmovo eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2
    cmovno eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4
    cmovb eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8
    cmovae eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16
    cmove eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32
    cmovne eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 64
    cmovbe eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 128
    cmova eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 256
    cmovs eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 512
    cmovns eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 1024
    cmovp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 2048
    cmovnp eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 4096
    cmovl eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 8192
    cmovge eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 16384
    cmovle eax, ecx
    lea rdx, [rdx + rax]
    mov eax, 0
    mov ecx, 32768
    cmovg eax, ecx
    lea rdx, [rdx + rax]
    jo .taken161
    jmp .next161
    .taken161:
    lea r8, [r8 + 1]
    .next161:
    jno .taken162
    jmp .next162
    .taken162:
    lea r8, [r8 + 2]
    .next162:
    jb .taken163
    jmp .next163
    .taken163:
    lea r8, [r8 + 4]
    .next163:
    jae .taken164
    jmp .next164
    .taken164:
    lea r8, [r8 + 8]
    .next164:
    je .taken165
    jmp .next165
    .taken165:
    lea r8, [r8 + 16]
    .next165:
    jne .taken166
    jmp .next166
    .taken166:
    lea r8, [r8 + 32]
    .next166:
    jbe .taken167
    jmp .next167
    .taken167:
    lea r8, [r8 + 64]
    .next167:
    ja .taken168
    jmp .next168
    .taken168:
    lea r8, [r8 + 128]
    .next168:
    js .taken169
    jmp .next169
    .taken169:
    lea r8, [r8 + 256]
    .next169:
    jns .taken170
    jmp .next170
    .taken170:
    lea r8, [r8 + 512]
    .next170:
    jp .taken171
    jmp .next171
    .taken171:
    lea r8, [r8 + 1024]
    .next171:
    jnp .taken172
    jmp .next172
    .taken172:
    lea r8, [r8 + 2048]
    .next172:
    jl .taken173
    jmp .next173
    .taken173:
    lea r8, [r8 + 4096]
    .next173:
    jge .taken174
    jmp .next174
    .taken174:
    lea r8, [r8 + 8192]
    .next174:
    jle .taken175
    jmp .next175
    .taken175:
    lea r8, [r8 + 16384]
    .next175:
    jg .taken176
    jmp .next176
    .taken176:
    lea r8, [r8 + 32768]
    .next176:
    pushf
    CHECK qword [M + 0], 0x1000100010001, "flags-all-mem0"
    CHECK qword [M + 8], 0x1010000010001, "flags-all-mem8"
    CHECK rdx, 0x6555, "flags-all-rdx"
    CHECK r8, 0x6555, "flags-all-r8"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x8d5, "flags-all-flags"
    ; cmov32-false-zero-extends
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    mov rcx, 0x5
    xor edx, edx
    mov rdi, 0xffffffffffffffff
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmp ecx, ecx
    cmovne edi, ecx
    pushf
    CHECK rdi, 0xffffffff, "cmov32-false-zero-extends-rdi"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmov32-false-zero-extends-flags"
    ; cmov32-true
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    mov rcx, 0x5
    xor edx, edx
    mov rdi, 0xffffffffffffffff
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmp ecx, ecx
    cmove edi, ecx
    pushf
    CHECK rdi, 0x5, "cmov32-true-rdi"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmov32-true-flags"
    ; cmov16-false-keeps
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    mov rcx, 0x5
    xor edx, edx
    mov rdi, 0xffffffffffffffff
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    cmp ecx, ecx
    cmovne di, cx
    pushf
    CHECK rdi, 0xffffffffffffffff, "cmov16-false-keeps-rdi"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x44, "cmov16-false-keeps-flags"
    ; cmov64-mem-true
    call reset_mem
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    mov rdi, 0xffffffffffffffff
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    stc
    cmovc rdi, qword [rsi + 40]
    pushf
    CHECK rdi, 0x162cf2895f653bc, "cmov64-mem-true-rdi"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x1, "cmov64-mem-true-flags"
    ; setcc-high-byte
    call reset_mem
    mov rax, 0xffff
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor edi, edi
    xor r8d, r8d
    xor r9d, r9d
    mov rsi, M
    push 0x2
    popf
    stc
    setnc ah
    pushf
    CHECK rax, 0xff, "setcc-high-byte-rax"
    pop rax
    and eax, 0x8d5
    CHECK rax, 0x1, "setcc-high-byte-flags"
    DONE

%include "mem-pattern.inc"
