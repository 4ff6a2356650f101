/**
 * A sparse line-count index per file, cached under the user's cache directory: the number of
 * newlines before every 4 MiB boundary. A seek must count the lines it skips (line numbers are
 * those of the whole file), which costs ~1 s per gigabyte; repeated queries on the same evidence
 * then count at most one chunk. An index is used as it is for the same device, inode, size and
 * mtime; for a file that only grew since (a live log being appended to) its counts are kept when
 * the bytes sampled before the indexed boundaries are still the same.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Bytes per index entry: small enough that the uncounted rest is cheap, large enough that an index is tiny. */
export const INDEX_CHUNK = 4 << 20;
const VERSION = 1;

export interface LineIndex {
  /** The file counted. */
  file: string;
  /** Where the index is kept; null when it cannot be kept (it is then only used in memory). */
  path: string | null;
  /** Identity of the file version the counts belong to. */
  key: string;
  /** Bytes per entry (INDEX_CHUNK but in tests). */
  chunk: number;
  /** counts[k]: newlines in bytes [0, (k + 1) × chunk). */
  counts: number[];
  /** The file's device and inode, and its size when counted: what an appended file keeps. */
  inode: string;
  size: number;
}

/** Bytes hashed before a boundary, and how many boundaries are sampled to recognise a file that only grew. */
const PROBE_BYTES = 4096;
const PROBES = 8;

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
  const inode = `${s.dev}:${s.ino}`;
  const key = `${inode}:${s.size}:${s.mtimeNs}`;
  const path = dir === null ? null : join(dir, `${s.dev}-${s.ino}.json`);
  const size = Number(s.size);
  const empty: LineIndex = { file, path, key, chunk, counts: [], inode, size };
  if (path === null) return empty;
  try {
    const doc = JSON.parse(await readFile(path, 'utf8')) as { v?: unknown; key?: unknown; chunk?: unknown; counts?: unknown; size?: unknown; probes?: unknown };
    const counts = doc.counts;
    if (doc.v !== VERSION || doc.chunk !== chunk || !Array.isArray(counts)) return empty;
    // A damaged index is ignored, never trusted: counts must be whole numbers that never decrease.
    for (let k = 0; k < counts.length; k++) {
      const c: unknown = counts[k];
      if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < (k ? (counts[k - 1] as number) : 0)) return empty;
    }
    const kept = { ...empty, counts: counts as number[] };
    if (doc.key === key) return kept;
    // Same file grown since: the counted prefix is unchanged if the sampled bytes are.
    const before = doc.size;
    if (typeof doc.key !== 'string' || !doc.key.startsWith(`${inode}:`) || typeof before !== 'number' || before >= size || counts.length * chunk > before) return empty;
    return JSON.stringify(await probesOf(file, chunk, counts.length)) === JSON.stringify(doc.probes) ? kept : empty;
  } catch {
    return empty;
  }
}

/** SHA-256 of the PROBE_BYTES before up to PROBES evenly spaced indexed boundaries, the last one included. */
async function probesOf(file: string, chunk: number, chunks: number): Promise<string[]> {
  if (chunks === 0) return [];
  const picks = new Set<number>();
  for (let i = 1; i <= PROBES; i++) picks.add(Math.ceil((chunks * i) / PROBES));
  const fh = await open(file, 'r');
  try {
    const out: string[] = [];
    const buf = Buffer.alloc(PROBE_BYTES);
    for (const k of [...picks].sort((a, b) => a - b)) {
      const end = k * chunk;
      const from = Math.max(0, end - PROBE_BYTES);
      const { bytesRead } = await fh.read(buf, 0, end - from, from);
      out.push(`${k}:${createHash('sha256').update(buf.subarray(0, bytesRead)).digest('hex')}`);
    }
    return out;
  } finally {
    await fh.close();
  }
}

/**
 * Where counting must start for the lines before `offset`: the last indexed boundary at or before
 * it, with the newlines before that boundary.
 * @example indexedBefore({ ...idx, chunk: 100, counts: [9] }, 150) // { at: 100, lines: 9 }
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
    const probes = await probesOf(idx.file, idx.chunk, idx.counts.length);
    await writeFile(tmp, JSON.stringify({ v: VERSION, key: idx.key, chunk: idx.chunk, counts: idx.counts, size: idx.size, probes }));
    await rename(tmp, idx.path);
  } catch {
    // Best effort, see above.
  }
}
