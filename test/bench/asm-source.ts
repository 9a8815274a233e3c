// Generates the assembler benchmark's source: a long NASM file of typical kernel instruction lines, labels and data.
const LINES = [
  'mov rax, [rbp - 8]', 'add rax, rbx', 'mov [rdi + rcx * 8 + 16], rax', 'cmp eax, 0x1000', 'jne .l%', 'lea rsi, [rel msg%]',
  'push rbx', 'pop rbx', 'xor ecx, ecx', 'shl rdx, 3', 'call func%', 'mov dword [rsp + 4], 0x12345678', 'test al, 1',
  'sub rsp, 32', 'movzx eax, byte [rsi]', 'inc r8', 'ret', 'mov cr3, rax', 'iretq', 'syscall',
];

/** `n` lines of NASM: mostly instructions, a label every 16 lines, some data. */
export function generateAsmBenchSource(n: number): string {
  const out: string[] = ['bits 64', 'org 0x100000'];
  let k = 0;
  while (out.length < n) {
    const blk = k++;
    out.push(`func${blk}:`);
    for (let j = 0; j < 14 && out.length < n; j++) out.push('  ' + LINES[(blk * 7 + j) % LINES.length].replace('%', String(blk)));
    if (out.length < n) out.push(`.l${blk}: db 1, 2, 3, 4`);
    if (out.length < n) out.push(`msg${blk}: db "x", 0`);
  }
  return out.slice(0, n).join('\n') + '\n';
}
