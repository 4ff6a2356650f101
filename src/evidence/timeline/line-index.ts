/**
 * A sparse line-count index per file, cached under the user's cache directory: the number of
 * newlines before every 4 MiB boundary. A seek must count the lines it skips (line numbers are
 * those of the whole file), which costs ~1 s per gigabyte; repeated queries on the same evidence
 * then count at most one chunk. An index is used only for the same device, inode, size and mtime.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Bytes per index entry: small enough that the uncounted rest is cheap, large enough that an index is tiny. */
export const INDEX_CHUNK = 4 << 20;
const VERSION = 1;

export interface LineIndex {
  /** Where the index is kept; null when it cannot be kept (it is then only used in memory). */
  path: string | null;
  /** Identity of the file version the counts belong to. */
  key: string;
  /** Bytes per entry (INDEX_CHUNK but in tests). */
  chunk: number;
  /** counts[k]: newlines in bytes [0, (k + 1) × chunk). */
  counts: number[];
}

/**
 * The default index directory: `$XDG_CACHE_HOME/pfa/line-index` or `~/.cache/pfa/line-index`;
 * null (no index) when `PFA_NO_CACHE` is set.
 * @example const dir = defaultIndexDir();
 */
export function defaultIndexDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PFA_NO_CACHE) return null;
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'pfa', 'line-index');
}

/**
 * The index of a file, empty when none is cached for this version of it (or `dir` is null).
 * @example const idx = await loadLineIndex('/var/log/syslog', defaultIndexDir());
 */
export async function loadLineIndex(file: string, dir: string | null, chunk = INDEX_CHUNK): Promise<LineIndex> {
  const s = await stat(file, { bigint: true });
  // The inode and mtime in ns tell a rewritten or rotated file from the one counted.
  const key = `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
  const path = dir === null ? null : join(dir, `${s.dev}-${s.ino}.json`);
  const empty: LineIndex = { path, key, chunk, counts: [] };
  if (path === null) return empty;
  try {
    const doc = JSON.parse(await readFile(path, 'utf8')) as { v?: unknown; key?: unknown; chunk?: unknown; counts?: unknown };
    const counts = doc.counts;
    if (doc.v !== VERSION || doc.key !== key || doc.chunk !== chunk || !Array.isArray(counts)) return empty;
    // A damaged index is ignored, never trusted: counts must be whole numbers that never decrease.
    for (let k = 0; k < counts.length; k++) {
      const c: unknown = counts[k];
      if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < (k ? (counts[k - 1] as number) : 0)) return empty;
    }
    return { path, key, chunk, counts: counts as number[] };
  } catch {
    return empty;
  }
}

/**
 * Where counting must start for the lines before `offset`: the last indexed boundary at or before
 * it, with the newlines before that boundary.
 * @example indexedBefore({ path: null, key: '', chunk: 100, counts: [9] }, 150) // { at: 100, lines: 9 }
 */
export function indexedBefore(idx: LineIndex, offset: number): { at: number; lines: number } {
  const k = Math.min(idx.counts.length, Math.floor(offset / idx.chunk));
  return { at: k * idx.chunk, lines: k ? (idx.counts[k - 1] as number) : 0 };
}

/**
 * Adds the per-chunk counts of the chunks right after the indexed ones and saves the index
 * (written aside, then renamed: a concurrent reader sees the old index or the new one). Saving is
 * best effort: a read-only or full disk only costs the next query its counting.
 * @example await extendLineIndex(idx, [40211, 40307]);
 */
export async function extendLineIndex(idx: LineIndex, chunkCounts: number[]): Promise<void> {
  if (chunkCounts.length === 0) return;
  let total = idx.counts.length ? (idx.counts[idx.counts.length - 1] as number) : 0;
  for (const c of chunkCounts) idx.counts.push((total += c));
  if (idx.path === null) return;
  const tmp = `${idx.path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(idx.path), { recursive: true });
    await writeFile(tmp, JSON.stringify({ v: VERSION, key: idx.key, chunk: idx.chunk, counts: idx.counts }));
    await rename(tmp, idx.path);
  } catch {
    // Best effort, see above.
  }
}
