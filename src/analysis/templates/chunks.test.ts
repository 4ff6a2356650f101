import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChunks, type ChunkReadOptions } from './chunks.js';
import { packDeferred, unpackDeferred, DEFERRED_STRIDE } from './times.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-templates-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function linesOf(content: Buffer | string, options: ChunkReadOptions): Promise<string[]> {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(file, content);
  const out: string[] = [];
  for await (const { bytes, end } of readChunks(file, options)) {
    expect(bytes[end - 1]).toBe(10); // whole lines only
    out.push(...Buffer.from(bytes.subarray(0, end - 1)).toString('latin1').split('\n'));
  }
  return out;
}

describe('readChunks', () => {
  it('cuts at line ends whatever the chunk size, ends a last line without newline, drops a BOM', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`);
    const text = `\uFEFF${lines.join('\n')}`;
    expect(await linesOf(text, { chunkSize: 300, stripBom: true })).toEqual(lines);
    expect(await linesOf(`${lines.join('\n')}\n`, { chunkSize: 1 << 20 })).toEqual(lines);
    expect((await linesOf(text, { chunkSize: 300 }))[0]).toBe(`\xef\xbb\xbf${lines[0] ?? ''}`);
  });

  it('grows for a long line, or cuts one longer than maxLineBytes to its first 256 bytes', async () => {
    const long = 'y'.repeat(5000);
    expect(await linesOf(`a\n${long}\nb\n`, { chunkSize: 300 })).toEqual(['a', long, 'b']);
    expect(await linesOf(`a\n${long}\nb\n`, { chunkSize: 300, maxLineBytes: 1000 })).toEqual(['a', 'y'.repeat(256), 'b']);
    expect(await linesOf(`a\n${long}`, { chunkSize: 300, maxLineBytes: 1000 })).toEqual(['a', 'y'.repeat(256)]);
  });

  it('reuses recycled buffers', async () => {
    const recycled = [new Uint8Array(301)];
    const file = path.join(dir, 'r.log');
    writeFileSync(file, 'a\nb\n');
    const first = recycled[0];
    for await (const { bytes } of readChunks(file, { chunkSize: 300, recycled })) expect(bytes).toBe(first);
  });
});

describe('deferred times', () => {
  it('pack and unpack a wall time with its year hint, and an epoch', () => {
    const p = new Float64Array(2 * DEFERRED_STRIDE);
    const wall = { kind: 'wall', year: null, month: 12, day: 31, hour: 23, minute: 59, second: 58, frac: '007', offsetMin: -300 } as const;
    packDeferred(p, 0, wall, 2023);
    packDeferred(p, DEFERRED_STRIDE, { kind: 'epoch', ns: -1_500_000_001n, digits: 9 }, null);
    expect(unpackDeferred(p, 0)).toEqual({ time: wall, yearHint: 2023 });
    expect(unpackDeferred(p, DEFERRED_STRIDE)).toEqual({ time: { kind: 'epoch', ns: -1_500_000_001n, digits: 9 }, yearHint: null });
  });
});
