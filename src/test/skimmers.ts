/**
 * Holding a native byte skimmer to its JavaScript twin (family.ts ByteSkimmer and FlatSkimmer):
 * from every line of a block on, the native run must be a prefix of the twin's, read the same.
 */
import { expect } from 'vitest';
import type { ByteSkimmer, FlatSkim, FlatSkimmer } from '../evidence/logs/family.js';
import { nativeAddon } from '../evidence/logs/native.js';
import { LEVELS, type Level } from '../evidence/logs/types.js';

/** Wants error and above. */
export const errorChooser = { severe: (l: Level): boolean => LEVELS.indexOf(l) <= LEVELS.indexOf('error') };

/**
 * Runs both skimmers from every line on (flags from `flagged`, the instant before line i from
 * `prevNs(i)`) and checks that the native one counts at most the twin's lines and, where it counts
 * some, exactly what the twin counts when stopped there, with the same last time and back-in-time
 * count. The twin runs after the native one (a full run of it may change what the next line is
 * matched with). Returns the lines each counted in all.
 * @example const { native, js } = compareSkimmers(lines, (i) => i % 97 === 0, (i) => 0n, skimFlatBytes, skimFlat)
 */
export function compareSkimmers(lines: string[], flagged: (i: number) => boolean, prevNs: (i: number) => bigint, bytesSkimmer: ByteSkimmer, twin: FlatSkimmer): { native: number; js: number } {
  const bytes = Buffer.from(lines.join('\n'), 'utf8');
  const starts = new Int32Array(bytes.length + 2);
  const count = nativeAddon()?.lineStarts?.(bytes, starts) as number;
  expect(count).toBe(lines.length);
  const flags = Uint8Array.from(lines, (_, i) => (flagged(i) ? 1 : 0));
  let native = 0;
  let js = 0;
  for (let from = 0; from < lines.length; from++) {
    const prev = prevNs(from);
    const a: FlatSkim = { last: null, back: 0 };
    const b: FlatSkim = { last: null, back: 0 };
    const nb = bytesSkimmer(bytes, starts, from, count, flags, 65536, errorChooser, prev, b);
    if (nb > 0) {
      const cut = flags.slice();
      if (from + nb < cut.length) cut[from + nb] = 1;
      expect(twin(lines, from, cut, null, 65536, errorChooser, prev, a), lines[from]).toBe(nb);
      expect(b, lines[from]).toEqual(a);
    }
    const nj = twin(lines, from, flags, null, 65536, errorChooser, prev, a);
    expect(nb, lines[from]).toBeLessThanOrEqual(nj);
    native += nb;
    js += nj;
  }
  return { native, js };
}
