# Context switch, in the style of xv6's swtch.S
#
#   void swtch(struct context **old, struct context *new);
#
# Save the current registers on the stack, creating
# a struct context, and save its address in *old.
# Switch stacks to new and pop previously-saved registers.
#include "inc/x86.h"

#define ARG(n) (4 * (n))(%esp)

.globl swtch
swtch:
  movl ARG(1), %eax
  movl ARG(2), %edx

  # Save old callee-saved registers
  pushl %ebp
  pushl %ebx
  pushl %esi
  pushl %edi

  # Switch stacks
  movl %esp, (%eax)
  movl %edx, %esp

  # Load new callee-saved registers
  popl %edi
  popl %esi
  popl %ebx
  popl %ebp
  ret

#if SEG_KCODE == 1
.globl kcode_selector
kcode_selector:
  movw $(SEG_KCODE << 3), %ax
  ret
#else
  .error "unexpected selector"
#endif
