/**
 * File adapter: feeds a log file's lines (read a block at a time by blocks.ts, a `\r` before the
 * `\n` dropped) to the per-file parser, with invalid UTF-8 and over-long lines rejected by reason.
 */
import { openInput } from './open.js';
import { NS_PER_MS } from '../../shared/time.js';
import { blocks } from './blocks.js';
import { datelessStart } from './dateless.js';
import { createLogParser, type LogParser } from './parser.js';
import { MAX_LINE_LENGTH, type LineResult, type LogFileStats, type LogParseOptions } from './types.js';

export interface StreamLogOptions extends LogParseOptions {
  /** Bytes read per system call. Default 1 MiB. */
  chunkSize?: number;
}

export interface LogFileStream extends AsyncIterable<LineResult> {
  /** Counts so far; final once iteration has finished. */
  readonly stats: LogFileStats;
  /** The date its first line was given, for a log of times of day without one that the options did not date; else null. */
  readonly assumedDate: string | null;
  /** The same results, a chunk's worth at a time: much cheaper than one `await` per line. */
  batches(): AsyncIterable<LineResult[]>;
}

/**
 * Streams the parsed lines of a file. Without `year` or `latest`, yearless timestamps are placed
 * at or before the file's modification time.
 * @example
 * const stream = streamLogFile('/var/log/syslog', { tz: 'Europe/London' });
 * for await (const r of stream) if (r.kind === 'record') console.log(r.record.timestamp, r.record.message);
 * console.log(stream.stats);
 */
export function streamLogFile(path: string, options: StreamLogOptions = {}): LogFileStream {
  let parser: LogParser | null = null;
  let assumedDate: string | null = null;
  const empty: LogFileStats = { format: 'plain', lines: 0, parsed: 0, continuation: 0, annotation: 0, rejected: {}, flagged: {} };
  const batches = (): AsyncGenerator<LineResult[]> =>
    read(path, options, (p, date) => {
      parser = p;
      assumedDate = date;
    });
  return {
    get stats() {
      return parser?.stats ?? empty;
    },
    get assumedDate() {
      return assumedDate;
    },
    batches: () => ({ [Symbol.asyncIterator]: batches }),
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

async function* read(path: string, options: StreamLogOptions, onParser: (p: LogParser, date: string | null) => void): AsyncGenerator<LineResult[]> {
  const { chunkSize = 1 << 20, maxLineLength = MAX_LINE_LENGTH } = options;
  const fh = await openInput(path);
  try {
    let latest = options.latest;
    if ((options.year === undefined || options.date === undefined) && latest === undefined) {
      latest = BigInt(Math.floor((await fh.stat()).mtimeMs)) * NS_PER_MS;
    }
    // A log of times of day without a date is dated from its end (see dateless.ts).
    const date = options.date === undefined ? await datelessStart(path, { ...options, latest }) : null;
    const parser = createLogParser({ ...options, latest, ...(date !== null ? { date, dateAssumed: true } : {}) });
    onParser(parser, date);
    // A UTF-16 unit takes at most 3 UTF-8 bytes: a longer partial line is over the cap for sure.
    // To the end of the file as it is read, not as it was when opened: a pipe, a growing file.
    for await (const block of blocks(fh, 0, Infinity, chunkSize, maxLineLength * 3 + 3)) {
      const out: LineResult[] = [];
      if (block.tooLong !== undefined) {
        for (const r of parser.push(block.tooLong, 'too_long')) out.push(r);
      } else {
        const { lines, invalid } = block;
        for (let i = 0; i < lines.length; i++) {
          let line = lines[i] as string;
          if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
          for (const r of parser.push(line, invalid?.has(i) ? 'invalid_utf8' : undefined)) out.push(r);
        }
      }
      if (out.length > 0) yield out;
    }
    const out = [...parser.end()];
    if (out.length > 0) yield out;
  } finally {
    await fh.close();
  }
}
