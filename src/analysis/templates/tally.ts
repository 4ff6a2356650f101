/**
 * The main-thread side of log file mining: takes prepared chunks in input order, mines their lines
 * (reading a line's text again only when the miner has not cached its skeleton), resolves deferred
 * times with the file's one clock, gives continuation lines the time of the record they continue,
 * and keeps the first and last time of each signature. Pure.
 */
import { Clock, formatInstant, type Instant } from '../../evidence/logs/clock.js';
import { grown } from './arrays.js';
import type { LogSetup } from './lines.js';
import type { FileQuality } from './quality.js';
import type { MinedTemplate, TemplateMiner } from './miner.js';
import { createLogPreparer, readLine, type LogPreparer, type PreparedChunk } from './prepare.js';
import * as timeArrays from './times.js';

// Local copies of imported constants: V8 folds them, while it re-reads imported bindings at every use.
const { DEFERRED_STRIDE, TIME_DEFERRED, TIME_KNOWN, TIME_NONE, TIME_PARENT, joinNs, splitNs, unpackDeferred } = timeArrays;

/** A template with the earliest and latest header time of its lines (null when none has one). */
export interface SeenTemplate extends MinedTemplate {
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

/** Where a mined line is and its template (an index into templates()). */
export interface LineAssignment {
  file: number;
  line: number;
  template: number;
}

interface FileLines extends FileQuality {
  /** Line numbers (1-based) of skipped lines (empty, binary), ascending. */
  skipped: number[];
}

/** First or last time per signature; slot 0 is the overflow template, signature s is slot s + 1. */
class Extremes {
  sec = new Float64Array(64);
  nanos = new Int32Array(64);
  digits = new Uint8Array(64);
  line = new Float64Array(64).fill(-1);

  ensure(slot: number): void {
    if (slot < this.line.length) return;
    const n = Math.max(slot + 1, this.line.length * 2);
    this.sec = grown(this.sec, n);
    this.nanos = grown(this.nanos, n);
    this.digits = grown(this.digits, n);
    const line = new Float64Array(n).fill(-1);
    line.set(this.line);
    this.line = line;
  }

  /** Takes the time if it is before (sign 1) or after (sign -1) the slot's, or the slot has none. */
  offer(slot: number, sign: number, sec: number, nanos: number, digits: number, line: number): void {
    const had = this.line[slot] as number;
    if (had >= 0) {
      const d = (sec - (this.sec[slot] as number)) * sign || (nanos - (this.nanos[slot] as number)) * sign;
      if (d > 0 || (d === 0 && line > had)) return;
    }
    this.sec[slot] = sec;
    this.nanos[slot] = nanos;
    this.digits[slot] = digits;
    this.line[slot] = line;
  }

  text(slot: number): string | null {
    if ((this.line[slot] as number) < 0) return null;
    return formatInstant(joinNs(this.sec[slot] as number, this.nanos[slot] as number), this.digits[slot] as number);
  }
}

/** The last deferred time (as packed) and its instant. */
class DeferredMemo {
  private readonly packed = new Float64Array(DEFERRED_STRIDE).fill(NaN);
  private valid = false;
  known = false;
  sec = 0;
  readonly nanos = new Int32Array(1);
  digits = 0;

  same(p: Float64Array, at: number): boolean {
    if (!this.valid) return false;
    for (let k = 0; k < DEFERRED_STRIDE; k++) if (!Object.is(p[at + k], this.packed[k])) return false;
    return true;
  }

  set(p: Float64Array, at: number, instant: Instant | null): void {
    this.packed.set(p.subarray(at, at + DEFERRED_STRIDE));
    this.valid = true;
    this.known = instant !== null;
    if (instant) {
      this.sec = splitNs(instant.ns, this.nanos, 0);
      this.digits = instant.digits;
    }
  }
}

/**
 * The time of a file's last record, which its continuation lines (a stack trace after an error) take,
 * as `pfa logs parse` links them to it: only known in input order, as the record may be in an earlier chunk.
 */
class LastRecord {
  known = false;
  sec = 0;
  nanos = 0;
  digits = 0;

  set(sec: number, nanos: number, digits: number): void {
    this.known = true;
    this.sec = sec;
    this.nanos = nanos;
    this.digits = digits;
  }
}

/**
 * Mines prepared log chunks into `miner`, file after file.
 * @example
 * const tally = new LogTally(createTemplateMiner());
 * tally.startFile(setup);
 * tally.consume(prepareLogChunk(createLogPreparer(setup), bytes, bytes.length));
 * tally.templates()[0].firstSeen
 */
export class LogTally {
  private preparer: LogPreparer | null = null;
  private clock: Clock | null = null;
  private readonly files: FileLines[] = [];
  private readonly first = new Extremes();
  private readonly last = new Extremes();
  private memo = new DeferredMemo();
  private record = new LastRecord();

  /** `trackLines`: keep what eachLine() needs (the miner must track lines too). */
  constructor(
    private readonly miner: TemplateMiner,
    private readonly trackLines = true,
  ) {}

  startFile(setup: LogSetup): void {
    const { tz, latest, year, date, dateAssumed } = setup;
    this.preparer = createLogPreparer(setup, false); // it only reads lines again (readLine): no layouts to learn
    this.clock = new Clock({ tz, latest, ...(year !== undefined ? { year } : {}), ...(date !== undefined ? { date, dateAssumed: dateAssumed === true } : {}) });
    this.memo = new DeferredMemo();
    this.record = new LastRecord(); // a file's first lines continue no record of the previous file
    this.files.push({ lines: 0, binary: 0, invalidUtf8: 0, skipped: [] });
  }

  consume(c: PreparedChunk): void {
    const file = this.files[this.files.length - 1];
    const preparer = this.preparer;
    const times = c.times;
    if (!file || !preparer || !this.clock || !times) throw new Error('LogTally.consume needs startFile() and a log chunk');
    file.binary += c.binary ?? 0;
    file.invalidUtf8 += c.invalid ?? 0;
    const { keys } = c;
    const miner = this.miner;
    let deferred = 0;
    for (let i = 0; i < c.lines; i++) {
      file.lines++;
      const k1 = keys[2 * i] as number;
      if (k1 < 0) {
        if (this.trackLines) file.skipped.push(file.lines);
        continue;
      }
      if (!miner.addCached(k1, keys[2 * i + 1] as number)) {
        readLine(preparer, c, i);
        miner.add(preparer.reader.message);
      }
      const kind = times.kind[i] as number;
      const record = this.record;
      if (kind === TIME_KNOWN) {
        record.set(times.sec[i] as number, times.nanos[i] as number, times.digits[i] as number);
        this.note(record.sec, record.nanos, record.digits);
      } else if (kind === TIME_PARENT) {
        if (record.known) this.note(record.sec, record.nanos, record.digits);
      } else if (kind === TIME_NONE) {
        record.known = false;
      } else if (kind === TIME_DEFERRED) {
        this.deferredRecord(times.deferred, deferred++ * DEFERRED_STRIDE);
      }
    }
  }

  /** A record whose time the file's clock resolves in input order (packed at `at`). */
  private deferredRecord(packed: Float64Array, at: number): void {
    const memo = this.memo;
    // The same time as the previous deferred line gives the same instant and leaves the clock as it is.
    if (!memo.same(packed, at)) {
      const { time, yearHint } = unpackDeferred(packed, at);
      memo.set(packed, at, (this.clock as Clock).resolve(time, yearHint));
    }
    if (!memo.known) {
      this.record.known = false;
      return;
    }
    this.record.set(memo.sec, memo.nanos[0] as number, memo.digits);
    this.note(memo.sec, memo.nanos[0] as number, memo.digits);
  }

  private note(sec: number, nanos: number, digits: number): void {
    const slot = this.miner.lastSignature + 1;
    const line = this.miner.lineCount - 1;
    this.first.ensure(slot);
    this.last.ensure(slot);
    this.first.offer(slot, 1, sec, nanos, digits, line);
    this.last.offer(slot, -1, sec, nanos, digits, line);
  }

  /** Per file, in input order: lines read, skipped as binary, mined though not valid UTF-8. */
  quality(): FileQuality[] {
    return this.files.map(({ lines, binary, invalidUtf8 }) => ({ lines, binary, invalidUtf8 }));
  }

  /** Final templates (TemplateMiner.templates()) with their first and last time. */
  templates(): SeenTemplate[] {
    const templates = this.miner.templates();
    const ofSig = this.miner.signatureTemplates();
    const first = new Extremes();
    const last = new Extremes();
    first.ensure(templates.length);
    last.ensure(templates.length);
    const fold = (slot: number, t: number): void => {
      for (const [from, into, sign] of [[this.first, first, 1], [this.last, last, -1]] as const) {
        const line = from.line[slot] ?? -1;
        if (line >= 0) into.offer(t, sign, from.sec[slot] as number, from.nanos[slot] as number, from.digits[slot] as number, line);
      }
    };
    for (let s = 0; s < ofSig.length; s++) fold(s + 1, ofSig[s] as number);
    if (this.miner.overflowCount > 0) fold(0, templates.length - 1);
    return templates.map((t, k) => ({ ...t, firstSeen: first.text(k), lastSeen: last.text(k) }));
  }

  /**
   * Each mined line in input order: its file index, 1-based line number and template index (one
   * object, updated in place, so that millions of lines allocate nothing).
   */
  *eachLine(): Generator<LineAssignment> {
    const lineTemplates = this.miner.lineTemplates();
    const out: LineAssignment = { file: 0, line: 0, template: 0 };
    let mined = 0;
    for (let fi = 0; fi < this.files.length; fi++) {
      const f = this.files[fi] as FileLines;
      let skip = 0;
      for (let line = 1; line <= f.lines; line++) {
        if (f.skipped[skip] === line) {
          skip++;
          continue;
        }
        out.file = fi;
        out.line = line;
        out.template = lineTemplates[mined++] as number;
        yield out;
      }
    }
  }
}
