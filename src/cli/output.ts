/** Presentation helpers shared by every command: JSON, aligned tables, colour that honours NO_COLOR. */
import pc from 'picocolors';
import { bigintsAsStrings } from '../shared/json.js';

export interface Output {
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export function stdOutput(json: boolean): Output {
  return { json, out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
}

/** Pretty JSON; bigints become strings so nanosecond values never lose digits. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, bigintsAsStrings, 2);
}

function display(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? '';
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ANSI, '').length;

/**
 * Renders rows as an aligned plain-text table; cells may carry colour.
 * @example table([{ id: 'SYS-1', title: 'x' }], ['id', 'title'])
 */
export function table<T extends object>(rows: T[], columns: (keyof T & string)[], { maxWidth = 60 } = {}): string {
  return [...tableLines(() => rows, columns, { maxWidth })].join('\n');
}

/**
 * `table`'s lines, from rows read twice (once for the widths, once to print): rows read from disk
 * need not all be in memory.
 * @example for (const line of tableLines(() => events.map(row), ['time', 'event'])) out(line);
 */
export function* tableLines<T extends object>(rows: () => Iterable<T>, columns: (keyof T & string)[], { maxWidth = 60 } = {}): Generator<string> {
  const cell = (v: unknown) => {
    const s = display(v);
    const flat = s.replace(/\s+/g, ' ');
    return visible(flat) > maxWidth ? `${flat.replace(ANSI, '').slice(0, maxWidth - 1)}…` : flat;
  };
  const widths = columns.map((c) => c.length);
  for (const r of rows()) columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell(r[c])))));
  const line = (vals: string[]) => vals.map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] ?? 0) - visible(v)))).join('  ').trimEnd();
  yield pc.bold(line(columns.map((c) => c.toUpperCase())));
  for (const r of rows()) yield line(columns.map((c) => cell(r[c])));
}

/** Writes to stdout, waiting when the pipe is full. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) return resolve();
    // Each wait takes its listeners away again: a long output waits thousands of times.
    const drained = (): void => {
      process.stdout.off('error', failed);
      resolve();
    };
    const failed = (err: Error): void => {
      process.stdout.off('drain', drained);
      reject(err);
    };
    process.stdout.once('drain', drained).once('error', failed);
  });
}

/** Writes chunks to stdout as they come (and a newline after them with `newline`), waiting when the pipe is full. */
export async function writeChunks(chunks: Iterable<string>, newline = false): Promise<void> {
  for (const c of chunks) await writeOut(c);
  if (newline) await writeOut('\n');
}

export const color = pc;

/** Colour for a severity or state word in human output. */
export function paint(word: string): string {
  if (/^P0|^P1|overdue|error|fail/i.test(word)) return pc.red(word);
  if (/^P2|due|late|warn/i.test(word)) return pc.yellow(word);
  if (/met|ok|closed|approved/i.test(word)) return pc.green(word);
  return word;
}

export interface Progress {
  /** Replaces the line with `text` (at most ten times a second). */
  update(text: string): void;
  /** Clears the line. */
  done(): void;
}

/**
 * A progress line for long work, rewritten in place on stderr. Silent when stderr is not a terminal:
 * a log file or a pipe wants the result, not a stream of carriage returns.
 * @example const p = progressLine(); p.update('evidence: 120/4000 rows'); … p.done();
 */
export function progressLine(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[K${text}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
