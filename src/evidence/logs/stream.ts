/**
 * File adapter: reads a log file in large chunks, splits complete lines on `\n` (dropping a `\r`),
 * decodes each block at once and checks UTF-8 strictly only for lines that decoded with a
 * replacement character, and feeds the per-file parser. Never holds more than one over-long line
 * prefix in memory.
 */
import { open } from 'node:fs/promises';
import { NS_PER_MS } from '../../shared/time.js';
import { createLogParser, type LogParser } from './parser.js';
import type { LineResult, LogFileStats, LogParseOptions } from './types.js';

export interface StreamLogOptions extends LogParseOptions {
  /** Bytes read per system call. Default 1 MiB. */
  chunkSize?: number;
}

export interface LogFileStream extends AsyncIterable<LineResult> {
  /** Counts so far; final once iteration has finished. */
  readonly stats: LogFileStats;
  /** The same results, a chunk's worth at a time: much cheaper than one `await` per line. */
  batches(): AsyncIterable<LineResult[]>;
}

const strict = new TextDecoder('utf-8', { fatal: true });

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
  const empty: LogFileStats = { format: 'plain', lines: 0, parsed: 0, continuation: 0, rejected: {}, flagged: {} };
  const batches = (): AsyncGenerator<LineResult[]> => read(path, options, (p) => (parser = p));
  return {
    get stats() {
      return parser?.stats ?? empty;
    },
    batches: () => ({ [Symbol.asyncIterator]: batches }),
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

async function* read(path: string, options: StreamLogOptions, onParser: (p: LogParser) => void): AsyncGenerator<LineResult[]> {
  const { chunkSize = 1 << 20, maxLineLength = 65_536 } = options;
  const fh = await open(path, 'r');
  try {
    let latest = options.latest;
    if (options.year === undefined && latest === undefined) {
      latest = BigInt(Math.floor((await fh.stat()).mtimeMs)) * NS_PER_MS;
    }
    const parser = createLogParser({ ...options, latest });
    onParser(parser);
    // A UTF-16 unit takes at most 3 UTF-8 bytes: a longer partial line is over the cap for sure.
    const maxBytes = maxLineLength * 3 + 3;
    const buf = Buffer.allocUnsafe(chunkSize);
    let carry: Buffer | null = null;
    let skipping = false;
    let first = true;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, chunkSize, null);
      if (bytesRead === 0) break;
      let data = buf.subarray(0, bytesRead);
      if (skipping) {
        const nl = data.indexOf(10);
        if (nl < 0) continue;
        data = data.subarray(nl + 1);
        skipping = false;
      }
      if (carry) {
        data = Buffer.concat([carry, data]);
        carry = null;
      }
      const out: LineResult[] = [];
      const lastNl = data.lastIndexOf(10);
      if (lastNl >= 0) {
        decodeBlock(data, lastNl, first, parser, out);
        first = false;
      }
      const rest = data.subarray(lastNl + 1);
      if (rest.length > maxBytes) {
        // Reject the line now and drop the rest of it as it streams past.
        for (const r of parser.push(rest.toString('utf8', 0, Math.min(rest.length, 256)), 'too_long')) out.push(r);
        skipping = true;
        first = false;
      } else if (rest.length > 0) {
        carry = Buffer.from(rest); // `buf` is reused by the next read
      }
      if (out.length > 0) yield out;
    }
    const out: LineResult[] = [];
    if (carry && carry.length > 0) decodeBlock(carry, carry.length, first, parser, out);
    for (const r of parser.end()) out.push(r);
    if (out.length > 0) yield out;
  } finally {
    await fh.close();
  }
}

/** Decodes bytes [0, end) as complete lines and pushes them to the parser. */
function decodeBlock(data: Buffer, end: number, first: boolean, parser: LogParser, out: LineResult[]): void {
  let text = data.toString('utf8', 0, end);
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  // The replacement character is rare in real logs: only then find which lines' bytes are invalid.
  const invalid = text.includes('\ufffd') ? invalidLines(data, end, lines) : null;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    const results = parser.push(line, invalid?.has(i) ? 'invalid_utf8' : undefined);
    for (const r of results) out.push(r);
  }
}

function invalidLines(data: Buffer, end: number, lines: string[]): Set<number> {
  const bad = new Set<number>();
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    let nl = data.indexOf(10, pos);
    if (nl < 0 || nl > end) nl = end;
    if (lines[i]?.includes('\ufffd')) {
      try {
        strict.decode(data.subarray(pos, nl));
      } catch {
        bad.add(i);
      }
    }
    pos = nl + 1;
  }
  return bad;
}
