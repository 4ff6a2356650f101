import { describe, expect, it } from 'vitest';
import { fixTimeAt, fixTimeLength, parseFixTime, type TimeAt } from './time.js';

/**
 * What the shape check and the parser give together: the reference for `fixTimeAt`. The shape check
 * reads a missing last digit at the end of the text as a digit; no message can follow such a time,
 * so the callers never met it, and `fixTimeAt` reads it as the cut time it is.
 */
function reference(text: string, at: number): { length: number; ns: bigint; digits: number } | null {
  const length = fixTimeLength(text, at);
  if (length === 0 || at + length > text.length) return null;
  const t = parseFixTime(text, at, at + length);
  return t ? { length, ns: t.ns, digits: t.digits } : null;
}

function fast(text: string, at: number): { length: number; ns: bigint; digits: number } | null {
  const out: TimeAt = { length: -1, ns: -1n, digits: -1 };
  return fixTimeAt(text, at, out) ? { ...out } : null;
}

const TIMES = [
  '20251126-10:27:35.123456789 : 8=FIX',
  '20251126-10:27:35.123: 8=FIX',
  '20251126-10:27:35 : x',
  '20251126-10:27:35',
  '20251126-10:27:35.',
  '20251126-10:27:35.x',
  '20251126-10:27:35.1234567890',
  '20251126-10:27:35.000000001',
  '20251126-10:27:59.5',
  '20251126-10:27:60.5',
  '20251126-23:59:59.999',
  '20250229-10:00:00',
  '20240229-10:00:00',
  '20251131-10:00:00',
  '20251301-10:00:00',
  '20251100-10:00:00',
  '20251126-24:00:00',
  '20251126-10:60:00',
  '00991126-10:00:00',
  '01001126-10:00:00',
  '2025112-10:27:35.123',
  '20251126 10:27:35.123',
  '20251126-10-27:35.123',
  '20251126-10:27:3',
  '2025112a-10:27:35',
  '',
  '2025',
];

describe('fixTimeAt', () => {
  it.each(TIMES)('reads %j as the shape check and parseFixTime do', (text) => {
    expect(fast(text, 0)).toEqual(reference(text, 0));
  });

  it('reads a time inside a longer text, and the same second again after another one (its cache)', () => {
    const text = `x\n${TIMES.join('\n')}\n20251126-10:27:35.5\n20251127-00:00:00.25\n20251126-10:27:35.75`;
    let at = 0;
    while (at < text.length) {
      expect(fast(text, at), text.slice(at, at + 30)).toEqual(reference(text, at));
      // parseFixTime keeps a cache too: read each time in both orders.
      expect(reference(text, at)).toEqual(fast(text, at));
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length : nl + 1;
    }
  });

  it('stops at the end of the text and at a newline', () => {
    expect(fast('20251126-10:27:3', 0)).toBeNull();
    expect(fast('20251126-10:27:35.12\n3', 0)).toEqual({ length: 20, ns: 1764152855_120000000n, digits: 2 });
    expect(fast('a20251126-10:27:35', 1)).toEqual({ length: 17, ns: 1764152855_000000000n, digits: 0 });
  });
});
