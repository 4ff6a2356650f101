import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mineLogFile, mineLogs } from './adapter.js';
import { mineTemplates } from './batch.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mineLogFile', () => {
  it('streams a file across small chunks, CRLF and a last line without newline', async () => {
    const file = path.join(dir, 'app.log');
    const lines = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? `2024-01-01 INFO Cache miss for key k${i} after ${i} µs` : `2024-01-01 INFO Worker ${i} started`));
    writeFileSync(file, `${lines.join('\r\n')}`);
    const r = await mineLogFile(file, { chunkSize: 64, message: (l) => (l.startsWith('#') ? undefined : l.slice(16)) });
    expect(r.lines).toBe(500);
    expect(r.templates.map((t) => [t.template, t.count])).toEqual([
      ['Worker <*> started', 400],
      ['Cache miss for key <*> after <*> µs', 100],
    ]);
    expect(r.lineTemplates[0]).toBe(1);
    expect(r.lineTemplates[1]).toBe(0);
  });

  it('mines whole lines as bytes with the same result as mining the decoded strings', async () => {
    const file = path.join(dir, 'mixed.log');
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      lines.push(`Überweisung ${i} an Konto DE${1000 + i} über ${i % 7} € fertig`);
      lines.push(`GET /api/v${i % 3}/orders/${i}?x=${i * 7} 200 ${i}ms`);
      lines.push(`conn 10.0.${i % 256}.${i % 7}:${8000 + i} → ok ✓ ${'é'.repeat(i % 3)}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const fromFile = await mineLogFile(file, { chunkSize: 100 });
    const fromStrings = mineTemplates(lines);
    expect(fromFile.lines).toBe(lines.length);
    expect(fromFile.templates.map((t) => [t.templateId, t.count])).toEqual(fromStrings.templates.map((t) => [t.templateId, t.count]));
    expect(Array.from(fromFile.lineTemplates)).toEqual(Array.from(fromStrings.lineTemplates));
  });
});

describe('mineLogs on a file whose every line has bytes that are not UTF-8', () => {
  it('reads their headers as pfa logs parse does (the format detected from those lines), not as plain text', async () => {
    const file = path.join(dir, 'latin1.log');
    const line = (s: number, who: string) => Buffer.concat([Buffer.from(`2025-11-26 10:27:3${s},000 ERROR [m] a.B - `), Buffer.from([0xe9]), Buffer.from(`chec connexion ${who}\n`)]);
    writeFileSync(file, Buffer.concat([line(5, 'gw1'), line(6, 'gw2')]));
    const r = await mineLogs([file], { threads: 0 });
    expect(r.templates.map((t) => [t.template, t.count, t.firstSeen, t.lastSeen])).toEqual([['\uFFFDchec connexion <*>', 2, '2025-11-26T10:27:35.000Z', '2025-11-26T10:27:36.000Z']]);
  });
});

describe('mineLogs on stack traces', () => {
  it('places continuation lines at the time of the record they continue, across chunks, not across files', async () => {
    const app = path.join(dir, 'gateway.log');
    const trace = ['java.net.SocketTimeoutException: Read timed out', '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)', '\tat com.acme.oms.Gateway.send(Gateway.java:159)', '\t... 12 more'];
    writeFileSync(app, [
      '2025-03-14 10:00:00.637 INFO  [main] c.acme.oms.Router - routed order 267854 to XNAS',
      '2025-03-14 10:00:03.965 ERROR [pool-9-thread-1] c.acme.oms.Gateway - send failed',
      ...trace,
      '2025-03-14 10:00:04.794 INFO  [main] c.acme.oms.Router - routed order 989182 to XNAS',
      '2025-03-14 10:00:13.748 ERROR [pool-7-thread-9] c.acme.oms.Gateway - send failed',
      ...trace,
      '',
    ].join('\n'));
    // a second file that starts with a trace: it continues no record of the first file
    const tail = path.join(dir, 'gateway-tail.log');
    writeFileSync(tail, `${trace.join('\n')}\n2025-03-14 10:00:20.000 INFO  [main] c.acme.oms.Router - routed order 5 to XNAS\n`);
    // chunks of 64 bytes: a trace's record is in an earlier chunk than its lines
    const r = await mineLogs([app, tail], { threads: 0, chunkSize: 64 });
    const seen = Object.fromEntries(r.templates.map((t) => [t.template, [t.count, t.firstSeen, t.lastSeen]]));
    expect(seen['java.net.SocketTimeoutException: Read timed out']).toEqual([3, '2025-03-14T10:00:03.965Z', '2025-03-14T10:00:13.748Z']);
    expect(seen['... <*> more']).toEqual([3, '2025-03-14T10:00:03.965Z', '2025-03-14T10:00:13.748Z']);
  });

  it('gives no time to a stray line of a JSON log, which pfa logs parse rejects rather than attaches', async () => {
    const file = path.join(dir, 'app.jsonl');
    const rec = (s: number, msg: string) => JSON.stringify({ time: `2025-03-14T10:00:0${s}Z`, level: 'error', msg });
    writeFileSync(file, `${rec(1, 'send failed')}\nTraceback (most recent call last):\n  File "gw.py", line 12, in send\n${rec(2, 'send failed')}\n`);
    const r = await mineLogs([file], { threads: 0 });
    const seen = Object.fromEntries(r.templates.map((t) => [t.template, t.firstSeen]));
    expect(seen['Traceback (most recent call last):']).toBeNull();
    expect(seen['File "gw.py", line <*>, in send']).toBe('2025-03-14T10:00:01Z'); // indented: a continuation
  });
});

describe('mineLogs on bytes that are not text', () => {
  /** Seeded random bytes, like a core dump or a tarball passed by mistake. */
  const noise = (n: number, seed: number): Buffer => {
    let s = seed;
    return Buffer.from(Array.from({ length: n }, () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24));
  };

  it('counts per file the lines skipped as binary and those mined though not valid UTF-8, in one thread or chunk size or another', async () => {
    const bin = path.join(dir, 'core.bin');
    writeFileSync(bin, noise(20_000, 7));
    const log = path.join(dir, 'names.log');
    // one line with a Latin-1 name (0xe9), the rest clean
    const lines = Array.from({ length: 50 }, (_, i) => Buffer.from(`2025-11-26 10:27:${String(i).padStart(2, '0')},000 INFO [m] a.B - client ${i} connected\n`));
    lines[10] = Buffer.concat([Buffer.from('2025-11-26 10:27:10,000 WARN [m] a.B - unknown user Jos'), Buffer.from([0xe9, 0x0a])]);
    writeFileSync(log, Buffer.concat(lines));
    const r = await mineLogs([bin, log], { threads: 0 });
    const [b, l] = r.files;
    expect(b?.binary).toBeGreaterThan(0);
    expect(b?.invalidUtf8).toBeGreaterThan(0);
    expect((b?.binary ?? 0) + (b?.invalidUtf8 ?? 0)).toBeGreaterThan((b?.lines ?? 0) / 2);
    expect(l).toEqual({ lines: 50, binary: 0, invalidUtf8: 1 });
    expect((await mineLogs([bin, log], { threads: 0, chunkSize: 256 })).files).toEqual(r.files);
  });
});
