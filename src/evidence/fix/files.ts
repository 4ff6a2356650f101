/**
 * File adapter for the FIX engine: streams log files (plain or .gz) line by line, takes session and
 * direction hints from QuickFIX file names, and merges several files in time order.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { NotFoundError } from '../../shared/errors.js';
import { createZone, type Zone } from '../logs/zone.js';
import { settle } from './events.js';
import { hintsFromFileName } from './file-names.js';
import type { FixEventResult } from './events.js';
import { parseFixLine } from './line.js';
import { FixEventStream } from './stream.js';
import type { FixEvent, FixEventOptions, FixRecord } from './types.js';

const LOG_FILE = /\.(?:log|txt|out)(?:\.gz)?$/i;

async function expand(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new NotFoundError(`FIX log not found: ${p}`, { path: p });
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => LOG_FILE.test(n)).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return files;
}

async function* lineBatches(file: string): AsyncGenerator<string[]> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const source = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  source.setEncoding('utf8');
  let rest = '';
  for await (const chunk of source as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  if (rest !== '') yield [rest];
}

/** One file's position: the next parsed line, read ahead so files can be merged by time. */
class Cursor {
  private batch: string[] = [];
  private index = 0;
  private lineNo = 0;
  private readonly batches: AsyncGenerator<string[]>;
  /** Undefined before the first read and after the end; null for a line that is not FIX. */
  current: FixRecord | null | undefined = undefined;

  constructor(
    readonly file: string,
    private readonly zone?: Zone,
  ) {
    this.batches = lineBatches(file);
  }

  /** Moves to the next line already read; false when the batch is used up. Synchronous: most lines need no await. */
  step(): boolean {
    if (this.index >= this.batch.length) return false;
    this.lineNo++;
    this.current = parseFixLine(this.batch[this.index++] ?? '', { file: this.file, line: this.lineNo, ...(this.zone ? { zone: this.zone } : {}) });
    return true;
  }

  /** Moves to the next line, reading more of the file when needed; false at its end. */
  async advance(): Promise<boolean> {
    while (!this.step()) {
      const next = await this.batches.next();
      if (next.done === true) {
        this.current = undefined;
        return false;
      }
      this.batch = next.value;
      this.index = 0;
    }
    return true;
  }

  /** Time used to order files: a record without its own time goes right after its predecessor. */
  get order(): bigint | null {
    const c = this.current;
    return c === null || c === undefined ? null : c.ns;
  }
}

/**
 * Reads FIX engine logs (files or directories of `*.log`), merging files by time so that a
 * session's event log and message log interleave correctly, and returns time-ordered events and
 * statistics. The file name of each file is its `file` in event metadata.
 * @example const { events, stats } = await readFixLogs(['/var/log/quickfix']);
 */
export async function readFixLogs(paths: readonly string[], options: FixEventOptions = {}): Promise<FixEventResult> {
  const stream = new FixEventStream(options);
  const zone = options.tz === undefined ? undefined : createZone(options.tz);
  const files = await expand(paths);
  const cursors: Cursor[] = [];
  for (const file of files) {
    stream.describeSource(file, hintsFromFileName(file));
    const cursor = new Cursor(file, zone);
    if (await cursor.advance()) cursors.push(cursor);
  }
  const events: FixEvent[] = [];
  while (cursors.length > 0) {
    const i = pick(cursors);
    const cursor = cursors[i];
    if (cursor === undefined) break;
    const found = stream.pushRecord(cursor.current ?? null);
    if (found.length) events.push(...found);
    if (!cursor.step() && !(await cursor.advance())) cursors.splice(i, 1);
  }
  events.push(...stream.finish());
  // A session's event log repeats the logons, logouts and resends of its message log: one event each.
  return settle(events, stream.stats());
}

/** The cursor whose record comes first: untimed records at once, then the earliest time, then file order. */
function pick(cursors: readonly Cursor[]): number {
  let best = 0;
  let bestNs: bigint | null = null;
  for (let i = 0; i < cursors.length; i++) {
    const ns = cursors[i]?.order ?? null;
    if (ns === null) return i;
    if (bestNs === null || ns < bestNs) {
      best = i;
      bestNs = ns;
    }
  }
  return best;
}
