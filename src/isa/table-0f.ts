// Instruction forms of the two-byte opcode map 0F (Intel SDM Vol. 2, Appendix A, Table A-3).
import { CONDITION_CODES } from './table-onebyte';
import { parseForms } from './spec-line';
import type { OpForm } from './types';

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** An MMX form (mm, mm/m64) and its SSE2 twin with a 66 prefix (xmm, xmm/m128). */
function mmxSse(m: string, op: number, mmxSrc = 'Qq'): string {
  return `${m} 0F ${hex(op)} Pq,${mmxSrc}\n${m} 66 0F ${hex(op)} Vx,Wx\n`;
}

/** The four packed/scalar single/double variants of an SSE arithmetic opcode. */
function psd(base: string, op: number, scalar = true): string {
  let s = `${base}ps 0F ${hex(op)} Vx,Wx\n${base}pd 66 0F ${hex(op)} Vx,Wx\n`;
  if (scalar) s += `${base}ss F3 0F ${hex(op)} Vx,Wd\n${base}sd F2 0F ${hex(op)} Vx,Wq\n`;
  return s;
}

function generated(): string {
  let s = '';
  CONDITION_CODES.forEach((cc, n) => {
    s += `cmov${cc} 0F ${hex(0x40 + n)} Gv,Ev\n`;
    s += `j${cc} 0F ${hex(0x80 + n)} Jz f64\n`;
    s += `set${cc} 0F ${hex(0x90 + n)} Eb\n`;
  });
  const mmx: [string, number, string?][] = [
    ['punpcklbw', 0x60, 'Qd'], ['punpcklwd', 0x61, 'Qd'], ['punpckldq', 0x62, 'Qd'], ['packsswb', 0x63],
    ['pcmpgtb', 0x64], ['pcmpgtw', 0x65], ['pcmpgtd', 0x66], ['packuswb', 0x67],
    ['punpckhbw', 0x68], ['punpckhwd', 0x69], ['punpckhdq', 0x6a], ['packssdw', 0x6b],
    ['pcmpeqb', 0x74], ['pcmpeqw', 0x75], ['pcmpeqd', 0x76],
    ['psrlw', 0xd1], ['psrld', 0xd2], ['psrlq', 0xd3], ['paddq', 0xd4], ['pmullw', 0xd5],
    ['psubusb', 0xd8], ['psubusw', 0xd9], ['pminub', 0xda], ['pand', 0xdb], ['paddusb', 0xdc], ['paddusw', 0xdd],
    ['pmaxub', 0xde], ['pandn', 0xdf], ['pavgb', 0xe0], ['psraw', 0xe1], ['psrad', 0xe2], ['pavgw', 0xe3],
    ['pmulhuw', 0xe4], ['pmulhw', 0xe5], ['psubsb', 0xe8], ['psubsw', 0xe9], ['pminsw', 0xea], ['por', 0xeb],
    ['paddsb', 0xec], ['paddsw', 0xed], ['pmaxsw', 0xee], ['pxor', 0xef], ['psllw', 0xf1], ['pslld', 0xf2],
    ['psllq', 0xf3], ['pmuludq', 0xf4], ['pmaddwd', 0xf5], ['psadbw', 0xf6], ['psubb', 0xf8], ['psubw', 0xf9],
    ['psubd', 0xfa], ['psubq', 0xfb], ['paddb', 0xfc], ['paddw', 0xfd], ['paddd', 0xfe],
  ];
  for (const [m, op, src] of mmx) s += mmxSse(m, op, src);
  s += psd('sqrt', 0x51) + psd('and', 0x54, false) + psd('andn', 0x55, false) + psd('or', 0x56, false) + psd('xor', 0x57, false);
  s += psd('add', 0x58) + psd('mul', 0x59) + psd('sub', 0x5c) + psd('min', 0x5d) + psd('div', 0x5e) + psd('max', 0x5f);
  s += psd('unpckl', 0x14, false) + psd('unpckh', 0x15, false);
  // Immediate-count shifts: groups 12, 13, 14.
  const shiftGroups: [number, number, string][] = [
    [0x71, 2, 'psrlw'], [0x71, 4, 'psraw'], [0x71, 6, 'psllw'],
    [0x72, 2, 'psrld'], [0x72, 4, 'psrad'], [0x72, 6, 'pslld'],
    [0x73, 2, 'psrlq'], [0x73, 6, 'psllq'],
  ];
  for (const [op, r, m] of shiftGroups) s += `${m} 0F ${hex(op)} /${r} Nq,Ib\n${m} 66 0F ${hex(op)} /${r} Ux,Ib\n`;
  s += `psrldq 66 0F 73 /3 Ux,Ib\npslldq 66 0F 73 /7 Ux,Ib\n`;
  return s;
}

const TWO_BYTE = `
sldt 0F 00 /0 Mw ovar
sldt 0F 00 /0 Rv
str 0F 00 /1 Mw ovar
str 0F 00 /1 Rv
lldt 0F 00 /2 Ew ovar
ltr 0F 00 /3 Ew ovar
verr 0F 00 /4 Ew ovar
verw 0F 00 /5 Ew ovar
sgdt 0F 01 /0 Ms nosize ovar f64
sidt 0F 01 /1 Ms nosize ovar f64
lgdt 0F 01 /2 Ms nosize ovar f64
lidt 0F 01 /3 Ms nosize ovar f64
smsw 0F 01 /4 Mw ovar
smsw 0F 01 /4 Rv
lmsw 0F 01 /6 Ew ovar
invlpg 0F 01 /7 M nosize
monitor 0F 01 C8 - np
mwait 0F 01 C9 - np
clac 0F 01 CA - np
stac 0F 01 CB - np
xgetbv 0F 01 D0 - np
xsetbv 0F 01 D1 - np
swapgs 0F 01 F8 - o64
rdtscp 0F 01 F9 -
lar 0F 02 Gv,Mw
lar 0F 02 Gv,Rv
lsl 0F 03 Gv,Mw
lsl 0F 03 Gv,Rv
syscall 0F 05 -
clts 0F 06 -
sysret 0F 07 - ovar
invd 0F 08 -
wbinvd 0F 09 -
ud2 0F 0B -
prefetch 0F 0D /0 M nosize
prefetchw 0F 0D /1 M nosize
prefetchw 0F 0D /3 M nosize
prefetch 0F 0D /4 M nosize
prefetch 0F 0D /5 M nosize
prefetch 0F 0D /6 M nosize
prefetch 0F 0D /7 M nosize
nop 0F 0D Ev,Gv reg
movups 0F 10 Vx,Wx
movupd 66 0F 10 Vx,Wx
movss F3 0F 10 Vx,Wd
movsd F2 0F 10 Vx,Wq
movups 0F 11 Wx,Vx
movupd 66 0F 11 Wx,Vx
movss F3 0F 11 Wd,Vx
movsd F2 0F 11 Wq,Vx
movlps 0F 12 Vx,Mq
movhlps 0F 12 Vx,Ux
movlpd 66 0F 12 Vx,Mq
movsldup F3 0F 12 Vx,Wx
movddup F2 0F 12 Vx,Wq
movlps 0F 13 Mq,Vx
movlpd 66 0F 13 Mq,Vx
movhps 0F 16 Vx,Mq
movlhps 0F 16 Vx,Ux
movhpd 66 0F 16 Vx,Mq
movshdup F3 0F 16 Vx,Wx
movhps 0F 17 Mq,Vx
movhpd 66 0F 17 Mq,Vx
prefetchnta 0F 18 /0 Mb
prefetcht0 0F 18 /1 Mb
prefetcht1 0F 18 /2 Mb
prefetcht2 0F 18 /3 Mb
nop 0F 18 Ev,Gv
nop 0F 19 Ev,Gv
nop 0F 1A Ev,Gv
nop 0F 1B Ev,Gv
nop 0F 1C Ev,Gv
nop 0F 1D Ev,Gv
endbr64 F3 0F 1E FA -
endbr32 F3 0F 1E FB -
nop 0F 1E Ev,Gv
nop F3 0F 1E Ev,Gv
nop 0F 1F /0 Ev
nop 0F 1F Ev,Gv
mov 0F 20 Ry,Cy f64 anymod
mov 0F 21 Ry,Dy f64 anymod
mov 0F 22 Cy,Ry f64 anymod
mov 0F 23 Dy,Ry f64 anymod
movaps 0F 28 Vx,Wx
movapd 66 0F 28 Vx,Wx
movaps 0F 29 Wx,Vx
movapd 66 0F 29 Wx,Vx
cvtpi2ps 0F 2A Vx,Qq
cvtpi2pd 66 0F 2A Vx,Qq
cvtsi2ss F3 0F 2A Vx,Ey
cvtsi2sd F2 0F 2A Vx,Ey
movntps 0F 2B Mx,Vx
movntpd 66 0F 2B Mx,Vx
cvttps2pi 0F 2C Pq,Wq
cvttpd2pi 66 0F 2C Pq,Wx
cvttss2si F3 0F 2C Gy,Wd
cvttsd2si F2 0F 2C Gy,Wq
cvtps2pi 0F 2D Pq,Wq
cvtpd2pi 66 0F 2D Pq,Wx
cvtss2si F3 0F 2D Gy,Wd
cvtsd2si F2 0F 2D Gy,Wq
ucomiss 0F 2E Vx,Wd
ucomisd 66 0F 2E Vx,Wq
comiss 0F 2F Vx,Wd
comisd 66 0F 2F Vx,Wq
wrmsr 0F 30 -
rdtsc 0F 31 -
rdmsr 0F 32 -
rdpmc 0F 33 -
sysenter 0F 34 -
sysexit 0F 35 - ovar
movmskps 0F 50 Gy,Ux
movmskpd 66 0F 50 Gy,Ux
rsqrtps 0F 52 Vx,Wx
rsqrtss F3 0F 52 Vx,Wd
rcpps 0F 53 Vx,Wx
rcpss F3 0F 53 Vx,Wd
cvtps2pd 0F 5A Vx,Wq
cvtpd2ps 66 0F 5A Vx,Wx
cvtss2sd F3 0F 5A Vx,Wd
cvtsd2ss F2 0F 5A Vx,Wq
cvtdq2ps 0F 5B Vx,Wx
cvtps2dq 66 0F 5B Vx,Wx
cvttps2dq F3 0F 5B Vx,Wx
punpcklqdq 66 0F 6C Vx,Wx
punpckhqdq 66 0F 6D Vx,Wx
movd 0F 6E Pq,Ey osz32
movq 0F 6E Pq,Ey osz64
movd 66 0F 6E Vx,Ey osz32
movq 66 0F 6E Vx,Ey osz64
movq 0F 6F Pq,Qq
movdqa 66 0F 6F Vx,Wx
movdqu F3 0F 6F Vx,Wx
pshufw 0F 70 Pq,Qq,Ib
pshufd 66 0F 70 Vx,Wx,Ib
pshufhw F3 0F 70 Vx,Wx,Ib
pshuflw F2 0F 70 Vx,Wx,Ib
emms 0F 77 - np
haddpd 66 0F 7C Vx,Wx
haddps F2 0F 7C Vx,Wx
hsubpd 66 0F 7D Vx,Wx
hsubps F2 0F 7D Vx,Wx
movd 0F 7E Ey,Pq osz32
movq 0F 7E Ey,Pq osz64
movd 66 0F 7E Ey,Vx osz32
movq 66 0F 7E Ey,Vx osz64
movq F3 0F 7E Vx,Wq
movq 0F 7F Qq,Pq
movdqa 66 0F 7F Wx,Vx
movdqu F3 0F 7F Wx,Vx
push 0F A0 FS d64 ovar
pop 0F A1 FS d64 ovar
cpuid 0F A2 -
bt 0F A3 Ev,Gv
shld 0F A4 Ev,Gv,Ib
shld 0F A5 Ev,Gv,CL
push 0F A8 GS d64 ovar
pop 0F A9 GS d64 ovar
rsm 0F AA -
bts 0F AB Ev,Gv lock
shrd 0F AC Ev,Gv,Ib
shrd 0F AD Ev,Gv,CL
fxsave64 0F AE /0 M mem nosize osz64 np
fxsave 0F AE /0 M mem nosize np
fxrstor64 0F AE /1 M mem nosize osz64 np
fxrstor 0F AE /1 M mem nosize np
ldmxcsr 0F AE /2 Md np
stmxcsr 0F AE /3 Md np
xsave64 0F AE /4 M mem nosize osz64 np
xsave 0F AE /4 M mem nosize np
xrstor64 0F AE /5 M mem nosize osz64 np
xrstor 0F AE /5 M mem nosize np
xsaveopt64 0F AE /6 M mem nosize osz64 np
xsaveopt 0F AE /6 M mem nosize np
clflush 0F AE /7 M nosize np
clwb 66 0F AE /6 M nosize
clflushopt 66 0F AE /7 M nosize
lfence 0F AE /5 - reg np
mfence 0F AE /6 - reg np
sfence 0F AE /7 - reg np
rdfsbase F3 0F AE /0 Ry reg o64
rdgsbase F3 0F AE /1 Ry reg o64
wrfsbase F3 0F AE /2 Ry reg o64
wrgsbase F3 0F AE /3 Ry reg o64
imul 0F AF Gv,Ev
cmpxchg 0F B0 Eb,Gb lock
cmpxchg 0F B1 Ev,Gv lock
lss 0F B2 Gv,Mp nosize
btr 0F B3 Ev,Gv lock
lfs 0F B4 Gv,Mp nosize
lgs 0F B5 Gv,Mp nosize
movzx 0F B6 Gv,Eb
movzx 0F B7 Gv,Ew
popcnt F3 0F B8 Gv,Ev
ud1 0F B9 Gv,Ev
bt 0F BA /4 Ev,Ib
bts 0F BA /5 Ev,Ib lock
btr 0F BA /6 Ev,Ib lock
btc 0F BA /7 Ev,Ib lock
btc 0F BB Ev,Gv lock
bsf 0F BC Gv,Ev
tzcnt F3 0F BC Gv,Ev
bsr 0F BD Gv,Ev
lzcnt F3 0F BD Gv,Ev
movsx 0F BE Gv,Eb
movsx 0F BF Gv,Ew
xadd 0F C0 Eb,Gb lock
xadd 0F C1 Ev,Gv lock
cmpps 0F C2 Vx,Wx,Ib
cmppd 66 0F C2 Vx,Wx,Ib
cmpss F3 0F C2 Vx,Wd,Ib
cmpsd F2 0F C2 Vx,Wq,Ib
movnti 0F C3 My,Gy np
pinsrw 0F C4 Pq,Rd,Ib
pinsrw 0F C4 Pq,Mw,Ib
pinsrw 66 0F C4 Vx,Ry,Ib
pinsrw 66 0F C4 Vx,Mw,Ib
pextrw 0F C5 Gd,Nq,Ib
pextrw 66 0F C5 Gy,Ux,Ib
shufps 0F C6 Vx,Wx,Ib
shufpd 66 0F C6 Vx,Wx,Ib
cmpxchg16b 0F C7 /1 Mdq lock nosize osz64
cmpxchg8b 0F C7 /1 Mq lock nosize
rdrand 0F C7 /6 Rv nfx
rdseed 0F C7 /7 Rv nfx
rdpid F3 0F C7 /7 Ry reg f64
bswap 0F C8 Zv
addsubpd 66 0F D0 Vx,Wx
addsubps F2 0F D0 Vx,Wx
movq 66 0F D6 Wq,Vx
movq2dq F3 0F D6 Vx,Nq
movdq2q F2 0F D6 Pq,Ux
pmovmskb 0F D7 Gd,Nq
pmovmskb 66 0F D7 Gd,Ux
cvttpd2dq 66 0F E6 Vx,Wx
cvtdq2pd F3 0F E6 Vx,Wq
cvtpd2dq F2 0F E6 Vx,Wx
movntq 0F E7 Mq,Pq
movntdq 66 0F E7 Mx,Vx
lddqu F2 0F F0 Vx,Mx
maskmovq 0F F7 Pq,Nq
maskmovdqu 66 0F F7 Vx,Ux
ud0 0F FF Gv,Ev
`;

/** Forms of the 0F map. */
export const TWO_BYTE_FORMS: OpForm[] = parseForms(generated() + TWO_BYTE);
