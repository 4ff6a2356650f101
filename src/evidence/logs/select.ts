/**
 * Selective file reader: reads a byte range of a log file like `streamLogFile`, with the same line
 * statistics, but parses in full only the lines a selection may want (a time range, a lowest level,
 * a pattern); the rest are only counted, from their header read cheaply. This is what makes a
 * timeline over gigabytes fast: most lines are below the level of interest.
 */
import { openInput } from './open.js';
import { blocks, type Block } from './blocks.js';
import { append, BytesMode, readBytes } from './select-bytes.js';
import { NS_PER_MS } from '../../shared/time.js';
import { levelHint, levelTokens } from './levels.js';
import { createPrescan, FLAG_CONTROL, FLAG_HINT, FLAG_LEVEL, type Prescan } from './prescan.js';
import { lineReason } from './line-checks.js';
import type { QuickHeader } from './family.js';
import { createLogParser, type LogParser } from './parser.js';
import { LEVELS, MAX_LINE_LENGTH, type Level, type LineResult, type LogFileStats, type LogParseOptions } from './types.js';

export interface Selection {
  /** Time range of interest [start, end): lines outside it are counted, not parsed. */
  start: bigint;
  end: bigint;
  /** Lowest level of interest. */
  minLevel: Level;
  /**
   * Lines matching this (a global pattern, run over whole blocks) are parsed whatever their level.
   * It must match the line wherever it would match the record's message (no word boundaries).
   */
  hint?: RegExp;
  /**
   * Text every match of `hint` holds, ignoring ASCII case (one of these at least): with it, a
   * prescan finds the lines the hint may match and the hint runs on those only.
   */
  hintLiterals?: readonly string[];
  /** Parse every line in the time range, whatever its level. */
  all?: boolean;
}

export interface SelectOptions extends LogParseOptions {
  selection: Selection;
  /** Byte range [from, to): `from` must be a line start; lines starting before `to` are read. */
  from?: number;
  to?: number;
  /**
   * Bytes per read. Default 96 KiB: a block's text then stays a young, small V8 string, freed at
   * once; multi-megabyte blocks go to the large-object space and pile up until a full collection.
   */
  chunkSize?: number;
}

export interface SelectedStream {
  /** Statistics of the lines read (final once iteration has finished). */
  readonly stats: LogFileStats;
  /** Results of the lines parsed in full (a superset of the selected records), a block at a time. */
  batches(): AsyncIterable<LineResult[]>;
  /** See LogParser.edges (final once iteration has finished). */
  readonly edges: LogParser['edges'];
}

/**
 * Streams the selected lines of a byte range of a file.
 * @example
 * const s = readSelected('/var/log/app.log', { selection: { start, end, minLevel: 'error' } });
 * for await (const batch of s.batches()) for (const r of batch) if (r.kind === 'record') use(r.record);
 */
export function readSelected(path: string, options: SelectOptions): SelectedStream {
  let parser: LogParser | null = null;
  const empty: LogFileStats = { format: 'plain', lines: 0, parsed: 0, continuation: 0, annotation: 0, rejected: {}, flagged: {} };
  return {
    get stats() {
      return parser?.stats ?? empty;
    },
    get edges() {
      return parser?.edges ?? { firstNs: null, lastNs: null, leadingNoHeader: 0, leadingText: [], lastRecordLine: null };
    },
    batches: () => ({ [Symbol.asyncIterator]: () => run(path, options, (p) => (parser = p)) }),
  };
}

async function* run(path: string, options: SelectOptions, onParser: (p: LogParser) => void): AsyncGenerator<LineResult[]> {
  const { selection: sel, from = 0, chunkSize = 96 << 10, maxLineLength = MAX_LINE_LENGTH } = options;
  const fh = await openInput(path);
  try {
    const size = (await fh.stat()).size;
    const to = Math.min(options.to ?? size, size);
    let latest = options.latest;
    if ((options.year === undefined || options.date === undefined) && latest === undefined) latest = BigInt(Math.floor((await fh.stat()).mtimeMs)) * NS_PER_MS;
    const parser = createLogParser({ ...options, latest });
    onParser(parser);
    const chooser = new WindowChooser(sel);
    const bytesMode = new BytesMode();
    for await (const block of blocks(fh, from, to, chunkSize, maxLineLength * 3 + 3)) {
      const out: LineResult[] = [];
      if (block.tooLong !== undefined) {
        append(out, parser.push(block.tooLong, 'too_long'));
        yield out;
        continue;
      }
      const count = chooser.prescans ? bytesMode.use(parser, block) : 0;
      if (count > 0) {
        const flags = chooser.startBlock(block, count);
        if (flags !== null) {
          bytesMode.done(readBytes(block, bytesMode.starts, count, flags, parser, chooser, out), count);
          if (out.length > 0) yield out;
          continue;
        }
      }
      const { text, lines, invalid } = block;
      const flags = chooser.startBlock(block, lines.length);
      const clean = flags ? false : !CONTROL.test(text);
      let off = 0;
      for (let i = 0; i < lines.length; i++) {
        // Runs of lines the parser would only count. With prescan flags only: the chooser then reads
        // those, not offsets in the block's text, so `off` may go stale past a run unused.
        if (flags !== null) {
          const n = parser.skim(lines, i, invalid, chooser);
          if (n > 0) {
            i += n - 1;
            continue;
          }
        }
        const raw = lines[i] ?? '';
        let line = raw;
        chooser.setLine(i, raw, off, off + line.length);
        off += line.length + 1;
        if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        if (invalid?.has(i)) append(out, parser.push(line, 'invalid_utf8'));
        else append(out, parser.pushQuick(line, chooser, flags ? ((flags[i] as number) & FLAG_CONTROL) === 0 : clean));
      }
      if (out.length > 0) yield out;
    }
    const tail = parser.end();
    if (tail.length > 0) yield tail;
  } finally {
    await fh.close();
  }
}

/**
 * Which lines of a selective read are built into records (the parser's QuickChooser): those in the
 * window at or above the level, or matching the hint. The level and hint patterns run over the
 * block's text, or, with the prescan's flags, on the flagged lines alone (see prescan.ts).
 */
export class WindowChooser {
  private readonly maxRank: number;
  // Patterns over the block's text, run only when a line needs them (found on first use).
  private readonly levels: BlockMatches;
  private readonly hints: BlockMatches | null;
  private readonly hintOne: RegExp | null;
  private readonly levelOne: RegExp;
  private readonly prescan: Prescan | null;
  private flags: Uint8Array | null = null;
  // The current line: its index, its text and its offsets in the block's text (setLine).
  private i = 0;
  private raw = '';
  private a = 0;
  private b = 0;

  constructor(private readonly sel: Selection) {
    this.maxRank = LEVELS.indexOf(sel.minLevel);
    const levelPattern = levelHint(sel.minLevel);
    this.levels = new BlockMatches(levelPattern);
    this.hints = sel.hint ? new BlockMatches(new RegExp(sel.hint.source, sel.hint.flags.includes('g') ? sel.hint.flags : `${sel.hint.flags}g`)) : null;
    this.hintOne = sel.hint ? new RegExp(sel.hint.source, sel.hint.flags.replace(/[gy]/g, '')) : null;
    this.levelOne = new RegExp(levelPattern.source);
    this.prescan = sel.all === true || (sel.hint && !sel.hintLiterals) ? null : createPrescan(levelTokens(sel.minLevel), sel.hintLiterals ?? null);
  }

  /**
   * Prepares a block of `count` lines: its prescan flags (returned), else its text for the block
   * patterns. For a block read from its bytes, null says to read it decoded instead.
   */
  startBlock(block: Block, count: number): Uint8Array | null {
    let flags = this.prescan ? this.prescan.flags(block.bytes) : null;
    // The flags are per line of the bytes; were they ever another count, the block patterns decide.
    if (flags && flags.length !== count) flags = null;
    if (!flags) {
      this.levels.reset(block.text);
      this.hints?.reset(block.text);
    }
    return (this.flags = flags);
  }

  skims(q: QuickHeader): Uint8Array | null {
    const { flags } = this;
    if (flags === null || this.sel.all === true || !q.verbatim || q.message !== undefined) return null;
    return q.levelExact && q.level !== null && this.severe(q.level) ? null : flags;
  }

  /** Whether blocks get prescan flags (else startBlock gives none). */
  get prescans(): boolean {
    return this.prescan !== null;
  }

  severe(level: Level): boolean {
    return LEVELS.indexOf(level) <= this.maxRank;
  }

  setLine(i: number, raw: string, a: number, b: number): void {
    this.i = i;
    this.raw = raw;
    this.a = a;
    this.b = b;
  }

  want(ns: bigint | null, level: Level | null, exact: boolean, verbatim: boolean, message: string | undefined): boolean {
    const { sel } = this;
    if (ns === null || ns < sel.start || ns >= sel.end) return false;
    if (sel.all === true) return true;
    if (exact ? level !== null && this.severe(level) : this.levelIn()) return true;
    if (message !== undefined) return this.hintOne !== null && this.hintInMessage(message);
    return !verbatim || (this.hints !== null && this.hintIn());
  }

  private levelIn(): boolean {
    const { flags } = this;
    return flags ? ((flags[this.i] as number) & FLAG_LEVEL) !== 0 && this.levelOne.test(this.raw) : this.levels.within(this.a, this.b);
  }

  private hintIn(): boolean {
    const { flags } = this;
    return flags ? ((flags[this.i] as number) & FLAG_HINT) !== 0 && (this.hintOne as RegExp).test(this.raw) : (this.hints as BlockMatches).within(this.a, this.b);
  }

  // A message read out of the line (a JSON field, say) cannot hold a hint the line's bytes lack
  // when it is their text; an unescaped, rebuilt or decoded one is tested itself.
  private hintInMessage(message: string): boolean {
    const { flags } = this;
    return flags && ((flags[this.i] as number) & FLAG_HINT) === 0 && this.raw.includes(message) ? false : (this.hintOne as RegExp).test(message);
  }
}

/** Matches of a global pattern in one block's text, found on first use, asked about in line order. */
class BlockMatches {
  private starts: number[] | null = null;
  private k = 0;
  private text = '';

  constructor(private readonly re: RegExp) {}

  reset(text: string): void {
    this.text = text;
    this.starts = null;
    this.k = 0;
  }

  /** Whether a match starts in [from, to]; calls must come with `from` never decreasing. */
  within(from: number, to: number): boolean {
    const s = (this.starts ??= matchStarts(this.re, this.text));
    while (this.k < s.length && (s[this.k] as number) < from) this.k++;
    return this.k < s.length && (s[this.k] as number) <= to;
  }
}
// What makes a line binary (parser.ts); newlines are not in a block's lines.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is looked for
const CONTROL = /[\x00\x02-\x08\x0b-\x1a\x1c-\x1f]/;

/** Start offsets of the matches of a global pattern in a text. */
function matchStarts(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * The file's first clean lines (the ones format detection samples), so that a read from the middle
 * of the file detects the same format as a read from its start.
 * @example const sample = await headSample('/var/log/syslog');
 */
export async function headSample(path: string, { sampleSize = 200, maxLineLength = MAX_LINE_LENGTH }: LogParseOptions = {}): Promise<string[]> {
  const fh = await openInput(path);
  try {
    const size = (await fh.stat()).size;
    const out: string[] = [];
    // Lines that are not clean UTF-8 (decoded with U+FFFD), for a file that has no clean line to sample.
    const fallback: string[] = [];
    let seen = 0;
    // Reads of 128 KiB: 200 lines are usually in the first one, and a larger read (with the next
    // one already under way) would cost more than the sample for each file of a timeline.
    for await (const block of blocks(fh, 0, size, 128 << 10, maxLineLength * 3 + 3)) {
      // Only clean lines are a sample: a line with bad bytes is read, but not used to detect the format.
      if (block.tooLong !== undefined) seen++;
      for (let i = 0; i < block.lines.length && seen < sampleSize && block.tooLong === undefined; i++, seen++) {
        const raw = block.lines[i] as string;
        const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
        if (lineReason(line, maxLineLength) !== null) continue;
        if (!block.invalid?.has(i)) out.push(line);
        else fallback.push(line);
      }
      if (seen >= sampleSize) break;
    }
    return out.length ? out : fallback;
  } finally {
    await fh.close();
  }
}
