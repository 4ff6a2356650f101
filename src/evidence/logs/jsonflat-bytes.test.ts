import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.js';
import { compareSkimmers, errorChooser as chooser } from '../../test/skimmers.js';
import type { ByteSkimmer, FlatSkim } from './family.js';
import { parseJsonGeneral } from './json.js';
import { forgetShapes, skimFlat } from './jsonflat.js';
import { skimFlatBytes } from './jsonflat-bytes.js';
import { nativeAddon } from './native.js';

const T = 1764152855;
const line5 = (ts: string, level: string, msg: string, logger = '"md.feed.0"'): string => `{"ts":${ts},"level":${level},"logger":${logger},"host":"gw01","msg":${msg}}`;

/** Has the general reader meet line5's keys on many lines in a row: its shape is learnt, alone. */
function learn(): void {
  forgetShapes();
  parseJsonGeneral('{"another":"key list"}');
  for (let i = 0; i < 32; i++) parseJsonGeneral(`${line5(String(T + i), '"info"', '"up"')}${' '.repeat(i)}`);
}

// A small deterministic PRNG, so that a failure names the same lines every run.
/** Lines the native skimmer must read as skimFlat does: ASCII, unescaped, epoch times, levels skimmed or not. */
function plainLines(n: number, seed: number): string[] {
  const r = rng(seed);
  const levels = ['"info"', '"debug"', '"notice"', '"warn"', '"TRACE"', '""', '"error"', '"FATAL"'];
  return Array.from({ length: n }, (_, i) => {
    // Times that mostly go forward, some back; every epoch length from seconds to nanoseconds, fractions too.
    const sec = T + Math.floor(i / 3) - (r() < 0.05 ? 5 : 0);
    const form = Math.floor(r() * 9);
    const iso = new Date(sec * 1000).toISOString();
    const ts = [
      String(sec),
      `${sec}${String(Math.floor(r() * 1e3)).padStart(3, '0')}`,
      `${sec}${String(Math.floor(r() * 1e6)).padStart(6, '0')}`,
      `${sec}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
      `${sec}.${Math.floor(r() * 1e4)}`,
      `${sec}123.45678901`,
      `"${iso}"`,
      `"${iso.slice(0, 19)}.${String(Math.floor(r() * 1e9)).slice(0, 1 + Math.floor(r() * 9))}+05:30"`,
      `"${iso.slice(0, 19)}-08:00"`,
    ][form] as string;
    const level = levels[Math.floor(r() * r() * levels.length)] as string;
    const logger = ['"md.feed.0"', '12', '-1.5e3', 'true', 'null', '0.25'][Math.floor(r() * 6)] as string;
    return line5(ts, level, `"tick ${i} px=${Math.floor(r() * 1e5)}"`, logger);
  });
}

/** Lines either skimmer may stop at, some only the native one (a string time, non-ASCII text, a numeric level). */
const oddLines = [
  line5(String(T), '"info"', '"say \\"hi\\""'),
  line5(String(T), '"info"', '"C:\\\\tmp"'),
  line5(String(T), '"info"', '"a message long enough for sixteen-byte steps\\n"'),
  line5('"2025-11-26T10:27:35.5Z"', '"info"', '"string time"'),
  ...['2024-02-29T10:00:00Z', '2025-02-29T10:00:00Z', '2025-04-31T10:00:00Z', '2025-11-26T24:00:00Z', '2025-11-26T23:59:60Z', '1899-12-31T23:00:00Z', '2000-02-29T00:00:00-00:00',
    '2025-11-26t10:00:00Z', '2025-11-26T10:00:00z', '2025-11-26T10:00:00', '2025-11-26T10:00:00+24:00', '2025-11-26T10:00:00+05:60', '2025-11-26T10:00:00+0530', '2025-11-26 10:00:00Z',
    '2025-11-26T10:00:00.1234567891Z', '2025-11-26T10:00:00.Z', '2025-11-26T10:00Z', '+2025-11-26T10:00:00Z', '2100-02-29T10:00:00Z', '2025-13-01T10:00:00Z', '2025-11-00T10:00:00Z'].map((t) => line5(`"${t}"`, '"info"', '"iso"')),
  line5('1.7e9', '"info"', '"exponent"'),
  line5('-5', '"info"', '"negative"'),
  line5('01', '"info"', '"leading zero"'),
  line5(String(T), '3', '"numeric level"'),
  line5(String(T), '"info"', '42'),
  line5(String(T), '"info"', '"caf\u00e9"'),
  `${line5(String(T), '"info"', '"crlf"')}\r`,
  `{"ts":${T},"level":"info","msg":"other keys"}`,
  `${line5(String(T), '"info"', '"trailing"')} `,
  line5('123456789012345678901', '"info"', '"21 digits"'),
  line5(String(T), '"info"', '"bell \u0007"'),
  line5(String(T), '"info"', '"x"', '01'),
  line5(String(T), '"info"', '"x"', 'tru'),
  line5(String(T), '"info"', '"x"', '1.'),
  line5(String(T), '"info"', '"x"', '"tab\t"'),
  '',
];

/** Both skimmers from every line of `lines` on: the native one counts a prefix of skimFlat's run, read the same. */
const compare = (lines: string[], flagged: (i: number) => boolean): { native: number; js: number } =>
  compareSkimmers(lines, flagged, (from) => BigInt(T + Math.floor(from / 3)) * 1_000_000_000n - 7n, skimFlatBytes as ByteSkimmer, skimFlat);

// Where the addon is loaded and wanted (PFA_NATIVE=0 leaves skimFlat alone).
describe.runIf(skimFlatBytes !== undefined)('skimFlatBytes, the native JSON-lines skimmer', () => {
  it('counts the lines skimFlat counts, with the same last time and back-in-time count, on lines it reads', () => {
    learn();
    const lines = plainLines(3000, 1);
    const { native, js } = compare(lines, (i) => i % 97 === 0);
    expect(js).toBeGreaterThan(20_000);
    expect(native).toBe(js);
  });

  it('stops where skimFlat stops, or earlier, on every kind of line it leaves to JavaScript', () => {
    learn();
    const r = rng(2);
    const plain = plainLines(2000, 3);
    const lines = plain.map((l) => (r() < 0.1 ? (oddLines[Math.floor(r() * oddLines.length)] as string) : l));
    const { native, js } = compare(lines, (i) => i % 89 === 0);
    // Most runs are read natively; string times and non-ASCII text only by skimFlat.
    expect(native).toBeGreaterThan(js / 4);
    expect(native).toBeLessThan(js);
  });

  it('reads an epoch time with every digit kept, its fraction digits counted', () => {
    learn();
    const lines = [line5(String(T), '"info"', '"a"'), line5('1764152855123456789', '"info"', '"b"'), line5('1764152855000.5', '"debug"', '"c"')];
    const out: FlatSkim = { last: null, back: 0 };
    const bytes = Buffer.from(lines.join('\n'));
    const starts = new Int32Array(bytes.length + 2);
    const count = nativeAddon()?.lineStarts?.(bytes, starts) as number;
    expect((skimFlatBytes as NonNullable<typeof skimFlatBytes>)(bytes, starts, 1, count, new Uint8Array(count), 65536, chooser, 0n, out)).toBe(2);
    expect(out).toEqual({ last: { kind: 'epoch', ns: 1764152855000500000n, digits: 4 }, back: 1 });
  });
});
