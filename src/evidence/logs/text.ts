/**
 * Application text logs through the general header grammar (header.ts), steered by a per-file
 * profile: the header shapes (signatures) that recur in the sampled lines. A line's greedy header
 * is cut back to the longest prefix the file commonly uses, so a message that happens to begin with
 * a level word, a number or `word:` is not swallowed into the header.
 */
import { nearestYear } from './clock.js';
import { familyParser, quickHeader, type Family, type FamilyParser, type FamilyResult, type Head, type HeadLayout, type Parsed, type QuickHeader } from './family.js';
import { Kind, KindCode, newScan, type HeaderScan } from './header-scan.js';
import { headerTime } from './header-time.js';
import { scanHeader, scanReach } from './header.js';
import { headerLevel, headerLevelIn, markLevel } from './levels.js';
import { csvlogRow } from './pgcsv.js';
import { bracketLevelParser } from './logrus.js';
import { timeDigits, timeKey, trace, TRACE_MATCHES, type TimeValue } from './timestamp.js';
import { allDigits } from './tokens.js';

export interface TextProfile {
  /** Tokens before the timestamp on a typical line (e.g. Thunderbird's alert label). */
  prefixTokens: number;
  /** Header signatures seen on at least `minShare` of the sampled header lines. */
  signatures: Set<string>;
  /** Sampled header lines whose (greedy) signature starts with each prefix: how regular each column is. */
  prefixes: Map<string, number>;
}

/** Share of sampled header lines a signature needs to be part of the file's profile. */
const MIN_SHARE = 0.05;

/**
 * Learns the header profile of a file from sample lines; null when no line has a header.
 * @example learnProfile(['2025-11-26 10:27:35,123 INFO [main] a.B: x'])?.signatures.has('TLBG') === true
 */
export function learnProfile(sample: readonly string[]): TextProfile | null {
  const scans: HeaderScan[] = [];
  const prefixCounts = new Map<number, number>();
  for (const line of sample) {
    const scan = scanHeader(line);
    if (!scan) continue;
    scans.push(scan);
    const p = prefixCount(scan.sig);
    prefixCounts.set(p, (prefixCounts.get(p) ?? 0) + 1);
  }
  if (scans.length === 0) return null;
  let prefixTokens = 0;
  let best = -1;
  for (const [p, count] of prefixCounts) {
    if (count > best || (count === best && p < prefixTokens)) [prefixTokens, best] = [p, count];
  }
  const counts = new Map<string, number>();
  const prefixes = new Map<string, number>();
  let total = 0;
  for (const scan of scans) {
    if (prefixCount(scan.sig) !== prefixTokens) continue;
    total++;
    counts.set(scan.sig, (counts.get(scan.sig) ?? 0) + 1);
    for (let k = 1; k <= scan.sig.length; k++) {
      const p = scan.sig.slice(0, k);
      prefixes.set(p, (prefixes.get(p) ?? 0) + 1);
    }
  }
  const min = Math.max(1, Math.ceil(total * MIN_SHARE));
  const signatures = new Set<string>();
  for (const [sig, count] of counts) if (count >= min) signatures.add(sig);
  return { prefixTokens, signatures, prefixes };
}

function prefixCount(sig: string): number {
  let i = 0;
  while (sig[i] === Kind.Prefix) i++;
  return i;
}

/**
 * Parser for text lines with a learned profile (or none: greedy headers, up to 5 prefix tokens).
 * @example createTextParser(null).parse('17/06/09 20:10:40 INFO spark.SecurityManager: Changing acls')
 */
export function createTextParser(profile: TextProfile | null): FamilyParser {
  const reused = newScan();
  const prefixTokens = profile ? profile.prefixTokens : -1;
  // How many fields of a signature make the header, and what that header names: decided once per
  // signature (a file has a handful), not per line.
  const plans = new Map<string, Plan>();
  const planFor = (sig: string): Plan => {
    let plan = plans.get(sig);
    if (plan === undefined) {
      if (plans.size >= MAX_PLANS) plans.clear();
      plan = planOf(sig, profile);
      plans.set(sig, plan);
    }
    return plan;
  };
  const head: Head = { time: null, yearHint: null, message: '' };
  const parse = (line: string): FamilyResult => {
    const scan = scanHeader(line, prefixTokens, reused);
    return scan ? fromScan(line, scan, planFor(scan.sig)) : null;
  };
  const quick = (line: string): QuickHeader | null => {
    // Only a first time with a year is sure to be the record's (no later field outranks it);
    // the level needs the whole header, so it is left to levels.ts' levelHint.
    const m = headerTime(line, prefixTokens);
    if (!m || m.level !== undefined || m.value.kind !== 'wall' || m.value.year === null) return null;
    // The text up to the time's end gives this answer when the time is looked for at one place
    // only (a profile's token count; without one, a failed try at an earlier token could depend
    // on the rest): a next line of the same hour may reuse it.
    const k = prefixTokens >= 0 ? timeKey(line, m) : null;
    return quickHeader(m.value, null, false, true, undefined, null, k?.key, k ?? undefined);
  };
  // The scan and header length of the last head() that found a header (for layoutOf).
  let headScan: HeaderScan | null = null;
  let headK = 0;
  const headOf = (line: string): Head | null => {
    const scan = scanHeader(line, prefixTokens, reused);
    headScan = scan;
    if (!scan) return null;
    const { k } = planFor(scan.sig);
    headK = k;
    head.time = chooseTime(scan, k);
    head.yearHint = chosenYearHint;
    const message = messageOf(line, scan, k);
    head.message = message.charCodeAt(0) === 44 ? (csvlogRow(message)?.message ?? message) : message;
    return head;
  };
  const layoutOf = (line: string): HeadLayout | null => (headScan ? layoutOfScan(line, headScan, headK, head) : null);
  return familyParser(parse, quick, headOf, undefined, undefined, layoutOf);
}

const MAX_PLANS = 4096;

/**
 * The layout of `line`, just read by head() into `head` from `scan` (k header fields), or null when a
 * next line could not reuse it: a value decided a step of the scan, a time it took is not among the
 * traced matches, or the message is not the line's own rest (a level-only line, a csvlog row).
 */
function layoutOfScan(line: string, scan: HeaderScan, k: number, head: Head): HeadLayout | null {
  if (trace.valueDependent || trace.n > TRACE_MATCHES || k === 0) return null;
  const messageAt = scan.next[k - 1] as number;
  if (messageAt >= line.length || line.charCodeAt(messageAt) === 44 || head.message !== line.slice(messageAt).trimEnd()) return null;
  const matches: number[] = [];
  for (let j = 0; j < trace.n; j++) matches.push(trace.starts[j] as number, trace.ends[j] as number);
  let chosen = -1;
  let chosenAt = -1;
  for (let i = 0; i < k; i++) {
    const m = scan.times[i];
    if (scan.kinds[i] !== TIME || !m) continue;
    let j = 0;
    while (j < trace.n && (trace.starts[j] !== m.start || trace.ends[j] !== m.end)) j++;
    if (j === trace.n) return null;
    if (m.value === head.time) {
      chosen = j;
      chosenAt = i;
    }
  }
  const m = chosenAt >= 0 ? scan.times[chosenAt] : undefined;
  return { reach: scanReach(line, scan), messageAt, matches, chosen, digits: m ? timeDigits(line, m) : null };
}

interface Plan {
  /** Fields of the header. */
  k: number;
  /** The header names its source: a tag, or a word that is not a host (followed by the tag or another time). */
  named: boolean;
}

function planOf(sig: string, profile: TextProfile | null): Plan {
  const k = chooseLength(sig, profile);
  const head = sig.slice(0, k);
  return { k, named: head.includes(Kind.Tag) || /W(?!G|T)/.test(head) };
}

function chooseLength(sig: string, profile: TextProfile | null): number {
  if (!profile) return sig.length;
  const min = profile.prefixTokens + 1;
  for (let k = sig.length; k >= min; k--) {
    if (profile.signatures.has(k === sig.length ? sig : sig.slice(0, k))) return optionalCut(sig, k, profile);
  }
  return sig.length;
}

// How regular a column must be, after the level, to be the header's: a [bracket] or a number on
// nearly every line that reaches it (a thread, a pid), a `tag:` on most of them (a logger).
const SEPARATORS = '-:|,';
const COLUMN_SHARE: Partial<Record<string, number>> = { [Kind.Bracket]: 0.9, [Kind.Number]: 0.9, [Kind.Tag]: 0.5 };
const HOST_SHARE = 0.5;

/**
 * Cuts a header of k fields before the first field after its level (or time) that only some of
 * the file's lines have there: that is the message's own start (Kafka's `ERROR [ReplicaManager
 * broker=1] …`, Apache's optional `[client …]`, Go's `http: TLS handshake error`), not a column.
 */
function optionalCut(sig: string, k: number, profile: TextProfile): number {
  // A header that ends with its own separator (` - `, ` : `, `|`) says where it ends.
  if (SEPARATORS.includes(sig[k - 1] as string)) return k;
  const level = sig.indexOf(Kind.Level);
  const leveled = level >= 0 && level < k;
  const from = (leveled ? level : sig.indexOf(Kind.Time)) + 1;
  for (let i = Math.max(from, 1); i < k; i++) {
    const kind = sig[i] as string;
    // A word right after the time is a host column only when most lines have one: otherwise it
    // is the message's first word, read as a host because a `word:` follows it (`… 10:27:35 snapshot written: 12 levels`).
    const host = kind === Kind.Word && sig[i - 1] === Kind.Time;
    const need = host ? HOST_SHARE : COLUMN_SHARE[kind];
    // Without a level, brackets and numbers may be the columns of a level the grammar does not
    // know (MySQL's `[System] [MY-010116] [Server]`): only a tag or a host is judged.
    if (need === undefined || (!leveled && kind !== Kind.Tag && !host)) continue;
    const before = profile.prefixes.get(sig.slice(0, i)) ?? 0;
    const at = profile.prefixes.get(sig.slice(0, i + 1)) ?? 0;
    if (before > 0 && at < before * need) return i;
  }
  return k;
}

// Kind characters as char codes (scan.kinds), as local constants for the per-line loop.
const { Prefix: PREFIX, Time: TIME, Level: LEVEL, Number: NUMBER, Bracket: BRACKET, Word: WORD, Tag: TAG } = KindCode;

function fromScan(line: string, scan: HeaderScan, plan: Plan): Parsed {
  const { kinds, starts, ends } = scan;
  const { k, named } = plan;
  const out: Parsed = { time: null, rawLevel: null, level: null, message: '', dialect: 'text' };
  let numbers = 0;
  for (let i = 0; i < k; i++) {
    const kind = kinds[i];
    if (kind === TIME) {
      const m = scan.times[i];
      if (m && m.level !== undefined && out.rawLevel === null) {
        out.rawLevel = m.level;
        out.level = headerLevel(m.level);
      }
    } else if (kind === LEVEL) {
      if (out.rawLevel === null) {
        out.rawLevel = line.slice(starts[i], ends[i]).trim();
        // MySQL's `[Note]` is a level only in its brackets, which the token leaves out.
        out.level = headerLevel(out.rawLevel) ?? markLevel(out.rawLevel) ?? headerLevelIn(line, starts[i] as number, ends[i] as number);
      }
    } else if (kind === NUMBER) {
      if (numbers++ === 0) out.pid = line.slice(starts[i], ends[i]);
      else out.thread ??= line.slice(starts[i], ends[i]);
    } else if (kind === BRACKET) {
      // [thread] when the header also names a logger or tag; otherwise the bracket is the name.
      // A (group) is always the thread (WildFly's `[category] (thread)`).
      if (named || line.charCodeAt((starts[i] as number) - 1) === 40) out.thread ??= line.slice(starts[i], ends[i]);
      else out.component ??= line.slice(starts[i], ends[i]);
    } else if (kind === WORD) {
      const nextKind = kinds[i + 1];
      if ((nextKind === TAG || nextKind === TIME) && i + 1 < k) out.host = line.slice(starts[i], ends[i]);
      else out.component ??= line.slice(starts[i], ends[i]);
    } else if (kind === TAG) {
      setTag(out, line, starts[i] as number, ends[i] as number);
    }
  }
  const time = chooseTime(scan, k);
  out.time = time;
  if (time && time.kind === 'wall' && time.year === null) out.yearHint = chosenYearHint;
  out.message = messageOf(line, scan, k);
  if (out.rawLevel === null && out.message.charCodeAt(0) === 44) csvlog(out);
  // A level written before the time (Cassandra's `ERROR [main] 2025-11-26 10:27:35,123 File.java:42 - msg`)
  // is the record's when the header has none after it.
  if (out.rawLevel === null && kinds[0] === PREFIX) {
    const level = headerLevelIn(line, starts[0] as number, ends[0] as number);
    if (level !== null) {
      out.rawLevel = line.slice(starts[0], ends[0]);
      out.level = level;
    }
  }
  return out;
}

/** A PostgreSQL csvlog row after the time: its severity, message and names are the record's. */
function csvlog(out: Parsed): void {
  const row = csvlogRow(out.message);
  if (!row) return;
  out.rawLevel = row.rawLevel;
  out.level = row.level;
  out.message = row.message;
  if (row.pid !== undefined) out.pid = row.pid;
  if (row.component !== undefined) out.component = row.component;
  if (row.extra) out.extra = row.extra;
}

/** The message after a header of k fields. */
function messageOf(line: string, scan: HeaderScan, k: number): string {
  const message = line.slice(scan.next[k - 1] ?? line.length).trimEnd();
  // A level word that ends the line is also all it says (HPC's `… 1 warning`): keep it as the message.
  if (message === '' && k > 0 && scan.kinds[k - 1] === LEVEL) {
    const a = scan.starts[k - 1] as number;
    if (a > 0 && line.charCodeAt(a - 1) !== 91) return line.slice(a, scan.ends[k - 1]);
  }
  return message;
}

// The year hint of the last chooseTime (a module-level second result: no object per line).
let chosenYearHint: number | null = null;

/**
 * The time of a header of k fields (see rank), and in chosenYearHint, for a yearless time, a
 * year from a date or epoch elsewhere in the header.
 */
function chooseTime(scan: HeaderScan, k: number): TimeValue | null {
  const { kinds } = scan;
  let best: TimeValue | null = null;
  let yearHint: number | null = null;
  let epochNs: bigint | null = null;
  for (let i = 0; i < k; i++) {
    if (kinds[i] !== TIME) continue;
    const m = scan.times[i];
    if (!m) continue;
    const v = m.value;
    if (v.kind === 'date') yearHint ??= v.year;
    else if (v.kind === 'epoch') epochNs ??= v.ns;
    if (rank(v) > rank(best)) best = v;
  }
  chosenYearHint = best && best.kind === 'wall' && best.year === null && best.month !== 0 ? (yearHint ?? (epochNs !== null ? nearestYear(best, epochNs) : null)) : null;
  return best;
}

// Which time of a header to keep: a full calendar time, then a yearless one (whose year can come
// from a date or epoch elsewhere in the header), then an epoch, then a time of day without a
// date, then a bare date. The calendar time is what the writer's clock showed and it obeys the
// `tz` option like the rest of the file.
function rank(v: TimeValue | null): number {
  if (!v) return 0;
  if (v.kind === 'wall') return v.year !== null ? 5 : v.month !== 0 ? 4 : 2;
  return v.kind === 'epoch' ? 3 : 1;
}

// `proc[123]` names a process and its pid; anything else is a component or logger.
function setTag(out: Parsed, line: string, a: number, b: number): void {
  const open = line.lastIndexOf('[', b - 1);
  if (open > a && b - open > 2 && line.charCodeAt(b - 1) === 93 && allDigits(line, open + 1, b - 1)) {
    out.process = line.slice(a, open);
    out.pid = line.slice(open + 1, b - 1);
  } else {
    out.component = line.slice(a, b);
  }
}

/**
 * The text family: profile learned from the file's first lines.
 * @example textFamily.prepare(firstLines).parse('2025-11-26 10:27:35,123 INFO [main] a.B: x')
 */
export const textFamily: Family = {
  name: 'text',
  // Headers the general grammar does not start with a time (logrus' `ERRO[time]`) are recognized
  // once per file, so that the grammar's per-line scan stays as it is for every other file.
  prepare: (sample) => bracketLevelParser(sample) ?? createTextParser(learnProfile(sample)),
};
