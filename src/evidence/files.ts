/** Files as evidence: size and checksum always; the content itself only when small. */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fsErrorText, InputError, NotFoundError } from '../shared/errors.js';
import { NS_PER_MS } from '../shared/time.js';
import { openInput } from './logs/open.js';
import type { Evidence } from './schema.js';

/** Files up to this size are stored in the database; larger ones are kept by reference. */
export const STORE_LIMIT = 1024 * 1024;

/**
 * A file as evidence: size, checksum, and under STORE_LIMIT its content — as text when it is clean
 * UTF-8, else as base64 (`encoding`), so that a Latin-1 log or one a crash filled with NULs is kept too.
 * @example const f = await describeFile('/var/log/gw.log'); f.encoding // undefined for a UTF-8 log
 */
export async function describeFile(path: string): Promise<{ path: string; size: number; sha256: string; content?: string; encoding?: 'base64' }> {
  const abs = resolve(path);
  const info = await stat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new NotFoundError(`file not found: ${path}`, { path });
    throw new InputError(`cannot read ${path}: ${fsErrorText(err)}`);
  });
  if (!info.isFile()) throw new InputError(`${path} is not a regular file`);
  const out: { path: string; size: number; sha256: string; content?: string; encoding?: 'base64' } = { path: abs, size: info.size, sha256: await sha256Of(abs) };
  if (info.size <= STORE_LIMIT) Object.assign(out, storedForm(await readFile(abs)));
  return out;
}

/**
 * How bytes are stored: as text when they are clean UTF-8 (no NUL), else as base64 with `encoding`.
 * @example storedForm(Buffer.from([0x63, 0x61, 0x66, 0xe9])).encoding === 'base64'
 */
export function storedForm(buf: Buffer): { content: string; encoding?: 'base64' } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return !text.includes('\uFFFD') && !text.includes('\u0000') ? { content: text } : { content: buf.toString('base64'), encoding: 'base64' };
}

/** The stored bytes of file evidence (its content, decoded from base64 when stored so), or null. */
export function storedBytes(e: Evidence): Buffer | null {
  if (e.content === null) return null;
  return e.metadata.encoding === 'base64' ? Buffer.from(e.content, 'base64') : Buffer.from(e.content, 'utf8');
}

/**
 * The stored content of file evidence as text (bytes that are not UTF-8 read as U+FFFD, as the log
 * readers read them), or null when it is kept by reference.
 * @example storedText(e)?.split('\n').length
 */
export function storedText(e: Evidence): string | null {
  if (e.content === null || e.metadata.encoding !== 'base64') return e.content;
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(e.content, 'base64'));
}

/** A readable copy of file evidence; `release` removes it when it was written to a temporary file. */
export interface Materialized {
  path: string;
  release(): Promise<void>;
  /** How the file on disk differs from what was attached, when it does (said to the user beside what is read). */
  changed?: string;
}

/**
 * A readable path for file evidence. Stored evidence (small files) is read from the file only while
 * it still has the checksum it was attached with, else from the stored copy written to a temporary
 * file, which the caller releases when done: an edited or rotated log must not change the
 * incident's history, nor contradict the evidence a post-mortem quotes. Evidence kept by reference
 * (large files, not hashed again on every read) is read as the file is now, with a word when its size
 * changed (a live log grows). Null when there is nothing to read.
 * @example const m = await materialize(e); if (m) try { read(m.path); } finally { await m.release(); }
 */
export async function materialize(e: Evidence): Promise<Materialized | null> {
  const path = typeof e.metadata.path === 'string' ? e.metadata.path : null;
  const info = path ? await stat(path).catch(() => null) : null;
  const onDisk = path !== null && info?.isFile() === true;
  if (e.content === null) {
    if (!onDisk || !path) return null;
    const grew = e.size !== null && info.size !== e.size ? sizeChange(e.size, info.size) : undefined;
    return { path, release: async () => {}, ...(grew ? { changed: grew } : {}) };
  }
  if (onDisk && path && (e.size === null || info.size === e.size) && (e.sha256 === null || (await sha256Of(path)) === e.sha256)) {
    return { path, release: async () => {} };
  }
  const { dir, release } = await copyDir();
  const file = join(dir, basename(path ?? e.name));
  await writeFile(file, storedBytes(e) ?? '');
  return { path: file, release, ...(onDisk ? { changed: 'the file changed on disk since it was attached (its checksum differs): the copy stored then is read' } : {}) };
}

/** What a by-reference file's new size says. */
function sizeChange(was: number, now: number): string {
  return now > was
    ? `the file grew since it was attached (${was} → ${now} bytes): read as it is now`
    : `the file shrank since it was attached (${was} → ${now} bytes; rotated or truncated?): read as it is now`;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A new directory for temporary copies (named after this process, see sweepStaleCopies) and its removal. */
async function copyDir(): Promise<{ dir: string; release: () => Promise<void> }> {
  sweep ??= sweepStaleCopies(tmpdir());
  await sweep;
  const dir = await mkdtemp(join(tmpdir(), `${COPY_PREFIX}${process.pid}-`));
  return { dir, release: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Whether a file starts with gzip's magic bytes (a log rotated with logrotate's `compress`).
 * @example await isGzip('/var/log/app.log.2.gz') // true
 */
export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } catch {
    return false; // a directory, say: the reader that opens it says what it is
  } finally {
    await fh.close();
  }
}

/**
 * A decompressed temporary copy of a gzip file, named as the file without `.gz` (its events then
 * name it as the log it was); `release` removes it. A corrupt or truncated archive is an input error.
 * @example const m = await gunzipCopy('app.log.2.gz'); try { read(m.path); } finally { await m.release(); }
 */
export async function gunzipCopy(path: string): Promise<Materialized> {
  const { dir, release } = await copyDir();
  const file = join(dir, basename(path).replace(/\.gz$/i, '') || 'decompressed');
  try {
    await pipeline(createReadStream(path), createGunzip(), createWriteStream(file));
    // The original's time, not the copy's: a reader bounds the year of yearless lines by it.
    const { atime, mtime } = await stat(path);
    await utimes(file, atime, mtime);
  } catch (err) {
    await release();
    throw new InputError(`cannot decompress ${path}: ${(err as Error).message}`);
  }
  return { path: file, release };
}

/**
 * Runs `read` on a readable path for a file the user named: the file itself, or a decompressed
 * copy when it is gzip (a rotated `app.log.2.gz`), removed afterwards. `gzip` says which.
 * @example const stats = await withDecompressed('kern.log.2.gz', (path) => readLog(path));
 */
export async function withDecompressed<T>(path: string, read: (plain: string, gzip: boolean) => Promise<T>): Promise<T> {
  return withDecompressedAll([path], (plain, gzip) => read(plain[0] as string, gzip[0] === true));
}

/**
 * {@link withDecompressed} for several files: `plain[i]` is the readable path of `paths[i]`, and
 * `gzip[i]` whether it is a decompressed copy. Every copy is removed afterwards, whatever happens.
 */
export async function withDecompressedAll<T>(paths: readonly string[], read: (plain: string[], gzip: boolean[]) => Promise<T>): Promise<T> {
  const copies: Materialized[] = [];
  try {
    const plain: string[] = [];
    const gzip: boolean[] = [];
    for (const path of paths) {
      const zipped = await isGzip(path);
      gzip.push(zipped);
      if (!zipped) {
        plain.push(path);
        continue;
      }
      const copy = await gunzipCopy(path);
      copies.push(copy);
      plain.push(copy.path);
    }
    return await read(plain, gzip);
  } finally {
    await Promise.all(copies.map((c) => c.release()));
  }
}

// Temporary copies are named after the process that wrote them (pfa-evidence-<pid>-XXXXXX).
const COPY_PREFIX = 'pfa-evidence-';
let sweep: Promise<number> | undefined;

/**
 * Removes the copies of processes that are gone: a process killed mid-command (Ctrl-C, SIGKILL,
 * the OOM killer) never reaches the `finally` that releases its copies. Run once per process,
 * before its first copy. Returns how many were removed.
 * @example await sweepStaleCopies(tmpdir())
 */
export const sweepStaleCopies = (dir: string): Promise<number> => sweepStale(dir, COPY_PREFIX);

/**
 * Removes the entries of `dir` named `<prefix><pid>-…` whose process is gone (temporary copies,
 * a timeline's spilled events). Returns how many were removed.
 * @example await sweepStale(tmpdir(), 'pfa-spill-')
 */
export async function sweepStale(dir: string, prefix: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (!m || alive(Number(m[1]))) continue;
    await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** Whether a process exists (signal 0 checks without sending; EPERM: it exists, owned by someone else). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The first bytes of a file as text, for format sniffing without reading a large file whole. */
export async function readHead(path: string, bytes = 65_536): Promise<string> {
  return (await readHeadBytes(path, bytes)).toString('utf8');
}

/** The first bytes of a file (fewer when it is shorter): its magic numbers, its first lines. */
export async function readHeadBytes(path: string, bytes = 65_536): Promise<Buffer> {
  const fh = await openInput(path);
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * A file's modification time in ns: no yearless timestamp in it can be later, which fixes the year
 * of syslog and glog lines when the user gives none.
 */
export function fileMtimeNs(path: string): bigint {
  try {
    return BigInt(Math.trunc(statSync(path).mtimeMs)) * NS_PER_MS;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`file not found: ${path}`, { path });
    throw new InputError(`cannot read ${path}: ${fsErrorText(err)}`);
  }
}
