import { describe, expect, it } from 'vitest';
import { elementKey, flatten, isUnder, uncoveredNulls } from './flatten.js';

describe('flatten', () => {
  it('keys array elements by identity and joins arrays of plain values', () => {
    const { leaves, elements } = flatten({ disk: { devices: [{ name: 'sda', iops: 1 }] }, procs: [{ pid: 7, name: 'x' }], tags: ['a', 'b'], m: { ESTAB: 2 } });
    expect([...leaves]).toEqual([['disk.devices[sda].name', 'sda'], ['disk.devices[sda].iops', 1], ['procs[7].pid', 7], ['procs[7].name', 'x'], ['tags', 'a,b'], ['m.ESTAB', 2]]);
    expect([...elements]).toEqual(['disk.devices[sda]', 'procs[7]']);
    expect(elementKey({ v: 1 }, 3)).toBe('3');
  });

  it('finds nulls no unavailable item covers', () => {
    expect(isUnder('cpu.pressure.level', 'cpu.pressure')).toBe(true);
    expect(isUnder('cpu.pressure2', 'cpu.pressure')).toBe(false);
    expect(isUnder('host.nics[eth0].mtu', 'host.nics')).toBe(true);
    const snap = { cpu: { busy_pct: null, pressure: { level: null } }, nics: [{ name: 'eth0', speed: null }], unavailable: [{ item: 'cpu.pressure', reason: 'no PSI' }] };
    expect(uncoveredNulls(snap)).toEqual(['cpu.busy_pct', 'nics[eth0].speed']);
  });
});
