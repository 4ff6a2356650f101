/** The line-count index: kept per file version, never trusted when the file or the index changed. */
import { appendFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultIndexDir, extendLineIndex, indexedBefore, loadLineIndex } from './line-index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-index-'));
  file = join(dir, 'app.log');
  writeFileSync(file, 'a\nb\nc\n'.repeat(100));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('line index', () => {
  it('lives under the user cache, or nowhere when caching is off', () => {
    expect(defaultIndexDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/pfa/line-index');
    expect(defaultIndexDir({ XDG_CACHE_HOME: '/c', PFA_NO_CACHE: '1' })).toBeNull();
  });

  it('keeps the counts of a file version and answers from the last boundary before an offset', async () => {
    const cache = join(dir, 'cache');
    const idx = await loadLineIndex(file, cache, 100);
    expect(idx.counts).toEqual([]);
    await extendLineIndex(idx, [50, 50]);
    const again = await loadLineIndex(file, cache, 100);
    expect(again.counts).toEqual([50, 100]);
    expect(indexedBefore(again, 250)).toEqual({ at: 200, lines: 100 });
    expect(indexedBefore(again, 150)).toEqual({ at: 100, lines: 50 });
    expect(indexedBefore(again, 99)).toEqual({ at: 0, lines: 0 });
    // Another chunk size is another index.
    expect((await loadLineIndex(file, cache, 64)).counts).toEqual([]);
  });

  it('forgets the counts once the file changed, and ignores a damaged index', async () => {
    const cache = join(dir, 'cache');
    await extendLineIndex(await loadLineIndex(file, cache, 100), [50]);
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect((await loadLineIndex(file, cache, 100)).counts).toEqual([]);
    await extendLineIndex(await loadLineIndex(file, cache, 100), [50]);
    const [name] = readdirSync(cache);
    const saved = join(cache, name ?? '');
    writeFileSync(saved, '{"v":1,"key":"x"');
    expect((await loadLineIndex(file, cache, 100)).counts).toEqual([]);
  });

  it('keeps the counts of a log that was only appended to, not of one rewritten in place', async () => {
    const cache = join(dir, 'cache');
    await extendLineIndex(await loadLineIndex(file, cache, 100), [50, 50, 50]);
    appendFileSync(file, 'late line\n'.repeat(40));
    const grown = await loadLineIndex(file, cache, 100);
    expect(grown.counts).toEqual([50, 100, 150]);
    await extendLineIndex(grown, [50]);
    expect((await loadLineIndex(file, cache, 100)).counts).toEqual([50, 100, 150, 200]);
    // Same inode, larger, but other bytes before the counted boundaries: not the file that was counted.
    writeFileSync(file, 'x\ny\nz\n'.repeat(250));
    expect((await loadLineIndex(file, cache, 100)).counts).toEqual([]);
  });

  it('does not keep an index when there is no directory for it', async () => {
    const idx = await loadLineIndex(file, null, 100);
    await extendLineIndex(idx, [50]);
    expect(idx.counts).toEqual([50]);
    expect((await loadLineIndex(file, null, 100)).counts).toEqual([]);
  });
});
