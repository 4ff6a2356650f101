// The chunk-level control-character test stands in for the per-line binary test: a line read as
// clean must give exactly what the full check gives.
import { describe, expect, it } from 'vitest';
import { LineReader, hasControls } from './lines.js';

const setup = { format: 'plain' as const, sample: [], tz: 'UTC', latest: 0n };

describe('hasControls', () => {
  it('finds the characters that make a line binary, and CRs that do not end a line', () => {
    expect(hasControls('a b\tc\u0001d\u001be\n')).toBe(false);
    expect(hasControls('a\r\nb\r\n')).toBe(false);
    expect(hasControls('a\u0000\n')).toBe(true);
    expect(hasControls('a\u0007\n')).toBe(true);
    expect(hasControls('a\rb\n')).toBe(true);
    expect(hasControls('a\r\r\n')).toBe(true);
  });
});

describe('LineReader clean lines', () => {
  it('reads a clean line as the full check does', () => {
    const lines = ['hello  ', '   ', '\t', '', '\u00a0', '\u00a0x', '\ufeffx', 'x'.repeat(70_000), '€ euro', ' lead', '~tilde', '!bang'];
    for (const line of lines) {
      const full = new LineReader(setup);
      const fast = new LineReader(setup);
      const a = full.read(line, false);
      const b = fast.read(line, false, !hasControls(`${line}\n`));
      expect([a, full.message]).toEqual([b, fast.message]);
    }
  });
});

describe('LineReader roles', () => {
  it("gives journalctl's lines the roles pfa logs parse gives them: a boot marker a record without a time, a banner a loose line", () => {
    const sample = ['Nov 26 10:20:01 gw1 kernel: Linux version 6.1.0', 'Nov 26 10:25:01 gw1 systemd[1]: Started Session 4.'];
    const reader = new LineReader({ format: 'syslog', sample, tz: 'UTC', latest: 0n });
    const role = (line: string): [string, string, boolean] => (reader.read(line, false), [reader.role, reader.message, reader.time === null]);
    expect(role('-- Boot 5c1f0a2e4b3d4c7e8f9a0b1c2d3e4f50 -- ')).toEqual(['record', '-- Boot 5c1f0a2e4b3d4c7e8f9a0b1c2d3e4f50 --', true]);
    expect(role('-- Reboot --')).toEqual(['record', '-- Reboot --', true]);
    expect(role('-- Journal begins at Mon 2025-11-24 08:00:01 UTC, ends at Wed 2025-11-26 10:30:00 UTC. --')[0]).toBe('loose');
    expect(role('-- No entries --')[0]).toBe('loose');
    expect(role('-- Subject: a catalog line')[0]).toBe('continuation');
  });
});
