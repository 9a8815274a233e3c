# GNU as macro language and expressions: defaults, vararg, .irpc, .if family, .set counters, \@, precedence.
        .code32
        .text
.macro save regs:vararg
        .irp r, \regs
        pushl   %\r
        .endr
.endm
.macro restore r1, r2=ebx, r3
        .ifnb \r3
        popl    %\r3
        .endif
        popl    %\r2
        popl    %\r1
.endm
.macro counted name
\name\()_\@:
        nop
.endm
.macro power n
        .if \n > 1
        power "(\n / 2)"
        .endif
        .long \n
.endm

start:
        save eax, ebx, ecx
        restore eax, ebx, ecx
        restore edx
        counted first
        counted second
        .irpc c, 0123
        movb    $\c, %al
        .endr
        power 16
        .set depth, 0
        .rept 3
        .set depth, depth + 1
        addl    $depth, %eax
        .endr
        .ifdef depth
        .long depth
        .else
        .long -1
        .endif
        .ifndef undefined_symbol
        .byte 1
        .endif
        .ifc abc, abc
        .byte 2
        .endif
        .ifnc abc, abd
        .byte 3
        .endif
        .ifeq depth - 3
        .byte 4
        .endif
        .if depth >= 3 && depth < 10
        .byte 5
        .elseif depth == 2
        .byte 6
        .else
        .byte 7
        .endif

values:
        .long   1 + 2 * 3, (1 + 2) * 3, 7 % 3, -7 / 2, 1 << 4 | 1, 6 & 3 << 1
        .long   5 ! 1, 1 == 1, 1 < 2, 2 <> 2, 1 && 0 || 2, !0, ~0, -(-3)
        .long   'a, 'b', 010, 0b101, 0x1F, . - values, values
        .quad   0x123456789abcdef0, -1
        .short  end - start
        .byte   (end - start) & 0xff
1:      jmp     1f
1:      jmp     1b
        loop    1b
        jecxz   1b
end:
