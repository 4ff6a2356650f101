/**
 * Seeking by time in a time-ordered log file: the timestamp of the first complete line after a byte
 * offset, a binary search over offsets for the range of a time window, a sampled check that the
 * file is time-ordered at all (else the caller reads it whole), and line counting for the bytes a
 * seek skipped, so line numbers stay those of the whole file.
 */
import type { FileHandle } from 'node:fs/promises';
import { openInput } from './open.js';
import { NS_PER_MS } from '../../shared/time.js';
import { reads } from './blocks.js';
import { Clock } from './clock.js';
import { detectFormat } from './detect.js';
import type { FamilyParser } from './family.js';
import { isDateless } from './timestamp.js';
import type { LogParseOptions } from './types.js';

/**
 * Bytes of a probe's first read (a timed line is nearly always among its first few), then of each
 * further read; a probe that finds no timed line in PROBE_MAX gives the seek up.
 */
const PROBE_FIRST = 8 * 1024;
const PROBE_BYTES = 64 * 1024;
const PROBE_MAX = 1 << 20;
/** Evenly spaced probes checking that time only moves forward. */
export const ORDER_SAMPLES = 32;

export interface SeekRange {
  /** Byte range to read: [from, to), both line starts. */
  from: number;
  to: number;
  size: number;
}

export type SeekResult = { ok: true; range: SeekRange } | { ok: false; reason: string };

interface Probe {
  /** Offset of the line start the time was read from. */
  start: number;
  ns: bigint;
}

/** The time a probe at an offset found. */
interface Sample {
  offset: number;
  ns: bigint;
}

/**
 * The byte range holding every line timed in [start, end) of a time-ordered file. Not ok when the
 * format has no absolute times, a probe finds none, or sampled times go back by more than `slack`
 * (the file is not in time order: read it whole).
 * @example const r = await seekRange('/var/log/syslog', 1764150000000000000n, 1764152700000000000n, { sample, year: 2025 });
 */
export async function seekRange(path: string, start: bigint, end: bigint, options: LogParseOptions & { sample: readonly string[]; slack?: bigint }): Promise<SeekResult> {
  const { sample, slack = 0n } = options;
  const detected = detectFormat(sample, options.format === 'auto' ? undefined : options.format);
  // A plain file may still be read for its levels, but it has no time to seek by.
  const family = detected.format === 'plain' ? null : detected.parser;
  if (!family) return { ok: false, reason: 'no timestamps recognized' };
  if (datelessTimes(sample, family)) return { ok: false, reason: 'times of day without a date (a line is dated by the lines before it)' };
  const fh = await openInput(path);
  try {
    const info = await fh.stat();
    const size = info.size;
    const latest = (options.year === undefined || options.date === undefined) && options.latest === undefined ? BigInt(Math.floor(info.mtimeMs)) * NS_PER_MS : options.latest;
    const clockOptions = { ...options, ...(latest !== undefined ? { latest } : {}) };
    // Probes are kept by offset: both searches start from the samples' offsets and share their first steps.
    const seen = new Map<number, Promise<Probe | null>>();
    const probe = (offset: number): Promise<Probe | null> => {
      let p = seen.get(offset);
      if (!p) seen.set(offset, (p = probeAt(fh, offset, size, family, () => new Clock(clockOptions))));
      return p;
    };
    const samples: Sample[] = [];
    for (let i = 0; i < ORDER_SAMPLES; i++) {
      const offset = Math.floor((size * i) / ORDER_SAMPLES);
      const p = await probe(offset);
      if (!p) return { ok: false, reason: `no timestamp near byte ${offset}` };
      const prev = samples[samples.length - 1];
      if (prev && p.ns < prev.ns - slack) return { ok: false, reason: 'not in time order (sampled times go back)' };
      samples.push({ offset, ns: p.ns });
    }
    const from = await search(probe, size, start, samples);
    const to = await search(probe, size, end, samples);
    if (from === null || to === null) return { ok: false, reason: 'a probe found no timestamp' };
    return { ok: true, range: { from: await lineStartAtOrAfter(fh, from.lo, size), to: await lineStartAtOrAfter(fh, to.hi, size), size } };
  } finally {
    await fh.close();
  }
}

/**
 * Whether a file's lines give the time of day without a date (judged by the first timed line of
 * the sample): each line is then dated by the lines before it, across midnights, so the file is
 * neither seeked nor cut into parts that would each start with a fresh guess.
 * @example datelessTimes(['10:27:35.123 [main] ERROR a.B - boom'], detectFormat(sample).parser) === true
 */
export function datelessTimes(sample: readonly string[], family: FamilyParser): boolean {
  for (const line of sample) {
    const r = family.parse(line);
    if (r !== null && r !== 'malformed' && r.time !== null) return isDateless(r.time);
  }
  return false;
}

/**
 * Narrows [lo, hi) around the first line timed at or after `target`, from the order samples'
 * bracket of it (the steps a bisection of the whole file would take first).
 */
async function search(probe: (o: number) => Promise<Probe | null>, size: number, target: bigint, samples: readonly Sample[]): Promise<{ lo: number; hi: number } | null> {
  let lo = 0;
  let hi = size;
  for (const s of samples) {
    if (s.ns >= target) {
      hi = s.offset;
      break;
    }
    lo = s.offset;
  }
  while (hi - lo > PROBE_BYTES) {
    const mid = Math.floor((lo + hi) / 2);
    const p = await probe(mid);
    if (p === null) return null;
    if (p.ns >= target) hi = mid;
    else lo = mid;
  }
  return { lo, hi };
}

/** First timed line starting at or after `offset` (the line offset falls in is skipped: it is partial). */
async function probeAt(fh: FileHandle, offset: number, size: number, family: FamilyParser, clock: () => Clock): Promise<Probe | null> {
  const c = clock();
  // Read from the byte before `offset`, which tells whether `offset` is itself a line start.
  let pos = Math.max(0, offset - 1);
  let skipFirst = offset > 0;
  let carry = '';
  let carryStart = pos;
  let want = PROBE_FIRST;
  const buf = Buffer.allocUnsafe(PROBE_BYTES);
  while (pos < size && pos - offset < PROBE_MAX) {
    const { bytesRead } = await fh.read(buf, 0, want, pos);
    if (bytesRead === 0) break;
    want = PROBE_BYTES;
    const text = carry + buf.toString('latin1', 0, bytesRead);
    const base = carryStart;
    pos += bytesRead;
    let i = 0;
    if (skipFirst) {
      // Up to and past the first newline from the byte before `offset`: the line `offset` falls in.
      const nl = text.indexOf('\n');
      if (nl < 0) {
        carry = '';
        carryStart = pos;
        continue;
      }
      i = nl + 1;
      skipFirst = false;
    }
    for (;;) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      const line = text.charCodeAt(nl - 1) === 13 ? text.slice(i, nl - 1) : text.slice(i, nl);
      // Latin-1 keeps byte offsets; a header's time is ASCII, so it reads the same.
      const r = family.parse(line);
      if (r !== null && r !== 'malformed' && r.time) {
        const t = c.resolve(r.time, r.yearHint ?? null);
        if (t) return { start: base + i, ns: t.ns };
      }
      i = nl + 1;
    }
    carry = text.slice(i);
    carryStart = base + i;
  }
  return null;
}

async function lineStartAtOrAfter(fh: FileHandle, offset: number, size: number): Promise<number> {
  if (offset <= 0) return 0;
  const buf = Buffer.allocUnsafe(PROBE_BYTES);
  let pos = offset - 1;
  while (pos < size) {
    const { bytesRead } = await fh.read(buf, 0, PROBE_BYTES, pos);
    if (bytesRead === 0) break;
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    if (nl >= 0) return pos + nl + 1;
    pos += bytesRead;
  }
  return size;
}

/**
 * Cuts [from, to) of a file into about `parts` pieces that each start at a line start: the
 * boundaries, from `from` to `to` inclusive.
 * @example await splitAtLines('/var/log/syslog', 0, size, 4) // [0, 1048577, 2097160, 3145742, size]
 */
export async function splitAtLines(path: string, from: number, to: number, parts: number): Promise<number[]> {
  const fh = await openInput(path);
  try {
    const out = [from];
    for (let i = 1; i < parts; i++) {
      const cut = await lineStartAtOrAfter(fh, Math.floor(from + ((to - from) * i) / parts), to);
      if (cut > (out[out.length - 1] ?? from) && cut < to) out.push(cut);
    }
    out.push(to);
    return out;
  } finally {
    await fh.close();
  }
}

export interface CountOptions {
  /** With `chunks`: the size of the chunks, from `from`, whose newlines are counted apart. */
  chunk?: number;
  /** Receives the newlines of each whole chunk in turn (for a line-count index). */
  chunks?: number[];
}

/**
 * Newlines in [from, to) of a file: the number of lines a seek skipped, to number the lines it
 * reads; per chunk too, in the same pass, when asked.
 * @example const before = await countLines('/var/log/syslog', 0, range.from);
 */
export async function countLines(path: string, from: number, to: number, { chunk = Infinity, chunks = [] }: CountOptions = {}): Promise<number> {
  if (to <= from) return 0;
  const fh = await openInput(path);
  try {
    // A read never crosses a chunk boundary, so each read's count belongs to one chunk.
    let n = 0;
    let inChunk = 0;
    let pos = from;
    const boundary = (at: number): number => from + (Math.floor((at - from) / chunk) + 1) * chunk;
    for await (const buffer of reads(fh, from, to, 1 << 20, boundary)) {
      pos += buffer.length;
      let k = 0;
      for (let i = buffer.indexOf(10, 0); i >= 0; i = buffer.indexOf(10, i + 1)) k++;
      n += k;
      inChunk += k;
      if ((pos - from) % chunk === 0) {
        chunks.push(inChunk);
        inChunk = 0;
      }
    }
    return n;
  } finally {
    await fh.close();
  }
}
