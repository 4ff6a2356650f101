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
