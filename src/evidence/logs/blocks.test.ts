/**
 * The block reader against a plain split of the file: lines of every length (some longer than the
 * room kept for a read's unfinished line, some over the limit), cut into pieces of several sizes,
 * across several reads, from the start and from a line start in the middle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../../test/random.js';
import { blocks } from './blocks.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Checks what blocks() gave against the text's lines: each line whole, or, for one over `max` only
 * (whether it is cut depends on where the pieces end), `TOO LONG` and its first 256 bytes.
 */
function check(got: string[], text: string, max: number): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  expect(got.length).toBe(lines.length);
  const wrong = lines.filter((l, i) => got[i] !== l && !(l.length > max && got[i] === `TOO LONG ${l.slice(0, 256)}`));
  expect(wrong.map((l) => l.slice(0, 20))).toEqual([]);
}

async function read(path: string, from: number, to: number, chunk: number, max: number): Promise<string[]> {
  const fh = await open(path);
  try {
    const out: string[] = [];
    for await (const b of blocks(fh, from, to, chunk, max)) {
      if (b.tooLong !== undefined) out.push(`TOO LONG ${b.tooLong}`);
      else {
        expect(b.bytes.toString()).toBe(b.text);
        out.push(...b.lines);
      }
    }
    return out;
  } finally {
    await fh.close();
  }
}

describe('blocks', () => {
  it('gives every line as a split would, whatever the pieces and reads', async () => {
    const r = rng(11);
    const lens = [0, 1, 15, 16, 17, 80, 200, 5000, 70_000, 150_000, 300_000];
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 3_500_000; i++) {
      const n = r() < 0.97 ? Math.floor(r() * 120) : (lens[Math.floor(r() * lens.length)] as number);
      const line = `${i} ${'abcdefghij'.repeat(Math.ceil(n / 10)).slice(0, n)}`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = `${lines.join('\n')}\nlast line without a newline`;
    const path = join(dir, 'a.log');
    writeFileSync(path, text);
    const max = 200_000;
    for (const chunk of [96 << 10, 1 << 20, 4000]) {
      check(await read(path, 0, text.length, chunk, max), text, max);
    }
    // from a line start in the middle, to another
    const from = text.indexOf('\n', 1_234_567) + 1;
    const to = text.indexOf('\n', 2_900_000) + 1;
    check(await read(path, from, to, 96 << 10, max), text.slice(from, to), max);
    // every line whole, however long (the FIX reader's limit)
    expect(await read(path, 0, text.length, 96 << 10, Infinity)).toEqual(text.split('\n'));
    // lines over the limit are cut where a piece ends inside them
    const cut = await read(path, 0, text.length, 4000, max);
    expect(cut.filter((l) => l.startsWith('TOO LONG')).length).toBe(lines.filter((l) => l.length > max).length);
  });
});
