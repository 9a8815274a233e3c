// Tests for the 8259A pair: initialisation, vectors, masking, priorities, EOI, cascade, spurious IRQs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DualPic } from '../../../src/machine/devices/pic';

/** The classic protected-mode remap: vectors 0x20-0x2F, then `masks`. */
function remapped(masterMask = 0x00, slaveMask = 0x00): DualPic {
  const pic = new DualPic();
  const out = (p: number, v: number) => (p & 0x80 ? pic.slavePorts : pic.masterPorts).write(p, 1, v);
  out(0x20, 0x11); out(0xa0, 0x11);
  out(0x21, 0x20); out(0xa1, 0x28);
  out(0x21, 0x04); out(0xa1, 0x02);
  out(0x21, 0x01); out(0xa1, 0x01);
  out(0x21, masterMask); out(0xa1, slaveMask);
  return pic;
}
const w = (pic: DualPic, p: number, v: number) => (p & 0x80 ? pic.slavePorts : pic.masterPorts).write(p, 1, v);
const r = (pic: DualPic, p: number) => (p & 0x80 ? pic.slavePorts : pic.masterPorts).read(p, 1);
function isr(pic: DualPic, cmdPort: number): number { w(pic, cmdPort, 0x0b); return r(pic, cmdPort); }
function irr(pic: DualPic, cmdPort: number): number { w(pic, cmdPort, 0x0a); return r(pic, cmdPort); }

test('remap to 0x20/0x28: IRQ0 gives vector 0x20, sets ISR0, EOI clears it', () => {
  const pic = remapped(0xfe, 0xff);
  assert.equal(r(pic, 0x21), 0xfe);
  assert.equal(pic.output, false);
  pic.raiseIrq(0);
  assert.equal(pic.output, true);
  assert.equal(irr(pic, 0x20), 0x01);
  assert.equal(pic.acknowledge(), 0x20);
  assert.equal(pic.output, false);
  assert.equal(isr(pic, 0x20), 0x01);
  assert.equal(irr(pic, 0x20), 0x00);
  w(pic, 0x20, 0x20); // non-specific EOI
  assert.equal(isr(pic, 0x20), 0x00);
});

test('slave IRQ12 arrives through IR2 as vector 0x2C and needs EOI on both controllers', () => {
  const pic = remapped(0x00, 0x00);
  pic.raiseIrq(12);
  assert.equal(pic.output, true);
  assert.equal(pic.acknowledge(), 0x2c);
  assert.equal(isr(pic, 0xa0), 0x10);
  assert.equal(isr(pic, 0x20), 0x04);
  // While IR2 is in service, another slave request cannot interrupt (fully nested mode).
  pic.lowerIrq(12);
  pic.raiseIrq(9);
  assert.equal(pic.output, false);
  w(pic, 0xa0, 0x20);
  w(pic, 0x20, 0x20);
  assert.equal(pic.output, true);
  assert.equal(pic.acknowledge(), 0x29);
});

test('a higher-priority request nests over one in service, a lower one waits for the EOI', () => {
  const pic = remapped();
  pic.raiseIrq(3);
  assert.equal(pic.acknowledge(), 0x23);
  pic.raiseIrq(5);
  assert.equal(pic.output, false, 'IRQ5 is below IRQ3 in service');
  pic.raiseIrq(1);
  assert.equal(pic.output, true, 'IRQ1 is above IRQ3 in service');
  assert.equal(pic.acknowledge(), 0x21);
  assert.equal(isr(pic, 0x20), 0x0a);
  w(pic, 0x20, 0x20); // EOI ends IRQ1, the highest in service
  assert.equal(isr(pic, 0x20), 0x08);
  assert.equal(pic.output, false);
  w(pic, 0x20, 0x20); // EOI ends IRQ3
  assert.equal(pic.output, true);
  assert.equal(pic.acknowledge(), 0x25);
});

test('masked requests stay in IRR and fire when unmasked', () => {
  const pic = remapped(0x02, 0x00);
  pic.raiseIrq(1);
  assert.equal(pic.output, false);
  assert.equal(irr(pic, 0x20), 0x02);
  w(pic, 0x21, 0x00);
  assert.equal(pic.output, true);
  assert.equal(pic.acknowledge(), 0x21);
});

test('edge-triggered inputs latch only rising edges', () => {
  const pic = remapped();
  pic.raiseIrq(4);
  assert.equal(pic.acknowledge(), 0x24);
  w(pic, 0x20, 0x20);
  pic.raiseIrq(4); // still high: no new edge
  assert.equal(pic.output, false);
  pic.lowerIrq(4);
  pic.raiseIrq(4);
  assert.equal(pic.output, true);
});

test('spurious interrupts: master answers IR7 without ISR; slave answers IR7 with master IR2 in service', () => {
  const pic = remapped();
  assert.equal(pic.acknowledge(), 0x27);
  assert.equal(isr(pic, 0x20), 0x00);
  // A level-triggered slave line that drops between INT and INTA leaves the slave with nothing to give.
  w(pic, 0x20, 0x20);
  pic.elcrPorts.write(0x4d1, 1, 0x08); // IRQ11 level-triggered
  pic.raiseIrq(11);
  assert.equal(pic.output, true);
  pic.slave.s.irr = 0; // the device withdrew its request after the master latched IR2
  assert.equal(pic.acknowledge(), 0x2f);
  assert.equal(isr(pic, 0xa0), 0x00);
  assert.equal(isr(pic, 0x20), 0x04);
});

test('auto-EOI mode (ICW4 = 3) leaves ISR clear', () => {
  const pic = new DualPic();
  for (const [p, v] of [[0x20, 0x11], [0x21, 0x30], [0x21, 0x04], [0x21, 0x03], [0x21, 0x00]]) w(pic, p, v);
  pic.raiseIrq(6);
  assert.equal(pic.acknowledge(), 0x36);
  assert.equal(isr(pic, 0x20), 0);
});

test('poll command returns 0x80 | level and acknowledges', () => {
  const pic = remapped();
  pic.raiseIrq(5);
  w(pic, 0x20, 0x0c);
  assert.equal(r(pic, 0x20), 0x85);
  assert.equal(isr(pic, 0x20), 0x20);
  w(pic, 0x20, 0x0c);
  assert.equal(r(pic, 0x20), 0x00);
});

test('specific EOI ends the named level; set-priority rotation (OCW2 0xC0) makes IRQ0 the lowest', () => {
  const pic = remapped();
  pic.raiseIrq(6);
  pic.raiseIrq(0);
  assert.equal(pic.acknowledge(), 0x20);
  w(pic, 0x20, 0x60); // specific EOI for IR0
  assert.equal(isr(pic, 0x20), 0);
  assert.equal(pic.acknowledge(), 0x26);
  w(pic, 0x20, 0x66); // specific EOI for IR6
  w(pic, 0x20, 0xc0); // IR0 becomes the lowest priority, IR1 the highest
  pic.lowerIrq(0); pic.lowerIrq(6);
  pic.raiseIrq(0); pic.raiseIrq(6);
  assert.equal(pic.acknowledge(), 0x26);
  // IR0 is now below IR6 in service: it must wait.
  assert.equal(pic.output, false);
  w(pic, 0x20, 0x20);
  assert.equal(pic.acknowledge(), 0x20);
});

test('ELCR level-triggered input: IRR follows the line and is not cleared by INTA', () => {
  const pic = remapped();
  pic.elcrPorts.write(0x4d1, 1, 0xff);
  assert.equal(pic.elcrPorts.read(0x4d1, 1), 0xde, 'IRQ8 and IRQ13 cannot be level-triggered');
  pic.raiseIrq(10);
  assert.equal(pic.acknowledge(), 0x2a);
  assert.equal(irr(pic, 0xa0), 0x04);
  pic.lowerIrq(10);
  assert.equal(irr(pic, 0xa0), 0x00);
});

test('special mask mode lets lower-priority requests through while a higher one is in service and masked', () => {
  const pic = remapped();
  pic.raiseIrq(1);
  assert.equal(pic.acknowledge(), 0x21);
  pic.raiseIrq(5);
  assert.equal(pic.output, false);
  w(pic, 0x21, 0x02); // mask IR1 (in service)
  w(pic, 0x20, 0x68); // OCW3: set special mask mode
  assert.equal(pic.output, true);
  assert.equal(pic.acknowledge(), 0x25);
});

test('ICW1 resets the mask and forgets latched edge requests', () => {
  const pic = remapped(0xff, 0xff);
  pic.raiseIrq(3);
  assert.equal(irr(pic, 0x20), 0x08);
  w(pic, 0x20, 0x11);
  w(pic, 0x21, 0x20); w(pic, 0x21, 0x04); w(pic, 0x21, 0x01);
  assert.equal(r(pic, 0x21), 0x00);
  assert.equal(irr(pic, 0x20), 0x00);
});
