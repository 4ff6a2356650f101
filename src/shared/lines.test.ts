/** Lines read as they go give what splitting the whole text gives. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../test/random.js';
import { fileLines, textLines } from './lines.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text with multi-byte characters, CRLF and empty lines, so that blocks cut inside characters and lines. */
function text(seed: number, n: number): string {
  const r = rng(seed);
  const words = ['a', 'é', '€uro', '😀', 'x'.repeat(50), '', 'z\r'];
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(r() * 6) }, () => words[Math.floor(r() * words.length)]).join(' ')).join('\n');
}

describe('lines', () => {
  it.each([1, 2, 3])('reads a file in small blocks as the text splits (seed %d)', (seed) => {
    for (const [body, ending] of [[text(seed, 500), ''], [text(seed, 500), '\n']] as const) {
      const whole = `\uFEFF${body}${ending}`;
      const file = join(dir, `t${seed}.txt`);
      writeFileSync(file, whole);
      const expected = whole.slice(1).split('\n');
      expect([...textLines(whole)]).toEqual(expected);
      for (const block of [1, 3, 7, 64, 1 << 20]) expect([...fileLines(file, block)]).toEqual(expected);
    }
  });
});
