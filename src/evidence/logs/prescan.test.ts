import { describe, expect, it } from 'vitest';
import { NOTABLE_HINT, NOTABLE_LITERALS } from '../timeline/notable.js';
import { levelHint, levelTokens } from './levels.js';
import { createPrescan, FLAG_CONTROL, FLAG_HINT, FLAG_LEVEL, type PrescanEngine } from './prescan.js';
import { PRESCAN_WASM } from './prescan-wasm.js';
import type { Level } from './types.js';
import { rng } from '../../test/random.js';

// eslint-disable-next-line no-control-regex -- the reader's own test for binary lines (select.ts)
const CONTROL = /[\x00\x02-\x08\x0b-\x1a\x1c-\x1f]/;

/** Lines built from the words the flags are about, in every case and place, among noise. */
function lines(seed: number, count: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const { anyCase, exact } = levelTokens('error');
  const words = [...anyCase, ...exact, ...NOTABLE_LITERALS, 'Out of memory: Killed process 42', 'soft lockup', 'rcu_sched detected stall', 'nvme0: I/O 12 QID 3 timeout'];
  const noise = ['2025-11-26 10:27:35,123', 'INFO', 'com.acme.OrderRouter', 'terror', 'errno', 'E2', 'xE', '[E]', 'E:', 'café', '日本', 'a', 'Adapter', 'kernel:', 'x', '42', ''];
  const cases = [(w: string) => w, (w: string) => w.toUpperCase(), (w: string) => w.toLowerCase(), (w: string) => w.replace(/^./, (c) => c.toUpperCase())];
  const seps = [' ', '', ':', '-', '_', '1', 'a', '\t', '\x01', '\x1b', '\x00', '\x07', '\r', '/', '"', '\\'];
  return Array.from({ length: count }, () => {
    let s = '';
    const n = Math.floor(r() * 5);
    for (let i = 0; i < n; i++) s += pick(seps) + (r() < 0.3 ? pick(cases)(pick(words)) : pick(noise));
    // Lines of every length, so that words fall on every offset of the 16-byte steps.
    return s + (r() < 0.5 ? 'y'.repeat(Math.floor(r() * 20)) : '') + (r() < 0.2 ? '\r' : '');
  });
}

/** The block's flags beside what the regexes say of each line. */
function compare(engine: PrescanEngine, block: string, minLevel: Level = 'error'): { line: string; flags: number; control: boolean; level: boolean; hint: boolean }[] {
  const prescan = createPrescan(levelTokens(minLevel), NOTABLE_LITERALS, engine);
  if (!prescan) throw new Error('no prescan');
  const flags = prescan.flags(Buffer.from(block, 'utf8'));
  const level = new RegExp(levelHint(minLevel).source);
  const hint = new RegExp(NOTABLE_HINT.source, 'i');
  const split = block.split('\n');
  expect(flags.length).toBe(split.length);
  return split.map((line, i) => ({
    line,
    flags: flags[i] as number,
    control: CONTROL.test(line.endsWith('\r') ? line.slice(0, -1) : line),
    level: level.test(line),
    hint: hint.test(line),
  }));
}

describe.each(['native', 'wasm'] as const)('createPrescan, the %s pass', (engine) => {
  it('flags every line the level and hint patterns match, and control characters exactly, on generated lines', () => {
    for (const seed of [1, 2, 3]) {
      const rows = compare(engine, lines(seed, 3000).join('\n'));
      expect(rows.filter((r) => r.level && !(r.flags & FLAG_LEVEL)).map((r) => r.line)).toEqual([]);
      expect(rows.filter((r) => r.hint && !(r.flags & FLAG_HINT)).map((r) => r.line)).toEqual([]);
      expect(rows.filter((r) => r.control !== ((r.flags & FLAG_CONTROL) !== 0)).map((r) => r.line)).toEqual([]);
      // The flags are worth having: most lines that do not match are not flagged.
      expect(rows.filter((r) => !r.level && r.flags & FLAG_LEVEL).length).toBeLessThan(rows.filter((r) => r.level).length / 4);
      expect(rows.filter((r) => r.level).length).toBeGreaterThan(300);
      expect(rows.filter((r) => r.hint).length).toBeGreaterThan(300);
    }
  });

  it("flags the lines of Redis' marks as the level pattern finds them: `#` at warn, `*` at notice, `.` at debug", () => {
    const r = rng(7);
    const marks = ['#', '*', '.', '-', 'x#', '#1', 'a.b', '...', ' . ', '1.2', '*/', '(#)'];
    const block = Array.from({ length: 3000 }, (_, i) => `${i}:M 26 Nov 2025 10:27:35.123 ${marks[Math.floor(r() * marks.length)] as string} ${r() < 0.5 ? 'DB saved on disk' : 'x'.repeat(Math.floor(r() * 40))}`).join('\n');
    for (const minLevel of ['warn', 'notice', 'debug'] as const) {
      const rows = compare(engine, block, minLevel);
      expect(rows.filter((row) => row.level && !(row.flags & FLAG_LEVEL)).map((row) => row.line)).toEqual([]);
      expect(rows.filter((row) => row.level).length).toBeGreaterThan(200);
    }
    // At warn, a line with no `#` standing alone is mostly not flagged.
    const warn = compare(engine, block, 'warn');
    expect(warn.filter((row) => !row.level && row.flags & FLAG_LEVEL).length).toBeLessThan(warn.filter((row) => !row.level).length / 4);
  });

  it('finds a word at the very start and end of the block, split across its 16-byte steps', () => {
    for (let pad = 0; pad < 40; pad++) {
      const x = 'x '.repeat(pad);
      const rows = compare(engine, `err ${x}\n${x}ERROR\n${x}Oops\n${x} E \n${x}segfault\n${x}ftl\n${x}err`);
      expect(rows.map((r) => r.flags)).toEqual([FLAG_LEVEL, FLAG_LEVEL, FLAG_HINT, FLAG_LEVEL, FLAG_HINT, FLAG_LEVEL, FLAG_LEVEL]);
    }
  });

  it('takes a level word only as a token of its own, a one-letter or capitalized one only in its case', () => {
    const rows = compare(engine, ['OrderRouter terror', 'errno=2', 'the error', '[E]', 'e', 'xE', 'E2', 'FAILURE', 'failure', 'ERR', 'Fatal:'].join('\n'));
    expect(rows.map((r) => (r.flags & FLAG_LEVEL) !== 0)).toEqual([false, false, true, true, false, false, false, true, false, true, true]);
  });

  it('says a CR ending a line is not a control character, one inside it is', () => {
    expect(compare(engine, 'a\r\nb\rc\nd\r').map((r) => r.flags)).toEqual([0, FLAG_CONTROL, 0]);
  });

  it('is left to the regexes when a token cannot be flagged: a two-character word, a non-ASCII literal', () => {
    expect(createPrescan({ anyCase: ['ko'], exact: [] }, null, engine)).toBeNull();
    expect(createPrescan(null, ['défaut'], engine)).toBeNull();
    expect(createPrescan(levelTokens('error'), null, engine)).not.toBeNull();
  });
});

describe('the native and wasm passes', () => {
  // pfa's machines (x86-64 Linux with g++ and Node's headers) build the addon on `npm ci`: were it
  // missing there, the tests above would not be testing it.
  it.runIf(process.arch === 'x64' && process.platform === 'linux')('has the native pass built on x86-64 Linux (npm ci runs native/build.js)', () => {
    expect(createPrescan(levelTokens('error'), NOTABLE_LITERALS, 'native')).not.toBeNull();
  });

  it('give the same flags on every block cut of generated lines and of random bytes', () => {
    const settings: [Level, readonly string[] | null][] = [
      ['error', NOTABLE_LITERALS],
      ['crit', NOTABLE_LITERALS],
      ['alert', null],
      ['emerg', ['Out of memory', 'segfault', 'rcu_']],
      ['warn', NOTABLE_LITERALS],
      ['debug', null],
    ];
    const r = rng(7);
    const random = Buffer.from(Array.from({ length: 40_000 }, () => (r() < 0.3 ? [10, 13, 0, 1, 9, 27, 32, 0x45, 0x65, 0xc3, 0x23, 0x2e][Math.floor(r() * 12)] : Math.floor(r() * 256)) as number));
    const text = Buffer.from(lines(4, 6000).join('\n'), 'utf8');
    let compared = 0;
    for (const [minLevel, hints] of settings) {
      const native = createPrescan(levelTokens(minLevel), hints, 'native');
      const wasm = createPrescan(levelTokens(minLevel), hints, 'wasm');
      if (!native || !wasm) continue;
      for (const bytes of [text, random]) {
        // Blocks of every small size and some large ones, so that lines, words and steps fall at every offset.
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = 1 + ((k * 37) % (k % 25 === 0 ? 9000 : 120));
          const block = bytes.subarray(at, at + size);
          at += size;
          expect(Buffer.from(native.flags(block)).toString('hex')).toBe(Buffer.from(wasm.flags(block)).toString('hex'));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('embeds the module compiled from wasm/prescan.ts (run `npm run wasm` after changing it)', async () => {
    // @ts-expect-error -- a build script in JavaScript, outside the TypeScript project
    const { compile } = (await import('../../../wasm/embed.js')) as { compile: () => Buffer };
    expect(compile().toString('base64')).toBe(PRESCAN_WASM);
  }, 60_000);
});
