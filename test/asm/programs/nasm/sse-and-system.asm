; System and SSE instructions a kernel uses: control registers, MSRs, descriptor tables, FPU/SSE setup.
        bits 64
        default rel

enable_sse:
        mov rax, cr0
        and ax, 0xfffb              ; clear EM
        or ax, 2                    ; set MP
        mov cr0, rax
        mov rax, cr4
        or ax, 3 << 9               ; OSFXSR | OSXMMEXCPT
        mov cr4, rax
        fninit
        ldmxcsr [mxcsr_value]
        ret

syscall_setup:
        mov ecx, 0xc0000081         ; STAR
        xor eax, eax
        mov edx, 0x00130008
        wrmsr
        mov ecx, 0xc0000082         ; LSTAR
        lea rax, [syscall_entry]
        mov rdx, rax
        shr rdx, 32
        wrmsr
        ret

syscall_entry:
        swapgs
        mov [gs:0x10], rsp
        mov rsp, [gs:0x08]
        push rcx
        push r11
        pxor xmm0, xmm0
        movdqa [rsp - 32], xmm0
        addps xmm1, xmm2
        cvtsi2sd xmm3, rax
        movq xmm4, rax
        pop r11
        pop rcx
        mov rsp, [gs:0x10]
        swapgs
        o64 sysret

load_tables:
        lgdt [gdtr]
        lidt [idtr]
        mov ax, 0x28
        ltr ax
        invlpg [rdi]
        mov rax, cr3
        mov cr3, rax
        iretq

        align 16
mxcsr_value: dd 0x1f80
gdtr:   dw 0
        dq 0
idtr:   dw 0
        dq 0
