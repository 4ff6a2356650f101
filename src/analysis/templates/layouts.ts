/**
 * Header layouts of one log file, learned from the lines the text family reads in full, so that
 * the lines laid out like them skip the header scan: the native pass (native/templates.c) finds a
 * line's layout, its message's skeleton key and its time's key and digits, over the chunk's bytes.
 *
 * Why it gives the full scan's answer: the scan reads digits only as a class, except for the
 * values of the times it accepts (evidence/logs' timestamp.ts trace). A layout is the line's first
 * `span` characters, each digit as '0', as far as the scan read (header.ts' scanReach), learned only
 * when no value decided a step. A line that fits it is scanned the same way but for its times: the
 * time matches' bytes other than the header time's minutes, seconds and fraction (the time key)
 * then decide the rest, so the time comes from the first line read in full with the same key,
 * with this line's minutes, seconds and fraction, when they are valid. Any other line is read in full.
 */
import type { HeadLayout } from '../../evidence/logs/family.js';
import { nativeFunction, type NativeTemplateLines } from '../../evidence/logs/native.js';
import { grown } from './arrays.js';
import * as chars from './chars.js';

/** Int32 numbers per line in `out`: layout (-1: none, -2: not printable ASCII), skeleton key (2), time key (2), minute, second, fraction. */
export const OUT_STRIDE = 8;
const HEAD = 4;
const STRIDE = 10;
const SLOTS = 8192;
/** Layouts kept per file; past it, no more are learned. */
const MAX_LAYOUTS = 4096;
/** Longest stretch of a line a layout covers. */
const MAX_SPAN = 320;
/** Time keys kept in all (hours of a log times its layouts, many times over); past it, they are learned again. */
const MAX_TIMES = 65_536;
const END = 0x1f;
const P1 = 0x01000193;
const P2 = 31;
const SEED1 = 0x811c9dc5 | 0;
const SEED2 = 0x2545f491;
const LAYOUTS_AT = HEAD + 2 * SLOTS;
const REGIONS_AT = LAYOUTS_AT + MAX_LAYOUTS * STRIDE;
// Layout fields (native/templates.c's L_*).
const SPAN = 0;
const TERM = 1;
const MESSAGE = 2;
const PATTERN = 3;
const REGIONS = 4;
const REGION_AT = 5;
const MINUTE = 6;
const SECOND = 7;
const FRAC_FROM = 8;
const FRAC_TO = 9;

/** The byte classes of chars.ts that the skeleton hash reads (the native pass's `classes`). */
export const classes = chars.CLASS.slice(0, 256);

/**
 * What a time key gives a line of its layout: the header time's kind (times.ts TIME_*) and either
 * its instant at minute and second 0 (TIME_KNOWN; `sec`, `nanos`, `digits` whole when the layout
 * has no minute digits) or its packed form (TIME_DEFERRED), whose minute, second and fraction each
 * line replaces.
 */
export interface TimeProto {
  kind: number;
  sec: number;
  nanos: number;
  digits: number;
  packed: Float64Array | null;
  /** The hour as written: a minute or second other than 0 is valid only below 24. */
  hour: number;
  /** The time key's second lane (the map is keyed by the first: small integers, which V8 keeps unboxed). */
  lane2: number;
}

interface LayoutTimes {
  /** Digits of the written fraction (a millisecond count is three), when the layout has minute digits. */
  fracDigits: number;
  times: Map<number, TimeProto>;
}

/**
 * The layouts learned from one file's lines, laid out for the native pass.
 * @example
 * const table = new LayoutTable();
 * const id = table.learn(line, parser.layout(line)!); // right after a full read of line
 */
export class LayoutTable {
  table = new Int32Array(REGIONS_AT + 1024);
  patterns = new Uint8Array(16_384);
  readonly endsAt = new Uint8Array(MAX_SPAN + 2);
  readonly layouts: LayoutTimes[] = [];
  /** Lines that took a layout (the rest were read in full). */
  hits = 0;
  private timesKept = 0;
  private regionsEnd = REGIONS_AT;
  private patternsEnd = 0;

  constructor() {
    this.table[0] = SLOTS;
  }

  /**
   * Learns the layout of `line`, which the family read in full just now into `l`; its id, or -1
   * when it cannot be one (too long, not printable ASCII, the table full).
   */
  learn(line: string, l: HeadLayout): number {
    if (this.layouts.length >= MAX_LAYOUTS) return -1;
    // A line is looked up at a space or tab after its span (the character there is compared too),
    // or at its end: where the scan read up to the line's end, its length is part of the layout.
    let span = l.reach >= line.length ? line.length : Math.max(0, l.reach - 1);
    while (span < line.length && line.charCodeAt(span) !== 32 && line.charCodeAt(span) !== 9) span++;
    if (span > MAX_SPAN || span <= l.messageAt || l.matches.length > 32) return -1;
    if (line.charCodeAt(0) === 45 && line.charCodeAt(1) === 45 && line.charCodeAt(2) === 32) return -1; // the native pass reads these whole
    const atEnd = span === line.length;
    let h = SEED1;
    if (this.patternsEnd + span > this.patterns.length) this.patterns = grown(this.patterns, this.patternsEnd + span);
    for (let i = 0; i < span; i++) {
      const c = line.charCodeAt(i);
      if ((c < 32 && c !== 9) || c > 126) return -1;
      const d = c >= 48 && c <= 57 ? 48 : c;
      h = Math.imul(h ^ d, P1);
      this.patterns[this.patternsEnd + i] = d;
    }
    if (atEnd) h = Math.imul(h ^ END, P1);
    // A line of a batch the native pass read before an earlier line of it taught this layout: the same one.
    const known = this.find(h);
    if (known >= 0 && this.samePattern(known, span, atEnd ? -1 : line.charCodeAt(span))) return known;
    const id = this.layouts.length;
    const regions = l.matches.length / 2;
    if (this.regionsEnd + l.matches.length > this.table.length) this.table = grown(this.table, this.regionsEnd + l.matches.length);
    const { table } = this;
    const at = LAYOUTS_AT + id * STRIDE;
    const d = l.chosen >= 0 ? l.digits : null;
    table[at + SPAN] = span;
    table[at + TERM] = atEnd ? -1 : line.charCodeAt(span);
    table[at + MESSAGE] = l.messageAt;
    table[at + PATTERN] = this.patternsEnd;
    table[at + REGIONS] = regions;
    table[at + REGION_AT] = this.regionsEnd;
    table[at + MINUTE] = d ? d.minute : -1;
    table[at + SECOND] = d ? d.second : -1;
    table[at + FRAC_FROM] = d ? d.fracFrom : 0;
    table[at + FRAC_TO] = d ? d.fracTo : 0;
    table.set(l.matches, this.regionsEnd);
    this.regionsEnd += l.matches.length;
    this.patternsEnd += span;
    let slot = h & (SLOTS - 1);
    while (table[HEAD + 2 * slot + 1] !== 0 && table[HEAD + 2 * slot] !== h) slot = (slot + 1) & (SLOTS - 1);
    table[HEAD + 2 * slot] = h;
    table[HEAD + 2 * slot + 1] = id + 1;
    this.endsAt[span] = 1;
    if (span > (table[1] as number)) table[1] = span;
    this.layouts.push({ fracDigits: d ? (d.msCount ? 3 : d.fracTo - d.fracFrom) : 0, times: new Map() });
    return id;
  }

  /**
   * The time key of bytes [a, …) of `bytes` in layout `id`: its first lane returned, its second
   * lane, minute, second and fraction in ms[3], ms[0], ms[1], ms[2] (minute -1 without minute digits).
   */
  keyOf(id: number, bytes: Uint8Array, a: number, ms: Int32Array): number {
    const { table } = this;
    const at = LAYOUTS_AT + id * STRIDE;
    const minute = table[at + MINUTE] as number;
    const second = table[at + SECOND] as number;
    const f0 = table[at + FRAC_FROM] as number;
    const f1 = table[at + FRAC_TO] as number;
    let t1 = SEED1;
    let t2 = SEED2;
    const regions = table[at + REGIONS] as number;
    const r0 = table[at + REGION_AT] as number;
    for (let r = 0; r < regions; r++) {
      const ra = table[r0 + 2 * r] as number;
      const rb = table[r0 + 2 * r + 1] as number;
      for (let j = ra; j < rb; j++) {
        if (minute >= 0 && ((j >= minute && j < minute + 2) || (j >= second && j < second + 2) || (j >= f0 && j < f1))) continue;
        const c = bytes[a + j] as number;
        t1 = Math.imul(t1 ^ c, P1);
        t2 = (Math.imul(t2, P2) + c) | 0;
      }
      t1 = Math.imul(t1 ^ 0x100, P1);
      t2 = (Math.imul(t2, P2) + 0x100) | 0;
    }
    ms[0] = minute >= 0 ? digitsAt(bytes, a + minute, a + minute + 2) : -1;
    ms[1] = minute >= 0 ? digitsAt(bytes, a + second, a + second + 2) : -1;
    ms[2] = minute >= 0 ? digitsAt(bytes, a + f0, a + f1) : 0;
    ms[3] = t2;
    return t1;
  }

  /** What time key (t1, t2) of layout `id` gives, if known. */
  timeOf(id: number, t1: number, t2: number): TimeProto | undefined {
    const proto = (this.layouts[id] as LayoutTimes).times.get(t1 & 0x3fffffff);
    return proto !== undefined && proto.lane2 === t2 ? proto : undefined;
  }

  /** The layout whose pattern hashes to h, or -1. */
  private find(h: number): number {
    const { table } = this;
    for (let slot = h & (SLOTS - 1); table[HEAD + 2 * slot + 1] !== 0; slot = (slot + 1) & (SLOTS - 1)) {
      if (table[HEAD + 2 * slot] === h) return (table[HEAD + 2 * slot + 1] as number) - 1;
    }
    return -1;
  }

  /** Whether layout `id` has the pattern just written past patternsEnd (span bytes) and this term. */
  private samePattern(id: number, span: number, term: number): boolean {
    const at = LAYOUTS_AT + id * STRIDE;
    if (this.table[at + SPAN] !== span || this.table[at + TERM] !== term) return false;
    const from = this.table[at + PATTERN] as number;
    for (let i = 0; i < span; i++) if (this.patterns[from + i] !== this.patterns[this.patternsEnd + i]) return false;
    return true;
  }

  /** Where layout `id` has the message. */
  messageAt(id: number): number {
    return this.table[LAYOUTS_AT + id * STRIDE + MESSAGE] as number;
  }

  /** Remembers what the time key whose first lane is t1 (proto.lane2 its second) of layout `id` gives (see TimeProto). */
  remember(id: number, t1: number, proto: TimeProto): void {
    if (this.timesKept >= MAX_TIMES) {
      for (const l of this.layouts) l.times.clear();
      this.timesKept = 0;
    }
    const times = (this.layouts[id] as LayoutTimes).times;
    const size = times.size;
    times.set(t1 & 0x3fffffff, proto);
    this.timesKept += times.size - size;
  }
}

function digitsAt(bytes: Uint8Array, a: number, b: number): number {
  let v = 0;
  for (let i = a; i < b; i++) v = v * 10 + (bytes[i] as number) - 48;
  return v;
}


/** The native pass, where the addon is built and wanted (else the chunk is read line by line). */
export function templateLines(): NativeTemplateLines | undefined {
  return nativeFunction('templateLines');
}
