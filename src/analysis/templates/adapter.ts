/**
 * File adapters: stream log files into a template miner, chunk by chunk. The per-line work (header
 * parsing, skeleton hashing) runs in worker threads for large inputs and in this thread otherwise;
 * either way this thread mines the lines in input order, so the result is the same. The only
 * modules of this folder that touch the file system or threads are this one, chunks.ts and pool.ts.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { datelessStart, detectFormat } from '../../evidence/logs/index.js';
import { fileMtimeNs } from '../../evidence/files.js';
import { readChunks, type Chunk } from './chunks.js';
import { sampleable, isInvalidUtf8, MAX_LINE_LENGTH, SAMPLE_SIZE, type LogSetup } from './lines.js';
import { createTemplateMiner, type MinedTemplate, type TemplateMinerOptions } from './miner.js';
import { acquirePool, releasePool } from './pool.js';
import type { FileQuality } from './quality.js';
import { createLogPreparer, lineDecoder, lineEnd, lineStarts, prepareLogChunk, prepareRawChunk, type PreparedChunk } from './prepare.js';
import { LogTally, type LineAssignment, type SeenTemplate } from './tally.js';

export interface ThreadOptions {
  /**
   * Worker threads for the per-line work: 'auto' (default) uses one per core (at most 8) when the
   * input is at least 16 MiB and there are two or more cores; 0 keeps everything in this thread.
   */
  threads?: number | 'auto';
  /** Bytes per chunk. */
  chunkSize?: number;
  /** The compiled worker script (tests point it at a bundle of worker.ts). */
  workerUrl?: URL;
}

export interface MineFileOptions extends TemplateMinerOptions, ThreadOptions {
  /**
   * Turns a raw line into the message to mine (e.g. strips the header); return undefined to skip
   * the line. Every line is then decoded in this thread, which is slower than mining whole lines.
   */
  message?: (line: string) => string | undefined;
}

export interface MinedFile {
  templates: MinedTemplate[];
  /** Per mined line, its index in `templates` (empty when trackLines is false). */
  lineTemplates: Int32Array;
  /** Lines read (including skipped ones). */
  lines: number;
}

const AUTO_BYTES = 16 << 20;
const MAX_AUTO_WORKERS = 8;
/** Longest line evidence/logs buffers (its 65,536 characters at up to 3 bytes each). */
const MAX_LINE_BYTES = MAX_LINE_LENGTH * 3 + 3;
// In the bundle (src/cli/bundle.ts) the worker script sits beside this module's chunk under its entry name.
declare const PFA_BUNDLED: boolean | undefined;
const DEFAULT_WORKER = new URL(typeof PFA_BUNDLED !== 'undefined' ? './templates-worker.js' : './worker.js', import.meta.url);

/**
 * Mines the templates of whole lines of a UTF-8 text file (LF or CRLF line ends).
 * @example const { templates } = await mineLogFile('/var/log/app.log', { message: (l) => l.slice(24) });
 */
export async function mineLogFile(path: string, options: MineFileOptions = {}): Promise<MinedFile> {
  const { message, chunkSize, threads = 'auto', workerUrl = DEFAULT_WORKER, trackLines = true, ...minerOptions } = options;
  const miner = createTemplateMiner({ ...minerOptions, trackLines });
  let lines = 0;
  const recycled: Uint8Array<ArrayBuffer>[] = [];
  const chunks = readChunks(path, { recycled, ...(chunkSize !== undefined ? { chunkSize } : {}) });
  if (message) {
    for await (const { bytes, end } of chunks) {
      const starts = lineStarts(bytes, end);
      for (let i = 0; i + 1 < starts.length; i++, lines++) {
        const m = message(lineDecoder.decode(bytes.subarray(starts[i], lineEnd(bytes, starts, i))));
        if (m !== undefined) miner.add(m);
      }
      if (recycled.length < 2) recycled.push(bytes);
    }
  } else {
    const workers = await workerCount(threads, [path]);
    await runChunks(workers, workerUrl, recycled, [{ chunks, setup: null }], (c) => {
      for (let i = 0; i < c.lines; i++) {
        if (!miner.addCached(c.keys[2 * i] as number, c.keys[2 * i + 1] as number, true)) miner.addBytes(c.bytes, c.starts[i], lineEnd(c.bytes, c.starts, i));
      }
      lines += c.lines;
    });
  }
  return { templates: miner.templates(), lineTemplates: trackLines ? miner.lineTemplates() : new Int32Array(0), lines };
}

export interface MineLogsOptions extends TemplateMinerOptions, ThreadOptions {
  /** Zone of timestamps that carry none (UTC, +02:00, an IANA name). */
  tz?: string;
  /** Year of timestamps without one; by default the year that puts them before the file's mtime. */
  year?: number;
  /** Date of times of day written without one; by default the date that puts them before the file's mtime. */
  date?: string;
}

export interface MinedLogs {
  /** Final templates, most frequent first, with the first and last time seen. */
  templates: SeenTemplate[];
  /** Lines mined (all but empty and binary ones). */
  lines: number;
  /** Per file, in input order: lines read, skipped as binary, mined though not valid UTF-8 (quality.ts). */
  files: FileQuality[];
  /** Each mined line in input order (needs trackLines); one object updated in place. */
  eachLine(): Iterable<LineAssignment>;
}

/**
 * Mines the messages of log files, headers detected as in `pfa logs parse`: a line with a
 * recognized header gives its message and time, any other line is mined whole.
 * @example const { templates } = await mineLogs(['/var/log/syslog'], { tz: 'UTC' }); templates[0].firstSeen
 */
export async function mineLogs(files: readonly string[], options: MineLogsOptions = {}): Promise<MinedLogs> {
  const { tz = 'UTC', year, date, chunkSize, threads = 'auto', workerUrl = DEFAULT_WORKER, trackLines = true, ...minerOptions } = options;
  // each file's mtime first: it bounds the year of yearless times, and a missing file fails here
  const latest = files.map((file) => fileMtimeNs(file));
  // A log of times of day without a date is dated from its end (evidence/logs' dateless.ts): read once more, before.
  const dates = date !== undefined ? files.map(() => null) : await Promise.all(files.map((file, i) => datelessStart(file, { tz, latest: latest[i] })));
  const miner = createTemplateMiner({ ...minerOptions, trackLines });
  const tally = new LogTally(miner, trackLines);
  const workers = await workerCount(threads, files);
  const recycled: Uint8Array<ArrayBuffer>[] = [];
  const plans: ChunkPlan[] = files.map((file, i) => ({
    chunks: readChunks(file, { stripBom: true, maxLineBytes: MAX_LINE_BYTES, recycled, ...(chunkSize !== undefined ? { chunkSize } : {}) }),
    setup: (head) => ({ ...sampleFrom(head), tz, latest: latest[i] as bigint, ...(year !== undefined ? { year } : {}), ...(date !== undefined ? { date } : {}), ...dateOf(dates[i]) }),
  }));
  await runChunks(workers, workerUrl, recycled, plans, (c) => tally.consume(c), (setup) => tally.startFile(setup));
  return { templates: tally.templates(), lines: miner.lineCount, files: tally.quality(), eachLine: () => tally.eachLine() };
}

const dateOf = (estimated: string | null | undefined): Pick<LogSetup, 'date' | 'dateAssumed'> => (estimated ? { date: estimated, dateAssumed: true } : {});

interface ChunkPlan {
  chunks: AsyncGenerator<Chunk>;
  /** Log files: the file's setup from its first chunks (raw lines: null). */
  setup: ((head: Chunk[]) => LogSetup) | null;
}

/** Format detection as evidence/logs does it: over the lines of the first SAMPLE_SIZE that it does not reject. */
function sampleFrom(head: Chunk[]): Pick<LogSetup, 'format' | 'sample'> {
  const clean: string[] = [];
  // As evidence/logs does: a file without a clean line is detected from its lines with bad bytes.
  const invalid: string[] = [];
  let seen = 0;
  for (const { bytes, end, cut } of head) {
    if (cut) {
      seen++; // evidence/logs rejects it as too long
      continue;
    }
    const starts = lineStarts(bytes, end);
    for (let i = 0; i + 1 < starts.length && seen < SAMPLE_SIZE; i++, seen++) {
      const a = starts[i] as number;
      const b = lineEnd(bytes, starts, i);
      const text = lineDecoder.decode(bytes.subarray(a, b));
      const bad = text.includes('\uFFFD') && isInvalidUtf8(bytes, a, b);
      if (sampleable(text, bad)) clean.push(text);
      else if (bad && sampleable(text, false)) invalid.push(text);
    }
  }
  const sample = clean.length ? clean : invalid;
  return { format: detectFormat(sample).format, sample };
}

/** A file's setup or a chunk, in input order. */
interface Step {
  setup?: LogSetup;
  chunk?: Promise<PreparedChunk>;
}

/**
 * Runs the plans' chunks through `workers` worker threads (0: in this thread) and hands each
 * prepared chunk to `consume` in input order (a log file's setup to `start` before its chunks),
 * with at most two chunks per worker in flight; consumed chunk buffers go to `recycled`.
 */
async function runChunks(
  workers: number,
  url: URL,
  recycled: Uint8Array<ArrayBuffer>[],
  plans: ChunkPlan[],
  consume: (c: PreparedChunk) => void,
  start?: (s: LogSetup) => void,
): Promise<void> {
  const pool = workers > 0 ? acquirePool(workers, url) : null;
  let ok = false;
  const steps: Step[] = [];
  const next = async (): Promise<void> => {
    const step = steps.shift() as Step;
    if (step.setup) start?.(step.setup);
    if (step.chunk) {
      const c = await step.chunk;
      consume(c);
      if (recycled.length < 8) recycled.push(c.bytes as Uint8Array<ArrayBuffer>);
    }
  };
  try {
    for (const plan of plans) {
      const head: Chunk[] = [];
      let setup: LogSetup | null = null;
      if (plan.setup) {
        // read ahead until the detection sample is complete
        let lines = 0;
        while (lines < SAMPLE_SIZE) {
          const r = await plan.chunks.next();
          if (r.done) break;
          head.push(r.value);
          lines += lineStarts(r.value.bytes, r.value.end).length - 1;
        }
        setup = plan.setup(head);
        steps.push({ setup });
      }
      pool?.setup(setup);
      const preparer = setup && !pool ? createLogPreparer(setup) : null;
      const submit = async (c: Chunk): Promise<void> => {
        let chunk: Promise<PreparedChunk>;
        if (pool) {
          chunk = pool.prepare(c.bytes, c.end, c.cut === true);
          chunk.catch(() => undefined); // awaited in order by next(); a failure surfaces there
        } else chunk = Promise.resolve(preparer ? prepareLogChunk(preparer, c.bytes, c.end, c.cut === true) : prepareRawChunk(c.bytes, c.end));
        steps.push({ chunk });
        while (steps.length > 2 * Math.max(1, workers)) await next();
      };
      for (const c of head) await submit(c);
      for await (const c of plan.chunks) await submit(c);
    }
    while (steps.length > 0) await next();
    ok = true;
  } finally {
    if (pool) await releasePool(pool, url, ok);
  }
}

async function workerCount(threads: number | 'auto', files: readonly string[]): Promise<number> {
  if (threads !== 'auto') return Math.max(0, Math.floor(threads));
  const cores = availableParallelism();
  if (cores < 2) return 0;
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  // one thread mines what the workers prepare: past a few workers it is the bottleneck
  return bytes >= AUTO_BYTES ? Math.min(cores, MAX_AUTO_WORKERS) : 0;
}

