// Encodings where the decoder knowingly departs from iced-x86, each with the Intel SDM reason.

/**
 * Instruction-set extensions the emulated CPU does not implement (CPUID does not report them),
 * so by the SDM their encodings raise #UD and the decoder treats them as invalid. Keyed by
 * iced-x86's CpuidFeature names; an iced-valid instruction is allow-listed when one of its
 * features is here and none of them is one we implement.
 */
export const UNSUPPORTED_FEATURES: Record<string, string> = {
  AVX: 'VEX encodings (C4/C5): #UD without AVX in CPUID.1:ECX[28] (SDM Vol. 2A 2.3.12)',
  AVX2: 'VEX encodings: #UD without AVX2 (SDM Vol. 2A 2.3.12)',
  F16C: 'VEX encodings: #UD without F16C (SDM Vol. 2A 2.3.12)',
  FMA: 'VEX encodings: #UD without FMA (SDM Vol. 2A 2.3.12)',
  BMI1: 'VEX-encoded BMI1: #UD without CPUID.7:EBX[3] (SDM Vol. 2A 2.3.12)',
  BMI2: 'VEX-encoded BMI2: #UD without CPUID.7:EBX[8] (SDM Vol. 2A 2.3.12)',
  AVX_VNNI: 'VEX encodings: not implemented (SDM Vol. 2A 2.3.12)',
  AVX_IFMA: 'VEX encodings: not implemented', AVX_NE_CONVERT: 'VEX encodings: not implemented',
  AVX_VNNI_INT8: 'VEX encodings: not implemented', AVX_VNNI_INT16: 'VEX encodings: not implemented',
  AVX512F: 'EVEX (62) encodings: #UD without AVX-512 (SDM Vol. 2A 2.7)',
  AVX512VL: 'EVEX encodings (SDM Vol. 2A 2.7)', AVX512BW: 'EVEX encodings (SDM Vol. 2A 2.7)',
  AVX512DQ: 'EVEX encodings (SDM Vol. 2A 2.7)', AVX512CD: 'EVEX encodings (SDM Vol. 2A 2.7)',
  AVX512ER: 'EVEX encodings (SDM Vol. 2A 2.7)', AVX512PF: 'EVEX encodings (SDM Vol. 2A 2.7)',
  AVX512_FP16: 'EVEX encodings (SDM Vol. 2A 2.7)', AVX512_BF16: 'EVEX encodings (SDM Vol. 2A 2.7)',
  AVX512_VBMI: 'EVEX encodings', AVX512_VBMI2: 'EVEX encodings', AVX512_IFMA: 'EVEX encodings',
  AVX512_VNNI: 'EVEX encodings', AVX512_BITALG: 'EVEX encodings', AVX512_VPOPCNTDQ: 'EVEX encodings',
  AVX512_4FMAPS: 'EVEX encodings', AVX512_4VNNIW: 'EVEX encodings', AVX512_VP2INTERSECT: 'EVEX encodings',
  VAES: 'VEX/EVEX AES', VPCLMULQDQ: 'VEX/EVEX carry-less multiply', GFNI: 'Galois-field instructions not implemented',
  AMX_TILE: 'AMX (VEX) not implemented', AMX_INT8: 'AMX not implemented', AMX_BF16: 'AMX not implemented',
  AMX_FP16: 'AMX not implemented', AMX_COMPLEX: 'AMX not implemented',
  XOP: 'AMD XOP (8F escape): not an Intel encoding; 8F /1-/7 is #UD on Intel (SDM Vol. 2B POP)',
  FMA4: 'AMD FMA4: not an Intel encoding', TBM: 'AMD TBM: not an Intel encoding', LWP: 'AMD LWP: not an Intel encoding',
  D3NOW: 'AMD 3DNow! (0F 0F, 0F 0E): reserved on Intel, #UD (SDM Vol. 2 Table A-3)',
  D3NOWEXT: 'AMD 3DNow! extensions: #UD on Intel', CYRIX_D3NOW: 'Cyrix 3DNow!: #UD on Intel',
  SSE4A: 'AMD SSE4a (EXTRQ/INSERTQ/MOVNTSS/MOVNTSD): #UD on Intel',
  SVM: 'AMD SVM: #UD on Intel', SKINIT_or_SVM: 'AMD SVM: #UD on Intel', SEV_ES: 'AMD SEV: #UD on Intel',
  SEV_SNP: 'AMD SEV-SNP: #UD on Intel', INVLPGB: 'AMD INVLPGB: #UD on Intel', MONITORX: 'AMD MONITORX: #UD on Intel',
  CLZERO: 'AMD CLZERO: #UD on Intel', RDPRU: 'AMD RDPRU: #UD on Intel', MCOMMIT: 'AMD MCOMMIT: #UD on Intel',
  RMPQUERY: 'AMD SEV-SNP: #UD on Intel',
  VMX: 'VMX is not emulated: VMXON and friends #UD without CPUID.1:ECX[5] (SDM Vol. 3C 23.7)',
  INVEPT: 'VMX is not emulated', INVVPID: 'VMX is not emulated',
  SMX: 'GETSEC: #UD without SMX (CPUID.1:ECX[6]) (SDM Vol. 2D GETSEC)',
  SGX1: 'ENCLS/ENCLU: #UD without SGX (SDM Vol. 3D 36.x)',
  TDX: 'TDX: not emulated', PCONFIG: 'PCONFIG: not emulated', SEAM: 'SEAM: not emulated',
  AES: 'AES-NI: #UD without CPUID.1:ECX[25] (SDM Vol. 2A AESENC)',
  PCLMULQDQ: 'PCLMULQDQ: #UD without CPUID.1:ECX[1] (SDM Vol. 2B PCLMULQDQ)',
  SHA: 'SHA extensions: #UD without CPUID.7:EBX[29] (SDM Vol. 2 SHA1RNDS4)',
  SHA512: 'SHA512: not emulated', SM3: 'SM3: not emulated', SM4: 'SM4: not emulated',
  ADX: 'ADCX/ADOX: #UD without CPUID.7:EBX[19] (SDM Vol. 2A ADCX)',
  RTM: 'TSX (XBEGIN/XEND/XABORT/XTEST): #UD without RTM (SDM Vol. 2D XBEGIN)',
  HLE: 'TSX: not emulated', HLE_or_RTM: 'TSX (XTEST): #UD without HLE or RTM (SDM Vol. 2D XTEST)',
  TSXLDTRK: 'TSX suspend load tracking: not emulated',
  MPX: 'MPX: not emulated (BNDxx are NOPs only with MPX)',
  CET_SS: 'CET shadow stack (RDSSP, INCSSP, SAVEPREVSSP, ...): #UD without CPUID.7:ECX[7] (SDM Vol. 1 17)',
  CET_IBT: 'CET indirect branch tracking: not emulated',
  XSAVEC: 'XSAVEC: #UD without CPUID.(EAX=0DH,ECX=1):EAX[1] (SDM Vol. 2D XSAVEC)',
  XSAVES: 'XSAVES/XRSTORS: #UD without CPUID.(EAX=0DH,ECX=1):EAX[3] (SDM Vol. 2D XSAVES)',
  PKU: 'RDPKRU/WRPKRU: #UD without CPUID.7:ECX[3] (SDM Vol. 2B RDPKRU)',
  INVPCID: 'INVPCID: #UD without CPUID.7:EBX[10] (SDM Vol. 2A INVPCID)',
  WAITPKG: 'UMONITOR/UMWAIT/TPAUSE: #UD without CPUID.7:ECX[5]',
  MOVDIRI: 'MOVDIRI: not emulated', MOVDIR64B: 'MOVDIR64B: not emulated', ENQCMD: 'ENQCMD: not emulated',
  CLDEMOTE: 'CLDEMOTE: not emulated', PTWRITE: 'PTWRITE: #UD without CPUID.(EAX=14H,ECX=0):EBX[4]',
  SERIALIZE: 'SERIALIZE: not emulated', WBNOINVD: 'WBNOINVD: not emulated (F3 0F 09)',
  KL: 'Key Locker: not emulated', AESKLE: 'Key Locker: not emulated', WIDE_KL: 'Key Locker: not emulated',
  UINTR: 'User interrupts: not emulated', HRESET: 'HRESET: not emulated', FRED: 'FRED: not emulated',
  LKGS: 'LKGS: not emulated', RAO_INT: 'RAO-INT: not emulated', PREFETCHITI: 'PREFETCHIT0/1: not emulated',
  CMPCCXADD: 'CMPccXADD (VEX): not emulated', MSRLIST: 'RDMSRLIST/WRMSRLIST: not emulated',
  WRMSRNS: 'WRMSRNS: not emulated', PCOMMIT: 'PCOMMIT: deprecated, #UD', TSE: 'not emulated',
  PREFETCHWT1: 'PREFETCHWT1: #UD without CPUID.7:ECX[0] (Xeon Phi only)',
  OSS: 'ENCLV (0F 01 C0): SGX/VMX enclave leaf, not emulated',
  UDBG: 'undocumented', PADLOCK_ACE: 'VIA PadLock: #UD on Intel', PADLOCK_PHE: 'VIA PadLock: #UD on Intel',
  PADLOCK_PMM: 'VIA PadLock: #UD on Intel', PADLOCK_RNG: 'VIA PadLock: #UD on Intel', PADLOCK_GMI: 'VIA PadLock: #UD on Intel',
  PADLOCK_UNDOC: 'VIA PadLock: #UD on Intel', CENTAUR_AIS: 'Centaur ALTINST: #UD on Intel',
};

/**
 * Text differences that are iced-x86 formatting choices for a valid instruction both decoders
 * agree on (same length and same operation), each explained. `ours` and `iced` are regular
 * expressions tested against the two normalized texts.
 */
export interface TextAllowance { ours: RegExp; iced: RegExp; reason: string }
export const TEXT_ALLOWANCES: TextAllowance[] = [
  {
    ours: /^wbinvd$/, iced: /^wbnoinvd$/,
    reason: 'F3 0F 09 (WBNOINVD) executes as WBINVD on processors without WBNOINVD (SDM Vol. 2B WBNOINVD); we do not emulate WBNOINVD',
  },
  {
    ours: /^nop /, iced: /^rdssp[dq] /,
    reason: 'RDSSPD/RDSSPQ (F3 0F 1E /1, mod = 3) execute as NOP without CET shadow stacks (SDM Vol. 2B RDSSPD/RDSSPQ)',
  },
  {
    ours: /^ret[wdq]?\b/, iced: /^rep ret[wdq]?\b/,
    reason: 'F3 before RET (the "rep ret" idiom) is ignored: REP applies to string instructions only (SDM Vol. 2A 2.1.1); iced keeps it in the text, we drop it',
  },
  {
    ours: /^nop /, iced: /^prefetchit[01] /,
    reason: 'PREFETCHIT0/1 (0F 18 /7, /6 with memory) are reserved NOPs without CPUID.(EAX=7,ECX=1):EDX[14] (SDM Vol. 2B PREFETCHh, NOP); we decode the hint NOP',
  },
  {
    ours: /^nop /, iced: /^cldemote /,
    reason: 'CLDEMOTE (0F 1C /0) is a hint that executes as NOP without CPUID.7:ECX[25] (SDM Vol. 2A CLDEMOTE); we decode the hint NOP',
  },
];

/** Encodings iced-x86 decodes and we decode differently or reject, for a reason the SDM gives. Matched on iced's text. */
export interface ValidityAllowance { iced: RegExp; reason: string }
export const VALIDITY_ALLOWANCES: ValidityAllowance[] = [
];
