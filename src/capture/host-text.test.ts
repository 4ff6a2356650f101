import { describe, expect, it } from 'vitest';
import { parseCpuinfo, parseFileNr, parseLoadavg, parseOsRelease, parseUptime } from './host-text.js';

const block = (i: number, socket: number, core: number) =>
  `processor\t: ${i}\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7543 32-Core Processor\ncpu MHz\t\t: ${1500 + i * 100}.000\nphysical id\t: ${socket}\ncore id\t\t: ${core}\n`;

describe('parseCpuinfo', () => {
  it('counts logical CPUs, physical cores and sockets on x86', () => {
    // Two sockets, two cores each, two hyperthreads per core.
    const text = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => block(i, i < 4 ? 0 : 1, Math.floor(i / 2) % 2)).join('\n');
    expect(parseCpuinfo(text)).toEqual({ model: 'AMD EPYC 7543 32-Core Processor', logicalCores: 8, physicalCores: 4, sockets: 2, mhzAverage: 1850 });
  });

  it('names ARM server cores from implementer and part, and leaves unknown topology null', () => {
    const arm = 'processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n\nprocessor\t: 1\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n';
    expect(parseCpuinfo(arm)).toEqual({ model: 'ARM Neoverse-N1', logicalCores: 2, physicalCores: null, sockets: null, mhzAverage: null });
    expect(parseCpuinfo('processor : 0\nCPU implementer : 0x99\nCPU part : 0x001\n').model).toBe('ARM implementer 0x99 part 0x001');
  });
});

describe('small host files', () => {
  it('parses os-release with quoting and escapes', () => {
    expect(parseOsRelease('NAME="Ubuntu"\nVERSION_ID=\'22.04\'\nID=ubuntu\n# comment\nPRETTY_NAME="Ubuntu \\"Jammy\\" 22.04"\n')).toEqual({
      NAME: 'Ubuntu',
      VERSION_ID: '22.04',
      ID: 'ubuntu',
      PRETTY_NAME: 'Ubuntu "Jammy" 22.04',
    });
  });

  it('parses loadavg, uptime and file-nr', () => {
    expect(parseLoadavg('0.52 0.58 0.59 3/1234 5678\n')).toEqual({ one: 0.52, five: 0.58, fifteen: 0.59, runnable: 3, threads: 1234 });
    expect(parseLoadavg('')).toBeNull();
    expect(parseUptime('1154.16 1519.68\n')).toBe(1154.16);
    expect(parseFileNr('670\t0\t2466170\n')).toEqual({ open: 670, max: 2466170 });
    // systemd ≥ 240 raises file-max to LONG_MAX: no practical limit, and not a safe integer.
    expect(parseFileNr('1024\t0\t9223372036854775807\n')).toEqual({ open: 1024, max: 'unlimited' });
  });
});
