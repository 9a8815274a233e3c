// Tests for the local APIC: timer (periodic, one-shot, TSC-deadline) in exact virtual ns, priorities, EOI, IPIs, ESR, MSR.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalApic } from '../../../src/machine/devices/apic';
import { FakeClock } from './fake-clock';

function setup() {
  const clock = new FakeClock();
  const apic = new LocalApic(clock);
  const rd = (off: number) => apic.read(off, 4) >>> 0;
  const wr = (off: number, v: number) => apic.write(off, 4, v);
  const runTo = (t: number) => {
    while (apic.nextDeadline() <= t) { clock.t = apic.nextDeadline(); apic.advance(clock.t); }
    clock.t = t;
  };
  return { clock, apic, rd, wr, runTo };
}

/** Acknowledge and return the vector (as the CPU's INTA). */
const take = (apic: LocalApic) => apic.acknowledge();

test('power-on registers: version 0x50014, DFR all ones, SVR 0xFF, LVTs masked, base MSR 0xFEE00900', () => {
  const { rd, apic } = setup();
  assert.equal(rd(0x30), 0x00050014);
  assert.equal(rd(0xe0), 0xffffffff);
  assert.equal(rd(0xf0), 0xff);
  for (const off of [0x320, 0x330, 0x340, 0x350, 0x360, 0x370]) assert.equal(rd(off), 0x10000);
  assert.equal(apic.getBaseMsrLow(), 0xfee00900);
});

test('periodic timer, divide by 16, initial count 100000: fires every (100000 + 1) * 16 ns; current count decreases', () => {
  const { clock, apic, rd, wr, runTo } = setup();
  wr(0xf0, 0x1ff);
  wr(0x3e0, 0x3); // divide by 16
  clock.t = 1000;
  wr(0x320, 0x20000 | 0x40); // periodic, vector 0x40
  wr(0x380, 100000);
  assert.equal(apic.nextDeadline(), 1000 + 100001 * 16);
  clock.t = 1000 + 16 * 10 + 15;
  assert.equal(rd(0x390), 100000 - 10);
  const fired: number[] = [];
  for (let i = 0; i < 3; i++) {
    runTo(apic.nextDeadline());
    fired.push(clock.t);
    assert.equal(take(apic), 0x40);
    wr(0xb0, 0);
  }
  assert.deepEqual(fired, [1000 + 1600016, 1000 + 2 * 1600016, 1000 + 3 * 1600016]);
  clock.t = 1000 + 1600016 + 16;
  assert.equal(rd(0x390), 99999, 'reloaded after the first period');
});

test('one-shot timer fires once and the current count stays 0', () => {
  const { clock, apic, rd, wr, runTo } = setup();
  wr(0xf0, 0x1ff);
  wr(0x3e0, 0xb); // divide by 1
  wr(0x320, 0x31);
  wr(0x380, 500);
  assert.equal(apic.nextDeadline(), 501);
  runTo(501);
  assert.equal(apic.deliverableVector(), 0x31);
  assert.equal(apic.nextDeadline(), Infinity);
  clock.t = 10_000;
  assert.equal(rd(0x390), 0);
});

test('masked timer LVT schedules nothing; software-disabled APIC keeps LVTs masked', () => {
  const { apic, rd, wr } = setup();
  wr(0x320, 0x20030); // SVR not enabled: the mask cannot be cleared
  assert.equal(rd(0x320), 0x30030);
  wr(0x380, 100);
  assert.equal(apic.nextDeadline(), Infinity);
  wr(0xf0, 0x1ff);
  wr(0x320, 0x20030);
  assert.equal(rd(0x320), 0x20030);
  wr(0xf0, 0x0ff); // software-disable masks every LVT again
  assert.equal(rd(0x320), 0x30030);
});

test('TPR blocks vector classes at or below it; PPR follows ISR; EOI clears the highest ISR bit first', () => {
  const { apic, rd, wr } = setup();
  wr(0xf0, 0x1ff);
  wr(0x80, 0x50);
  apic.acceptInterrupt(0x55, false);
  assert.equal(apic.deliverableVector(), -1, 'class 5 is not above TPR class 5');
  apic.acceptInterrupt(0x61, false);
  assert.equal(take(apic), 0x61);
  assert.equal(rd(0xa0), 0x60, 'PPR = ISR class');
  wr(0x80, 0x00);
  apic.acceptInterrupt(0x72, false);
  assert.equal(take(apic), 0x72, 'a higher class nests');
  assert.equal(apic.deliverableVector(), -1, '0x55 waits below the classes in service');
  assert.equal(rd(0x100 + 0x30) >>> 0, (1 << (0x72 - 0x60)) | (1 << (0x61 - 0x60)));
  wr(0xb0, 0);
  assert.equal(rd(0x130), 1 << 1, 'EOI ended 0x72');
  wr(0xb0, 0);
  assert.equal(take(apic), 0x55);
});

test('spurious vector: an INTA with nothing deliverable returns SVR[7:0] and sets no ISR bit', () => {
  const { apic, rd, wr } = setup();
  wr(0xf0, 0x1ef);
  assert.equal(take(apic), 0xef);
  for (let i = 0; i < 8; i++) assert.equal(rd(0x100 + i * 0x10), 0);
});

test('self-IPI through ICR (shorthand self, and physical destination = own ID)', () => {
  const { apic, rd, wr } = setup();
  wr(0xf0, 0x1ff);
  wr(0x300, 0x40000 | 0x90);
  assert.equal(take(apic), 0x90);
  wr(0x20, 0x03000000);
  wr(0x310, 0x03000000);
  wr(0x300, 0x91);
  assert.equal(apic.deliverableVector(), -1, '0x91 is below 0x90 in service');
  assert.equal(rd(0x200 + 0x40) >>> 0, 1 << (0x91 - 0x80));
  wr(0x310, 0x05000000);
  wr(0x300, 0x92); // to APIC 5: nobody
  assert.equal(rd(0x200 + 0x40) >>> 0, 1 << (0x91 - 0x80));
  assert.equal(rd(0x300) & 0x1000, 0, 'delivery status idle');
});

test('illegal vectors are refused with ESR bits, latched by an ESR write, and raise the error LVT', () => {
  const { apic, rd, wr } = setup();
  wr(0xf0, 0x1ff);
  wr(0x370, 0xfe);
  wr(0x300, 0x40000 | 0x05);
  assert.equal(rd(0x280), 0, 'ESR shows errors only after a write');
  wr(0x280, 0);
  assert.equal(rd(0x280), 0x20);
  assert.equal(take(apic), 0xfe);
  wr(0x280, 0);
  assert.equal(rd(0x280), 0);
});

test('TSC-deadline mode fires when the virtual TSC reaches the MSR value, then the MSR reads 0', () => {
  const { apic, wr, runTo } = setup();
  wr(0xf0, 0x1ff);
  wr(0x320, 0x40000 | 0x33);
  apic.setTscDeadline(123456, 0);
  assert.equal(apic.nextDeadline(), 123456);
  runTo(123456);
  assert.equal(apic.deliverableVector(), 0x33);
  assert.equal(apic.getTscDeadline(), 0);
});

test('CR8 is TPR[7:4]', () => {
  const { apic, rd } = setup();
  apic.setCr8(0xa);
  assert.equal(rd(0x80), 0xa0);
  assert.equal(apic.getCr8(), 0xa);
});

test('IA32_APIC_BASE: relocation reported, BSP read-only, disable then enable returns to power-on state', () => {
  const { apic, rd, wr } = setup();
  const moves: number[] = [];
  apic.onBaseChange = (b) => moves.push(b);
  wr(0xf0, 0x1ff);
  apic.setBaseMsr(0xfed00800, 0);
  assert.deepEqual(moves, [0xfed00000]);
  assert.equal(apic.getBaseMsrLow(), 0xfed00900);
  apic.setBaseMsr(0xfed00100, 0);
  assert.equal(apic.globallyEnabled, false);
  assert.equal(apic.softwareEnabled, false);
  apic.setBaseMsr(0xfee00800, 0);
  assert.equal(rd(0xf0), 0xff);
});
