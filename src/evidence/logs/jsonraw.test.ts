import { describe, expect, it } from 'vitest';
import { epochAt } from './jsonraw.js';
import { epochValue } from './timestamp.js';

describe('epochAt', () => {
  it('gives epochValue’s answer, every digit kept, for integers of every length and any fraction', () => {
    let seed = 11;
    const digit = (): string => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return String(seed % 10);
    };
    const digits = (n: number): string => Array.from({ length: n }, digit).join('');
    for (let len = 1; len <= 22; len++) {
      for (let frac = 0; frac <= 12; frac++) {
        for (let k = 0; k < 5; k++) {
          const int = digits(len);
          const f = digits(frac);
          expect(epochAt(int, f), `${int}.${f}`).toEqual(epochValue(int, f));
        }
      }
    }
    for (const [int, f] of [['9999999999', '999999999'], ['99999999999999999999', ''], ['18446744073709551616', ''], ['0', ''], ['0000000000', '5'], ['1764152855123456789', '']]) {
      expect(epochAt(int as string, f as string)).toEqual(epochValue(int as string, f as string));
    }
    expect(epochAt('1764152855123456789', '')?.ns).toBe(1764152855123456789n);
  });

  it('refuses what epochValue refuses: no digits, other characters', () => {
    for (const [int, f] of [['', ''], ['12a4567890', ''], ['1764152855', '12x'], ['1764152855', '1234567891x'], ['-1', ''], ['1e9', '']]) {
      expect(epochAt(int as string, f as string), `${int}.${f}`).toBeNull();
      expect(epochValue(int as string, f as string)).toBeNull();
    }
  });
});
