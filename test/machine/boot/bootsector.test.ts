// Boot-sector start with the built-in BIOS: INT 10h teletype, INT 13h disk reads (CHS and LBA), INT 15h E820; compared with QEMU + SeaBIOS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveNasm, nasm } from '../../helpers/nasm';
import { haveQemu } from '../../helpers/qemu';
import { Machine } from '../../../src/machine/machine';
import { loadBootSector } from '../../../src/machine/boot/bootsector';

const HAVE = haveNasm();

/** Prints through COM1 (comparable with QEMU) what the BIOS services returned. */
const BOOT = `
bits 16
org 0x7c00
  xor ax, ax
  mov ds, ax
  mov es, ax
  mov ss, ax
  mov sp, 0x7c00
  mov [drive], dl
  ; INT 13h AH=02h: read sector 2 (CHS 0/0/2) to 0000:8000
  mov ax, 0x0201
  mov cx, 0x0002
  xor dh, dh
  mov dl, [drive]
  mov bx, 0x8000
  int 0x13
  jc fail
  mov si, 0x8000
  call puts
  ; INT 13h AH=42h: read sector 3 (LBA 2) through a disk address packet
  mov si, dap
  mov ah, 0x42
  mov dl, [drive]
  int 0x13
  jc fail
  mov si, 0x9000
  call puts
  ; INT 15h E820: the first entry must be usable RAM at 0
  xor ebx, ebx
  mov edx, 0x534d4150
  mov eax, 0xe820
  mov ecx, 20
  mov di, 0xa000
  int 0x15
  jc fail
  cmp eax, 0x534d4150
  jne fail
  cmp dword [0xa000], 0
  jne fail
  cmp dword [0xa000 + 16], 1
  jne fail
  mov si, ok_e820
  call puts
  ; INT 12h: conventional memory in KiB
  int 0x12
  cmp ax, 639
  jb fail
  mov si, ok_done
  call puts
  mov dx, 0xf4
  mov al, 0
  out dx, al
fail:
  mov si, msg_fail
  call puts
  mov dx, 0xf4
  mov al, 1
  out dx, al
puts:
  lodsb
  test al, al
  jz .r
  mov dx, 0x3f8
  out dx, al
  jmp puts
.r: ret
drive: db 0
dap: db 16, 0
     dw 1, 0x9000, 0
     dq 2
ok_e820: db "e820 ok", 10, 0
ok_done: db "done", 10, 0
msg_fail: db "FAIL", 10, 0
  times 510 - ($ - $$) db 0
  dw 0xaa55
  db "sector 2 via CHS", 10, 0
  times 1024 - ($ - $$) db 0
  db "sector 3 via LBA", 10, 0
  times 1536 - ($ - $$) db 0
`;

const EXPECTED = 'sector 2 via CHS\nsector 3 via LBA\ne820 ok\ndone\n';

test('a boot sector reads its disk through INT 13h (CHS and LBA) and gets an E820 map', { skip: !HAVE }, () => {
  const out: number[] = [];
  const m = new Machine({ onOutput: (b) => out.push(b) });
  loadBootSector(m, nasm(BOOT));
  const r = m.run(1_000_000);
  assert.equal(String.fromCharCode(...out), EXPECTED);
  assert.deepEqual(r, { reason: 'exit', exitCode: 1 });
});

test('INT 10h teletype output appears on the VGA text screen and the output stream', { skip: !HAVE }, () => {
  const out: number[] = [];
  const m = new Machine({ onOutput: (b) => out.push(b) });
  loadBootSector(m, nasm(`
bits 16
org 0x7c00
  mov si, msg
.l: lodsb
  test al, al
  jz .d
  mov ah, 0x0e
  int 0x10
  jmp .l
.d: mov dx, 0xf4
  xor al, al
  out dx, al
msg: db "Hi!", 13, 10, 0
  times 510 - ($ - $$) db 0
  dw 0xaa55
`));
  assert.equal(m.run(100_000).reason, 'exit');
  assert.equal(String.fromCharCode(...out), 'Hi!\r\n');
  assert.equal(String.fromCharCode(m.mem.ram[0xb8000], m.mem.ram[0xb8002], m.mem.ram[0xb8004]), 'Hi!');
});

test('the same boot disk prints the same transcript under QEMU and SeaBIOS', { skip: !HAVE || !haveQemu() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-boot-'));
  try {
    writeFileSync(join(dir, 'disk.img'), nasm(BOOT));
    const q = spawnSync('qemu-system-x86_64', ['-drive', `format=raw,file=${join(dir, 'disk.img')}`, '-serial', 'stdio', '-display', 'none', '-no-reboot',
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'], { timeout: 30_000 });
    assert.equal(q.stdout.toString(), EXPECTED);
    assert.equal(q.status, 1);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
