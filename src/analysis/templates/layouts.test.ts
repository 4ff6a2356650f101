// Header layouts (layouts.ts, native/templates.c) change how much of a log is read, never what it
// gives: chunks prepared with them equal chunks read line by line in full, array for array, on the
// ten Loghub logs repeated with other digits, on lines mutated where it matters (times made
// invalid, digits of every field changed, lines cut, characters after the header changed) and on
// zones, fractions and yearless times.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../evidence/logs/index.js';
import { nativeFunction } from '../../evidence/logs/native.js';
import { LOGHUB_DIR, LOGHUB_SYSTEMS } from '../../test/loghub.js';
import { createLogPreparer, prepareLogChunk, type PreparedChunk } from './prepare.js';

const native = nativeFunction('templateLines') !== undefined; // built, and not PFA_NATIVE=0

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** Prepares `text` in chunks of about `chunk` bytes with and without layouts; the chunks, and how many lines took a layout. */
function both(text: string | Buffer, tz = 'UTC', chunk = 64 << 10): { fast: PreparedChunk[]; full: PreparedChunk[]; hits: number } {
  const sample = (typeof text === 'string' ? text : text.toString('utf8')).split('\n').slice(0, 200).filter((l) => l !== '');
  const setup = { format: detectFormat(sample).format, sample, tz, latest: 1_900_000_000_000_000_000n };
  const withLayouts = createLogPreparer(setup);
  const without = createLogPreparer(setup);
  without.layouts = null;
  const all = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const fast: PreparedChunk[] = [];
  const full: PreparedChunk[] = [];
  for (let off = 0; off < all.length; ) {
    let end = Math.min(all.length, off + chunk);
    if (end < all.length) end = all.lastIndexOf(10, end - 1) + 1;
    fast.push(prepareLogChunk(withLayouts, new Uint8Array(all.subarray(off, end)), end - off));
    full.push(prepareLogChunk(without, new Uint8Array(all.subarray(off, end)), end - off));
    off = end;
  }
  return { fast, full, hits: withLayouts.layouts?.hits ?? 0 };
}

function expectSame(fast: PreparedChunk[], full: PreparedChunk[]): void {
  expect(fast.length).toBe(full.length);
  fast.forEach((a, k) => {
    const b = full[k] as PreparedChunk;
    expect([...a.keys]).toEqual([...b.keys]);
    expect([...a.starts]).toEqual([...b.starts]);
    for (const f of ['kind', 'sec', 'nanos', 'digits', 'deferred'] as const) expect([...(a.times?.[f] ?? [])]).toEqual([...(b.times?.[f] ?? [])]);
    expect([a.binary, a.invalid]).toEqual([b.binary, b.invalid]);
  });
}

const lines = (n: number, at: (i: number) => string): string => `${Array.from({ length: n }, (_, i) => at(i)).join('\n')}\n`;

/**
 * 20,000 lines of `base` (in turn), each of the first three rounds as it is, then half of them
 * changed where a layout must notice: any digits (minute 61, month 13, hour 24, day 39, PRI 999),
 * a cut anywhere, one character changed, a longer number, some digits, another PRI (192 and over
 * is malformed).
 */
function mutated(base: readonly string[], r: () => number): string {
  const mutate = (line: string): string => {
    const k = Math.floor(r() * 6);
    if (k === 0) return line.replace(/\d/g, () => String(Math.floor(r() * 10)));
    if (k === 1) return line.slice(0, Math.floor(r() * line.length));
    if (k === 2) {
      const i = Math.floor(r() * line.length);
      return line.slice(0, i) + String.fromCharCode(32 + Math.floor(r() * 95)) + line.slice(i + 1);
    }
    if (k === 3) return line.replace(/\d+/, (d) => d + '7');
    if (k === 4) return line.replace(/^<\d+>/, (pri) => `<${String(Math.floor(r() * 10 ** (pri.length - 2))).padStart(pri.length - 2, '1')}>`);
    return line.replace(/\d/g, (d) => (r() < 0.2 ? String(Math.floor(r() * 10)) : d));
  };
  return lines(20_000, (i) => {
    const line = base[i % base.length] as string;
    return i < base.length * 3 || r() < 0.5 ? line : mutate(line);
  });
}

// pfa's machines (x86-64 Linux) build the addon on `npm ci`: were it missing there, the tests below would be skipped.
it.runIf(process.arch === 'x64' && process.platform === 'linux' && process.env.PFA_NATIVE !== '0')('has the native pass built on x86-64 Linux', () => {
  expect(native).toBe(true);
});

describe.skipIf(!native)('header layouts give what the full reading gives', () => {
  it.each(LOGHUB_SYSTEMS)('%s, repeated with other digits', (system) => {
    const raw = readFileSync(path.join(LOGHUB_DIR, system, `${system}_2k.log`), 'latin1').split('\n').filter((l) => l !== '');
    const r = rng(7);
    const vary = (s: string): string => s.replace(/\d/g, (d) => (r() < 0.3 ? String(Math.floor(r() * 10)) : d));
    // as the bench varies them (the first 64 characters kept, so that times stay valid), and every digit varied
    const text = lines(8000, (i) => {
      const line = raw[i % raw.length] as string;
      return i < raw.length ? line : i < 6000 ? line.slice(0, 64) + vary(line.slice(64)) : vary(line);
    });
    const { fast, full, hits } = both(text);
    expectSame(fast, full);
    expect(hits).toBeGreaterThan(2000);
  });

  it('lines made to fit a layout but for a value, a length or what follows the header', () => {
    const base = [
      '2024-03-31 22:15:29,606 INFO  [main] org.example.Service: started in 250 ms',
      '2024-03-31 22:15:29.606123 WARN [pool-1] org.example.Pool: queue at 95%',
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_1 terminating',
      '03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs opening app',
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      '20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579',
      '2024-03-31T22:15:29+02:00 ERROR [main] x.Y: failed after 3 tries',
      '2024-03-31 22:15:29 PM INFO a.B: twelve-hour',
      '- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root',
      '10:27:35.123 [main] ERROR c.e.App - boom',
      '2024-03-31 22:15:29,606 INFO  [main] org.example.Service: ',
    ];
    const text = mutated(base, rng(11));
    for (const tz of ['UTC', 'Europe/London', '+05:30']) {
      const { fast, full, hits } = both(text, tz, 16 << 10);
      expectSame(fast, full);
      expect(hits).toBeGreaterThan(5000);
    }
  });

  it('syslog lines made to fit a layout but for a value, a length or what follows the tag', () => {
    const base = [
      'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.example.com [173.234.31.186] failed',
      '<34>Nov 26 10:27:35 web1 sshd[42]: Accepted publickey for root',
      '<191>Nov  6 10:27:35.123456 web1 app: local0 debug',
      '2025-11-26T10:27:35.123456+01:00 web1 kernel: [ 12.345678] eth0: link up',
      '2025-11-26T10:27:35Z web1 Google Chrome Helper[81016]: a wide tag',
      'Nov 26 10:27:35 web1 syslogd 1.4.1: restart.',
      'Nov 26 10:27:35 cron[12]: local, no host',
      'Nov 26 10:27:35 web1 launchd[1] (com.apple.quicklook[80437]): a job',
      'Nov 26 10:27:35 web1 secd[276]:  padded message',
    ];
    const { fast, full, hits } = both(mutated(base, rng(13)), 'UTC', 16 << 10);
    expectSame(fast, full);
    expect(hits).toBeGreaterThan(5000);
  });

  it('lines that are not printable ASCII among them: UTF-8, bytes that are not, control characters, NULs', () => {
    const r = rng(17);
    const parts: Buffer[] = [];
    for (let i = 0; i < 12_000; i++) {
      const head = `2024-03-31 22:${String(10 + (i % 50)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} INFO [main] app.Svc: `;
      const k = Math.floor(r() * 8);
      const tail = k === 0 ? 'user José logged in' : k === 1 ? 'bad \xff\xfe bytes' : k === 2 ? 'tab\there' : k === 3 ? 'bell \x07 rings' : `done ${i} items`;
      const line = Buffer.from(head + tail, k === 1 ? 'latin1' : 'utf8');
      parts.push(k === 4 ? Buffer.concat([Buffer.from([0, 0, 0]), line]) : line, Buffer.from(k === 5 ? '\r\n' : '\n'));
    }
    const { fast, full, hits } = both(Buffer.concat(parts));
    expectSame(fast, full);
    expect(full.some((c) => (c.invalid ?? 0) > 0)).toBe(true);
    expect(hits).toBeGreaterThan(4000);
  });

  it('times move on: a minute, second and fraction each line, the hour and date now and then', () => {
    let t = Date.UTC(2024, 1, 28, 22, 58, 0);
    const r = rng(5);
    const text = lines(30_000, () => {
      t += Math.floor(r() * 900);
      const iso = new Date(t).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)} INFO [worker-${Math.floor(r() * 3)}] app.Job: done ${Math.floor(r() * 1000)} items`;
    });
    const { fast, full, hits } = both(text);
    expectSame(fast, full);
    expect(hits).toBeGreaterThan(25_000);
  });
});
