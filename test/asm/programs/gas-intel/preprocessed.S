/* A .S file in GAS Intel syntax: C preprocessor macros, includes and conditionals in front of GNU as. */
#include "inc/kernel.h"
.intel_syntax noprefix

#ifndef STACK_PAGES
#define STACK_PAGES 2
#endif

.text
ENTRY(kernel_entry)
    SAVE(rbp)
    mov rbp, rsp
    mov ax, KERNEL_DS
    mov ds, ax
#if STACK_PAGES > 1 && defined(KERNEL_CS)
    lea rsp, [rip + stack + STACK_PAGES * PAGE_SIZE]
#else
    lea rsp, [rip + stack + PAGE_SIZE]
#endif
    push KERNEL_CS
    lea rax, [rip + 1f]
    push rax
    retfq
1:  pop rbp
    ret
.bss
.p2align 12
stack: .skip STACK_PAGES * PAGE_SIZE
