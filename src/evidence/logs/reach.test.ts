// What the text family's header scan reads (header.ts scanReach, timestamp.ts trace), which template
// mining's header layouts rely on: a line that differs from another only in digits, or only past the
// reach, is scanned the same way (fields, bounds, time matches), unless a value decided a step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOGHUB_DIR, LOGHUB_SYSTEMS } from '../../test/loghub.js';
import { newScan } from './header-scan.js';
import { scanHeader, scanReach } from './header.js';
import { trace } from './timestamp.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** The scan's fields, bounds and accepted time matches, and whether a value decided a step; null without a header. */
function shape(line: string, prefixTokens: number): { fields: string; valueDependent: boolean; reach: number } | null {
  const scan = scanHeader(line, prefixTokens, newScan());
  if (!scan) return null;
  const fields: string[] = [scan.sig];
  for (let i = 0; i < scan.n; i++) fields.push(`${scan.starts[i]}-${scan.ends[i]}>${scan.next[i]}`);
  for (let j = 0; j < Math.min(trace.n, 16); j++) fields.push(`t${trace.shapes[j]}@${trace.starts[j]}-${trace.ends[j]}`);
  return { fields: fields.join(' '), valueDependent: trace.valueDependent, reach: scanReach(line, scan) };
}

const EXTRA = [
  '2024-03-31 22:15:29,606 INFO  [main] org.example.Service: started in 250 ms',
  '2024-03-31T22:15:29.606+02:00 WARN [pool-1] org.example.Pool - queue at 95%',
  '10:27:35.123 [main] ERROR c.e.App - boom',
  '[2025-11-26 10:27:35 INF] ready',
  '[2025-11-26 10:27:35.123 WARN  kafka.server] slow',
  'I1126 10:27:35.123456    42 router.go:86] listening',
  '2025/11/26 10:27:35 [error] 1234#0: *44 connect() failed (111: Connection refused)',
  'Nov 26 10:27:35 web1 sshd[42]: Accepted publickey',
  '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack',
  '2025-11-26 10:27:35 12345 [Note] [MY-010116] [Server] starting',
  'ERROR [main] 2025-11-26 10:27:35,123 File.java:42 - msg',
];

describe('header scan reach', () => {
  const lines: string[] = [...EXTRA];
  for (const system of LOGHUB_SYSTEMS) {
    lines.push(...readFileSync(path.join(LOGHUB_DIR, system, `${system}_2k.log`), 'latin1').split('\n').filter((l) => l !== '').slice(0, 300));
  }

  it.each([-1, 0, 1])('other digits and other text past the reach change nothing (prefix tokens %i)', (prefixTokens) => {
    const r = rng(3 + prefixTokens);
    let checked = 0;
    for (const line of lines) {
      const a = shape(line, prefixTokens);
      if (!a || a.valueDependent) continue;
      for (let k = 0; k < 4; k++) {
        // digits anywhere, as any digits
        const digits = line.replace(/\d/g, () => String(Math.floor(r() * 10)));
        const d = shape(digits, prefixTokens);
        if (d && !d.valueDependent) expect(d.fields, `${line}\n${digits}`).toBe(a.fields);
        if (a.reach >= line.length) continue;
        // anything past the reach: other characters, a cut (not before the reach), more text
        const at = a.reach + Math.floor(r() * (line.length - a.reach));
        const tail = Array.from({ length: 1 + Math.floor(r() * 12) }, () => String.fromCharCode(32 + Math.floor(r() * 95))).join('');
        for (const other of [line.slice(0, at) + tail, line.slice(0, Math.max(a.reach, at)), line + tail]) {
          if (other.length < a.reach) continue;
          const o = shape(other, prefixTokens);
          expect(o?.fields, `${line}\n${other}`).toBe(a.fields);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
