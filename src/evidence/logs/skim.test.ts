/**
 * JSON lines counted in runs (the json family's skimmer, parser.skim) against the full reading:
 * the same statistics and edges, and the same records for the lines the chooser wants, on lines
 * built to fall just inside and outside what a run may take (epochs of every unit and length, with
 * fractions, going back in time, levels as words and numbers, escapes, other values, odd lines).
 */
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.js';
import { readInRuns } from '../../test/runs.js';
import { forgetShapes } from './jsonflat.js';
import { createLogParser, type QuickChooser } from './parser.js';
import { LEVELS, type Level, type LineResult } from './types.js';

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Reads `lines` as the selective reader does, runs and all; the wanted lines' records and the statistics must be the full parse's. */
function agree(lines: string[], flags: Uint8Array): number {
  forgetShapes();
  const full = createLogParser({ sample: lines.slice(0, 200) });
  const ref = lines.flatMap((l) => full.push(l.replace(/\r$/, '')));
  forgetShapes();
  const runs = createLogParser({ sample: lines.slice(0, 200) });
  const rank = LEVELS.indexOf('error');
  const cursor = { at: 0 };
  const severe = (level: Level): boolean => LEVELS.indexOf(level) <= rank;
  // The hint (notable phrases) as the window's chooser tests it: on a message given, else by the line's flag.
  const hint = (message: string | undefined): boolean => message !== undefined && /segfault|out of memory/i.test(message);
  const chooser: QuickChooser = {
    want: (_ns, level, exact, _verbatim, message) => (exact && level !== null && severe(level)) || flags[cursor.at] !== 0 || hint(message),
    skims: (q) => (q.verbatim && q.message === undefined && !(q.levelExact && q.level !== null && severe(q.level)) ? flags : null),
    severe,
  };
  const { built, skimmed } = readInRuns(runs, lines, chooser, { cursor });
  expect([runs.stats, runs.edges]).toEqual([full.stats, full.edges]);
  const wanted = (rs: LineResult[]): string =>
    json(rs.flatMap((r) => (r.kind === 'record' && (flags[r.line - 1] !== 0 || (r.record.level !== null && severe(r.record.level)) || hint(r.record.message)) ? [{ ...r.record, continuation: undefined }] : [])));
  expect(wanted(built)).toBe(wanted(ref));
  return skimmed.length / lines.length;
}

describe('counting JSON lines in runs', () => {
  it('counts exactly what reading each line counts, and builds the wanted lines', () => {
    const r = rng(21);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const T0 = 1764152855;
    let t = T0 * 1e3;
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      // mostly forward, sometimes back, in milliseconds
      t += r() < 0.05 ? -Math.floor(r() * 2000) : Math.floor(r() * 50);
      const s = Math.floor(t / 1e3);
      const ms = String(t % 1e3).padStart(3, '0');
      const ts = pick([
        `${s}${ms}`, `${s}${ms}`, `${s}${ms}`, `${s}${ms}`,
        `${s}${ms}123456`, `${s}${ms}123`, `${s}`, `${s}.${ms}`, `${s}.${ms}4`, `"${new Date(t).toISOString()}"`, `${s}${ms}e0`, `-${s}`, '1e3', '"x"', 'null',
      ]);
      const level = pick(['"info"', '"info"', '"debug"', '"warn"', '"error"', '"ERROR"', '"E"', '"e"', '"fatal"', '30', '50', '60', 'null', '"notice"']);
      const msg = pick(['"order routed"', '"order routed"', '"a \\"quoted\\" word"', '42', 'true', '"segfault at 0"', '"seg\\u0066ault escaped"', '"Out of memory: Killed process 9"', '""']);
      const line = `{"ts":${ts},"level":${level},"logger":"md","msg":${msg}}`;
      lines.push(pick([line, line, line, line, line, line, line, line, line, `${line}\r`, '{"ts":1', '', 'not json', `{"ts":${ts},"msg":"other keys"}`]));
    }
    // The prescan's flags: the lines a level word or a hint may be in (here: a sample of them, and
    // some others), as the reader would have them.
    const flags = Uint8Array.from(lines, (l) => (/error|fatal|"E"|segfault|Out of memory/i.test(l) || r() < 0.03 ? 2 : 0));
    expect(agree(lines, flags)).toBeGreaterThan(0.05);
  });

  it('counts JSON lines with RFC 3339 times exactly: zones, fractions, and days and times the clock reads otherwise', () => {
    const r = rng(23);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const p2 = (n: number): string => String(n).padStart(2, '0');
    let t = Date.UTC(2024, 1, 28, 23, 58);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      t += r() < 0.05 ? -Math.floor(r() * 5000) : Math.floor(r() * 400);
      const d = new Date(t);
      const off = pick([0, 0, 0, 330, -300, -840, 840, 60]);
      const w = new Date(t + off * 60_000);
      const date = `${w.getUTCFullYear()}-${p2(w.getUTCMonth() + 1)}-${p2(w.getUTCDate())}`;
      const time = `${p2(w.getUTCHours())}:${p2(w.getUTCMinutes())}:${p2(w.getUTCSeconds())}`;
      const zone = off === 0 ? pick(['Z', 'Z', '+00:00', '-00:00', 'z']) : `${off < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
      const frac = pick(['', `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`, `.${String(d.getUTCMilliseconds()).padStart(3, '0')}123456`, `.${String(d.getUTCMilliseconds()).padStart(3, '0')}1234567`]);
      const ts = pick([
        `${date}T${time}${frac}${zone}`, `${date}T${time}${frac}${zone}`, `${date}T${time}${frac}${zone}`,
        `${date} ${time}${frac}${zone}`, `${date}T${time}${frac}`, `2025-02-29T${time}Z`, `2024-02-29T${time}Z`, `2025-04-31T${time}Z`,
        `${date}T24:00:00Z`, `${date}T23:59:60Z`, `${date}T${time}+24:00`, `0099-01-01T${time}Z`,
      ]);
      const level = pick(['"info"', '"info"', '"debug"', '"warn"', '"error"', '50', '30']);
      lines.push(`{"@timestamp":"${ts}","level":${level},"message":"order ${i} routed"}`);
    }
    expect(createLogParser({ sample: lines.slice(0, 200) }).format).toBe('json');
    const flags = Uint8Array.from(lines, (l) => (/error/.test(l) || r() < 0.03 ? 2 : 0));
    expect(agree(lines, flags)).toBeGreaterThan(0.05);
  });

  it('counts journal entries exactly as reading each does: sender times, priorities, messages of every kind', () => {
    const r = rng(22);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    let us = 1764152855000000;
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      us += r() < 0.05 ? -Math.floor(r() * 2e6) : Math.floor(r() * 5e4);
      const source = pick(['', '', '', `,"_SOURCE_REALTIME_TIMESTAMP":"${us - 1500}"`, ',"_SOURCE_REALTIME_TIMESTAMP":"x"', `,"_SOURCE_REALTIME_TIMESTAMP":${us - 700}`]);
      const pri = pick(['"6"', '"6"', '"5"', '"4"', '"3"', '"2"', '"7"', '3', '"9"', '"x"', null]);
      const msg = pick(['"routed order ORD-1"', '"routed order ORD-1"', '"a \\"quoted\\" word"', '"seg\\u0066ault escaped"', '[104,105]', '["a","b"]', '"segfault at 0"', null]);
      const line = `{"__CURSOR":"s=1;i=${i}","__REALTIME_TIMESTAMP":"${us}"${source}${pri === null ? '' : `,"PRIORITY":${pri}`},"_HOSTNAME":"gw01"${msg === null ? '' : `,"MESSAGE":${msg}`}}`;
      lines.push(r() < 0.9 ? line : pick([`${line}\r`, `{"__REALTIME_TIMESTAMP":"1`, ``, `{"MESSAGE":"no time"}`].slice(0, i < 200 ? 3 : 4)));
    }
    expect(createLogParser({ sample: lines.slice(0, 200) }).format).toBe('journal');
    // A priority is no word the prescan flags: only the hint is.
    const flags = Uint8Array.from(lines, (l) => (/segfault/i.test(l) || r() < 0.03 ? 2 : 0));
    expect(agree(lines, flags)).toBeGreaterThan(0.05);
  });

  it('takes runs of a log whose every line is plain, across units and time going back', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `{"ts":${1764152855000000000n + BigInt((i % 97) * 1_000_003)},"level":"info","msg":"tick ${i}"}`);
    expect(agree(lines, new Uint8Array(lines.length))).toBeGreaterThan(0.5);
  });
});
