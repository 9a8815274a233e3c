// Instruction forms of the one-byte opcode map (Intel SDM Vol. 2, Appendix A, Table A-2), x87 excepted.
import { parseForms } from './spec-line';
import type { OpForm } from './types';

/** Condition-code suffixes in opcode order (Jcc 70+cc, SETcc 0F 90+cc, CMOVcc 0F 40+cc), as NASM and iced print them by default. */
export const CONDITION_CODES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'] as const;

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

function arithmetic(): string {
  const names = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
  let s = '';
  names.forEach((m, n) => {
    const b = n * 8;
    const lk = m === 'cmp' ? '' : 'lock';
    s += `${m} ${hex(b)} Eb,Gb ${lk}\n${m} ${hex(b + 1)} Ev,Gv ${lk}\n${m} ${hex(b + 2)} Gb,Eb\n${m} ${hex(b + 3)} Gv,Ev\n`;
    s += `${m} ${hex(b + 4)} AL,Ib\n${m} ${hex(b + 5)} rAX,Iz\n`;
    s += `${m} 80 /${n} Eb,Ib ${lk}\n${m} 81 /${n} Ev,Iz ${lk}\n${m} 82 /${n} Eb,Ib i64 ${lk}\n${m} 83 /${n} Ev,Ibs ${lk}\n`;
  });
  return s;
}

function shifts(): string {
  const names = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];
  let s = '';
  names.forEach((m, n) => {
    s += `${m} C0 /${n} Eb,Ib\n${m} C1 /${n} Ev,Ib\n${m} D0 /${n} Eb,1\n${m} D1 /${n} Ev,1\n${m} D2 /${n} Eb,CL\n${m} D3 /${n} Ev,CL\n`;
  });
  return s;
}

function conditionals(): string {
  return CONDITION_CODES.map((cc, n) => `j${cc} ${hex(0x70 + n)} Jb f64\n`).join('');
}

const ONE_BYTE = `
push 06 ES i64 ovar
pop 07 ES i64 ovar
push 0E CS i64 ovar
push 16 SS i64 ovar
pop 17 SS i64 ovar
push 1E DS i64 ovar
pop 1F DS i64 ovar
daa 27 - i64
das 2F - i64
aaa 37 - i64
aas 3F - i64
inc 40 Zv i64
dec 48 Zv i64
push 50 Zv d64
pop 58 Zv d64
pusha 60 - i64 osz16
pushad 60 - i64 osz32
popa 61 - i64 osz16
popad 61 - i64 osz32
bound 62 Gv,Ma i64 nosize
arpl 63 Ew,Gw i64
movsxd 63 Gv,Ez o64
push 68 Iz d64
imul 69 Gv,Ev,Iz
push 6A Ibs d64
imul 6B Gv,Ev,Ibs
insb 6C Yb,DX rep
insw 6D Yz,DX rep osz16
insd 6D Yz,DX rep osz32
outsb 6E DX,Xb rep
outsw 6F DX,Xz rep osz16
outsd 6F DX,Xz rep osz32
test 84 Eb,Gb
test 85 Ev,Gv
xchg 86 Gb,Eb lock
xchg 87 Gv,Ev lock
mov 88 Eb,Gb
mov 89 Ev,Gv
mov 8A Gb,Eb
mov 8B Gv,Ev
mov 8C Mw,Sw ovar
mov 8C Rv,Sw
lea 8D Gv,M
mov 8E Sw,Mw ovar
mov 8E Sw,Rv
pop 8F /0 Ev d64
nop 90 -
pause F3 90 -
xchg 90 Zv,rAX
cbw 98 - osz16
cwde 98 - osz32
cdqe 98 - osz64
cwd 99 - osz16
cdq 99 - osz32
cqo 99 - osz64
call 9A Ap i64
wait 9B -
pushf 9C - d64 osz16
pushfd 9C - d64 osz32
pushfq 9C - d64 osz64
popf 9D - d64 osz16
popfd 9D - d64 osz32
popfq 9D - d64 osz64
sahf 9E -
lahf 9F -
mov A0 AL,Ob
mov A1 rAX,Ov
mov A2 Ob,AL
mov A3 Ov,rAX
movsb A4 Yb,Xb rep
movsw A5 Yv,Xv rep osz16
movsd A5 Yv,Xv rep osz32
movsq A5 Yv,Xv rep osz64
cmpsb A6 Xb,Yb repe
cmpsw A7 Xv,Yv repe osz16
cmpsd A7 Xv,Yv repe osz32
cmpsq A7 Xv,Yv repe osz64
test A8 AL,Ib
test A9 rAX,Iz
stosb AA Yb,AL rep
stosw AB Yv,rAX rep osz16
stosd AB Yv,rAX rep osz32
stosq AB Yv,rAX rep osz64
lodsb AC AL,Xb rep
lodsw AD rAX,Xv rep osz16
lodsd AD rAX,Xv rep osz32
lodsq AD rAX,Xv rep osz64
scasb AE AL,Yb repe
scasw AF rAX,Yv repe osz16
scasd AF rAX,Yv repe osz32
scasq AF rAX,Yv repe osz64
mov B0 Zb,Ib
mov B8 Zv,Iv
ret C2 Iw f64
ret C3 - f64
les C4 Gv,Mp i64 nosize
lds C5 Gv,Mp i64 nosize
mov C6 /0 Eb,Ib
mov C7 /0 Ev,Iz
enter C8 Iw,Ib d64 ovar
leave C9 - d64 ovar
retf CA Iw ovar
retf CB - ovar
int3 CC -
int CD Ib
into CE - i64
iret CF - osz16
iretd CF - osz32
iretq CF - osz64
aam D4 Ib i64
aad D5 Ib i64
salc D6 - i64
xlatb D7 -
loopne E0 Jb f64
loope E1 Jb f64
loop E2 Jb f64
jcxz E3 Jb f64 asz16
jecxz E3 Jb f64 asz32
jrcxz E3 Jb f64 asz64
in E4 AL,Ib
in E5 eAX,Ib
out E6 Ib,AL
out E7 Ib,eAX
call E8 Jz f64
jmp E9 Jz f64
jmp EA Ap i64
jmp EB Jb f64
in EC AL,DX
in ED eAX,DX
out EE DX,AL
out EF DX,eAX
int1 F1 -
hlt F4 -
cmc F5 -
test F6 /0 Eb,Ib
test F6 /1 Eb,Ib
not F6 /2 Eb lock
neg F6 /3 Eb lock
mul F6 /4 Eb
imul F6 /5 Eb
div F6 /6 Eb
idiv F6 /7 Eb
test F7 /0 Ev,Iz
test F7 /1 Ev,Iz
not F7 /2 Ev lock
neg F7 /3 Ev lock
mul F7 /4 Ev
imul F7 /5 Ev
div F7 /6 Ev
idiv F7 /7 Ev
clc F8 -
stc F9 -
cli FA -
sti FB -
cld FC -
std FD -
inc FE /0 Eb lock
dec FE /1 Eb lock
inc FF /0 Ev lock
dec FF /1 Ev lock
call FF /2 Ev f64
call FF /3 Mp
jmp FF /4 Ev f64
jmp FF /5 Mp
push FF /6 Ev d64
`;

/** Forms of the one-byte map (general purpose and system instructions). */
export const ONE_BYTE_FORMS: OpForm[] = parseForms(arithmetic() + shifts() + conditionals() + ONE_BYTE);
