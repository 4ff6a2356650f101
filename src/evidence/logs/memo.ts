/**
 * The file parser's memory of the last quick header: consecutive lines of a log mostly share their
 * time up to the hour, so a line whose key text is the remembered line's but for the minutes,
 * seconds and fraction digits (QuickHeader.keyTime) has the same header at its own time, and within
 * a minute its instant is the clock's last one moved by those digits. One regex built from the
 * remembered line checks that, instead of the family's general reading and the clock's date arithmetic.
 */
import type { Clock, Instant } from './clock.js';
import type { QuickHeader } from './family.js';
import { nativeFunction } from './native.js';
import { NO_ZONE_AHEAD, ZONE_WORDS, type TimeKey, type WallTime } from './timestamp.js';

/**
 * The quick header of the last line the family read, reused for the next lines that share it.
 * @example
 * const memo = new QuickMemo(clock);
 * memo.remember(line, q, clock.resolve(q.time)!); // after a quick header with a key
 * memo.recall(next); // next's instant when its key text matches, else null
 */
export class QuickMemo {
  /** The remembered line's header: the next line's as well when recall() gives an instant. */
  header: QuickHeader | null = null;
  /** The fractional digits of the instants recall() gives. */
  digits = 0;
  private ns = 0n;
  private time: WallTime | null = null;
  // The text before the minutes (or the whole key for a header that names no time), compared as it
  // is for the first next line; the regex is built only for a line that shares it, so a file whose
  // every line has a new hour builds none.
  private prefix = '';
  private text = '';
  private re: RegExp | null = null;
  // The key's bytes for skimBytes, made from `text` on first use (null: not ASCII, or a tail it cannot read).
  private key: Uint8Array | null | undefined;
  private at: TimeKey | null = null;
  private scale = 1;
  // The minute the clock last resolved for this memo, which sameMinute() moves within.
  private minute = -1;

  constructor(private readonly clock: Clock) {}

  /** Forgets the header (something other than recall() moved the clock, or the family said nothing reusable). */
  clear(): void {
    this.header = null;
  }

  /** After the family read `text` into `q` and the clock resolved its time to `t` (its last resolve). */
  remember(text: string, q: QuickHeader, t: Instant): void {
    const key = q.key;
    const time = q.time?.kind === 'wall' ? q.time : null;
    const k = q.keyTime ?? null;
    if (key === undefined || key > text.length || (k !== null && (time === null || !ordered(k, key)))) {
      this.header = null;
      return;
    }
    // The regex of the line before, when this line's key matches it, is this line's own: a line after
    // a stack trace or an odd line is remembered again, and builds nothing.
    const re = this.re;
    this.re = re !== null && k !== null && sameTime(k, this.at) && re.test(text) ? re : null;
    this.header = q;
    this.at = k;
    this.key = undefined;
    // The next lines are not the first of the file, so their year is not assumed: an instant is all they need.
    this.ns = t.ns;
    this.digits = t.digits;
    if (k === null || time === null) {
      this.prefix = text.slice(0, key);
      return;
    }
    this.time = time;
    this.minute = time.minute;
    this.scale = SCALE[k.fracTo - k.fracFrom] ?? 1;
    this.prefix = text.slice(0, k.minute);
    this.text = text;
  }

  /**
   * The instant of `text` (ns, with `digits` fractional digits) when it shares the remembered header
   * (then `header` is its header too); null otherwise. An object per line would cost more than the rest.
   */
  recall(text: string): bigint | null {
    if (this.header === null) return null;
    const k = this.at;
    let re = this.re;
    if (re === null) {
      if (!text.startsWith(this.prefix)) return null;
      if (k === null) return this.ns;
      re = this.re = compiled(source(this.text, k));
    }
    if (k === null || !re.test(text)) return null;
    const minute = digits2(text, k.minute);
    const second = digits2(text, k.second);
    let frac = 0;
    for (let i = k.fracFrom; i < k.fracTo; i++) frac = frac * 10 + text.charCodeAt(i) - 48;
    if (minute === this.minute) return this.clock.sameMinute(second, frac * this.scale);
    return this.nextMinute(text, minute, second);
  }

  /** After skim(): the second and fraction digits of the run's last line, and how many of its lines went back in time. */
  skimSecond = 0;
  skimFrac = 0;
  skimBack = 0;

  /**
   * How many of `lines` from `from` on are the remembered header at another second of its minute
   * and hold nothing else to read: no prescan flag, valid UTF-8 (not in `invalid`), at most
   * `maxLength` long, no CR to drop. recall() would give each an instant and the reader would count
   * it and go on; this reads their digits only, in numbers (ns from the minute's start, `prev` the
   * instant before them), and skimEnd() moves the clock to the last one as recall() would have.
   */
  skim(lines: readonly string[], from: number, flags: Uint8Array, invalid: ReadonlySet<number> | null | undefined, maxLength: number, prev: number): number {
    const re = this.re;
    const k = this.at;
    if (this.header === null || re === null || k === null) return 0;
    const { minute, scale } = this;
    let back = 0;
    let second = 0;
    let frac = 0;
    let i = from;
    for (; i < lines.length; i++) {
      if (flags[i] !== 0 || invalid?.has(i) === true) break;
      const text = lines[i] as string;
      if (text.length > maxLength || text.charCodeAt(text.length - 1) === 13 || !re.test(text) || digits2(text, k.minute) !== minute) break;
      const s = digits2(text, k.second);
      if (s > 59) break;
      let f = 0;
      for (let j = k.fracFrom; j < k.fracTo; j++) f = f * 10 + text.charCodeAt(j) - 48;
      const at = s * 1e9 + f * scale;
      if (at < prev) back++;
      prev = at;
      second = s;
      frac = f;
    }
    this.skimSecond = second;
    this.skimFrac = frac;
    this.skimBack = back;
    return i - from;
  }

  /** Whether skimBytes may count lines of the remembered header (the addon is loaded, and reads its key). */
  get skimsBytes(): boolean {
    const k = this.at;
    return skimText !== undefined && this.header !== null && k !== null && this.keyOf(k) !== null;
  }

  /**
   * skim() over a block's bytes (line i is [starts[i], starts[i + 1] - 1)) by the native addon: the
   * same count, seconds and back-in-time lines, or fewer lines (it leaves any line with bytes above
   * ASCII to skim's reader); 0 without the addon.
   */
  skimBytes(bytes: Buffer, starts: Int32Array, from: number, count: number, flags: Uint8Array, maxLength: number, prev: number): number {
    const k = this.at;
    if (skimText === undefined || this.header === null || this.re === null || k === null) return 0;
    const key = this.keyOf(k);
    if (key === null) return 0;
    const io = TEXT_IO;
    io[0] = from;
    io[1] = count;
    io[2] = maxLength;
    io[3] = prev;
    io[4] = k.minute;
    io[5] = k.second;
    io[6] = k.fracFrom;
    io[7] = k.fracTo;
    io[8] = k.key;
    io[9] = k.tail === '' ? 0 : k.tail === '$' ? 1 : 2;
    io[10] = this.minute;
    io[11] = this.scale;
    const n = skimText(bytes, starts, flags, key, ZONES, io);
    this.skimBack = io[12] as number;
    this.skimSecond = io[13] as number;
    this.skimFrac = io[14] as number;
    return n;
  }

  // The remembered key's bytes for skimText, made on first use.
  private keyOf(k: TimeKey): Uint8Array | null {
    if (this.key === undefined) this.key = keyBytes(this.text, k);
    return this.key;
  }

  /** The instant of the last line skim() counted, the clock moved to it as recall() would have. */
  skimEnd(): bigint | null {
    return this.clock.sameMinute(this.skimSecond, this.skimFrac * this.scale);
  }

  // A new minute of the hour: the clock reads it in full (its zone, year), as the family's time would be.
  private nextMinute(text: string, minute: number, second: number): bigint | null {
    const k = this.at;
    // 24:00:00 has no other minute; a leap second is left to the family's reading
    if (this.time === null || k === null || this.time.hour > 23 || minute > 59 || second > 59) return null;
    const time: WallTime = { ...this.time, minute, second, frac: text.slice(k.fracFrom, k.fracTo) };
    const t = this.clock.resolve(time, this.header?.yearHint ?? null);
    if (t === null) return null;
    this.minute = minute;
    return t.ns;
  }
}

const skimText = nativeFunction('skimText');
// native/skim.c's skimText io slots (see there), and the zone words of its no-zone tail.
const TEXT_IO = new Float64Array(15);
// Five bytes a word: its length, then its letters (at most four), zero-padded.
const ZONES = Uint8Array.from(ZONE_WORDS.flatMap((w) => [w.length, ...[0, 1, 2, 3].map((i) => (i < w.length ? w.charCodeAt(i) : 0))]));

/** The key of `text` (its first k.key characters) as bytes for skimText; null for one it cannot compare. */
function keyBytes(text: string, k: TimeKey): Uint8Array | null {
  const key = text.slice(0, k.key);
  // eslint-disable-next-line no-control-regex -- ASCII, control characters included: the bytes are the characters
  if (!/^[\x00-\x7f]*$/.test(key) || (k.tail !== '' && k.tail !== '$' && k.tail !== NO_ZONE_AHEAD)) return null;
  return Buffer.from(key, 'latin1');
}

/** The pattern of the lines that share `text`'s key but for the digits of its time (see remember). */
function source(text: string, k: TimeKey): string {
  const part = (from: number, to: number): string => escape(text.slice(from, to));
  const n = k.fracTo - k.fracFrom;
  return `${part(0, k.minute)}\\d\\d${part(k.minute + 2, k.second)}\\d\\d${part(k.second + 2, k.fracFrom)}${n > 0 ? `\\d{${n}}` : ''}${part(k.fracTo, k.key)}${k.tail}`;
}

/** The same places in the key (with the same tail): a regex built for one matches exactly the keys of the other. */
function sameTime(a: TimeKey, b: TimeKey | null): boolean {
  return b !== null && a.key === b.key && a.minute === b.minute && a.second === b.second && a.fracFrom === b.fracFrom && a.fracTo === b.fracTo && a.tail === b.tail;
}

/** The digits' places follow one another inside the key, a fraction of at most 9 digits. */
function ordered(k: TimeKey, key: number): boolean {
  return k.key === key && k.minute + 2 <= k.second && k.second + 2 <= k.fracFrom && k.fracFrom <= k.fracTo && k.fracTo <= key && k.fracTo - k.fracFrom <= 9;
}

const digits2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

// Nanoseconds per unit of the last fraction digit, by the number of digits.
const SCALE = [1, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

// A file's hours come back (lines a little out of order, several processes): keep their regexes.
const MAX_COMPILED = 64;
const cache = new Map<string, RegExp>();

function compiled(source: string): RegExp {
  let re = cache.get(source);
  if (re === undefined) {
    if (cache.size >= MAX_COMPILED) cache.clear();
    // anchored rather than sticky: no lastIndex to reset and read back on every line
    re = new RegExp(`^${source}`);
    cache.set(source, re);
  }
  return re;
}

// Regex syntax, and anything outside printable ASCII as a \u escape (a line terminator would end a literal).
function escape(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
