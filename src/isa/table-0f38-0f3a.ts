// Instruction forms of the three-byte opcode maps 0F 38 and 0F 3A (SSSE3, SSE4.1, SSE4.2, MOVBE, CRC32).
import { parseForms } from './spec-line';
import type { OpForm } from './types';

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

function generated(): string {
  let s = '';
  // SSSE3: an MMX form and a 66-prefixed XMM form each.
  const ssse3: [string, number][] = [
    ['pshufb', 0x00], ['phaddw', 0x01], ['phaddd', 0x02], ['phaddsw', 0x03], ['pmaddubsw', 0x04], ['phsubw', 0x05],
    ['phsubd', 0x06], ['phsubsw', 0x07], ['psignb', 0x08], ['psignw', 0x09], ['psignd', 0x0a], ['pmulhrsw', 0x0b],
    ['pabsb', 0x1c], ['pabsw', 0x1d], ['pabsd', 0x1e],
  ];
  for (const [m, op] of ssse3) s += `${m} 0F 38 ${hex(op)} Pq,Qq\n${m} 66 0F 38 ${hex(op)} Vx,Wx\n`;
  // SSE4.1 and SSE4.2 packed integer operations: 66-prefixed XMM forms only.
  const sse41: [string, number, string][] = [
    ['ptest', 0x17, 'Wx'], ['pmovsxbw', 0x20, 'Wq'], ['pmovsxbd', 0x21, 'Wd'], ['pmovsxbq', 0x22, 'Ww'],
    ['pmovsxwd', 0x23, 'Wq'], ['pmovsxwq', 0x24, 'Wd'], ['pmovsxdq', 0x25, 'Wq'], ['pmuldq', 0x28, 'Wx'],
    ['pcmpeqq', 0x29, 'Wx'], ['packusdw', 0x2b, 'Wx'], ['pmovzxbw', 0x30, 'Wq'], ['pmovzxbd', 0x31, 'Wd'],
    ['pmovzxbq', 0x32, 'Ww'], ['pmovzxwd', 0x33, 'Wq'], ['pmovzxwq', 0x34, 'Wd'], ['pmovzxdq', 0x35, 'Wq'],
    ['pcmpgtq', 0x37, 'Wx'], ['pminsb', 0x38, 'Wx'], ['pminsd', 0x39, 'Wx'], ['pminuw', 0x3a, 'Wx'],
    ['pminud', 0x3b, 'Wx'], ['pmaxsb', 0x3c, 'Wx'], ['pmaxsd', 0x3d, 'Wx'], ['pmaxuw', 0x3e, 'Wx'],
    ['pmaxud', 0x3f, 'Wx'], ['pmulld', 0x40, 'Wx'], ['phminposuw', 0x41, 'Wx'],
  ];
  for (const [m, op, src] of sse41) s += `${m} 66 0F 38 ${hex(op)} Vx,${src}\n`;
  const sse41imm: [string, number, string][] = [
    ['roundps', 0x08, 'Wx'], ['roundpd', 0x09, 'Wx'], ['roundss', 0x0a, 'Wd'], ['roundsd', 0x0b, 'Wq'],
    ['blendps', 0x0c, 'Wx'], ['blendpd', 0x0d, 'Wx'], ['pblendw', 0x0e, 'Wx'], ['dpps', 0x40, 'Wx'],
    ['dppd', 0x41, 'Wx'], ['mpsadbw', 0x42, 'Wx'],
  ];
  for (const [m, op, src] of sse41imm) s += `${m} 66 0F 3A ${hex(op)} Vx,${src},Ib\n`;
  return s;
}

const THREE_BYTE = `
pblendvb 66 0F 38 10 Vx,Wx,XMM0 nosize
blendvps 66 0F 38 14 Vx,Wx,XMM0 nosize
blendvpd 66 0F 38 15 Vx,Wx,XMM0 nosize
movntdqa 66 0F 38 2A Vx,Mx
movbe 0F 38 F0 Gv,Mv
movbe 0F 38 F1 Mv,Gv
crc32 F2 0F 38 F0 Gy,Eb
crc32 F2 0F 38 F1 Gy,Ev
palignr 0F 3A 0F Pq,Qq,Ib
palignr 66 0F 3A 0F Vx,Wx,Ib
pextrb 66 0F 3A 14 Ry,Vx,Ib
pextrb 66 0F 3A 14 Mb,Vx,Ib
pextrw 66 0F 3A 15 Ry,Vx,Ib
pextrw 66 0F 3A 15 Mw,Vx,Ib
pextrd 66 0F 3A 16 Ey,Vx,Ib osz32
pextrq 66 0F 3A 16 Ey,Vx,Ib osz64
extractps 66 0F 3A 17 Ry,Vx,Ib
extractps 66 0F 3A 17 Md,Vx,Ib
pinsrb 66 0F 3A 20 Vx,Rd,Ib
pinsrb 66 0F 3A 20 Vx,Mb,Ib
insertps 66 0F 3A 21 Vx,Ud,Ib
insertps 66 0F 3A 21 Vx,Md,Ib
pinsrd 66 0F 3A 22 Vx,Ey,Ib osz32
pinsrq 66 0F 3A 22 Vx,Ey,Ib osz64
pcmpestrm64 66 0F 3A 60 Vx,Wx,Ib osz64
pcmpestrm 66 0F 3A 60 Vx,Wx,Ib
pcmpestri64 66 0F 3A 61 Vx,Wx,Ib osz64
pcmpestri 66 0F 3A 61 Vx,Wx,Ib
pcmpistrm 66 0F 3A 62 Vx,Wx,Ib
pcmpistri 66 0F 3A 63 Vx,Wx,Ib
`;

/** Forms of the 0F 38 and 0F 3A maps. */
export const THREE_BYTE_FORMS: OpForm[] = parseForms(generated() + THREE_BYTE);
