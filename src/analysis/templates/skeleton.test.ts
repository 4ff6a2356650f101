import { describe, expect, it } from 'vitest';
import { MaskScanner } from './scanner.js';
import { inMarkerRun, skeletonHash, skeletonLane2 } from './skeleton.js';
import { skeletonBytesLane2, skeletonHashBytes } from './skeleton-bytes.js';

const LINES = [
  'Served block blk_-1608999687919862906 to /10.251.73.220',
  'acquire lock=233570404, flags=0x1, tag="View Lock", uid=10037, pid=2227',
  'DHCPDISCOVER from 00:11:43:e3:ba:c3 via eth1',
  'Loaded Servicing Stack v6.1.7601.23505 with Core: C:\\Windows\\winsxs\\amd64_x_31bf3856ad364e35\\cbscore.dll',
  'Session 0x14f05578bd80001 at 10.10.34.11:2181 expired after 10000ms',
  'jk2_init() Found child 6725 in scoreboard slot 10 for ssh2 on eth0 and node-3',
  'remove(PendingIntent{7ac34ff: PendingIntentRecord{1e5f3a3 com.x broadcastIntent}}) rdd_42_3 e1000_probe ab12cd',
  '00000001@2016/9/27:20:30:31.455 WcpInitialize (stack @0x7fed806eb5d) GET https://h2c.example.com:8443/a1',
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('skeletonHash', () => {
  it('maps messages with the same skeleton to the same masked tokens whenever the scanner says exact', () => {
    const r = rng(5);
    const hexes = '0123456789abcdef';
    // vary digits and hex letters inside number-like runs, keeping lengths most of the time
    const vary = (l: string): string =>
      l.replace(/[0-9a-f]+/g, (m) => (/\d/.test(m) ? [...m].map((c) => (r() < 0.5 ? (hexes[Math.floor(r() * (/\d/.test(c) ? 10 : 16))] as string) : c)).join('') : m));
    const sc = new MaskScanner();
    const seen = new Map<string, { tokens: string; exact: boolean }>();
    let checked = 0;
    for (let round = 0; round < 300; round++) {
      for (const line of LINES) {
        const l = round === 0 ? line : vary(line);
        const key = `${skeletonHash(l)}:${skeletonLane2()}`;
        const tokens = sc.tokens(l).join('\u0001');
        const first = seen.get(key);
        if (!first) seen.set(key, { tokens, exact: sc.exact });
        else if (first.exact) {
          checked++;
          expect(tokens).toBe(first.tokens);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('ignores the values of number-like runs but not their shape', () => {
    const key = (l: string): string => `${skeletonHash(l)}:${skeletonLane2()}`;
    expect(key('took 12 ms')).toBe(key('took 57 ms'));
    expect(key('id 9f4ef63 ok')).toBe(key('id 1a2bc34 ok'));
    expect(key('took 12 ms')).toBe(key('took 123 ms')); // a whole number: masked whatever its length
    expect(key('blk_12 ok')).not.toBe(key('blk_123 ok'));
    expect(key('eth0 up')).not.toBe(key('eth1 up'));
  });

  it('knows which digits a marker hides', () => {
    expect(inMarkerRun('id 12345', 4)).toBe(true);
    expect(inMarkerRun('eth0', 3)).toBe(false);
    expect(inMarkerRun('port 22', 6)).toBe(true);
  });
});

describe('skeletonHashBytes', () => {
  it('equals the string skeleton for ASCII lines, wherever the line sits in the buffer', () => {
    const enc = new TextEncoder();
    for (const line of LINES) {
      const bytes = enc.encode(`xx\n${line}\nyy`);
      expect(skeletonHashBytes(bytes, 3, 3 + line.length)).toBe(skeletonHash(line));
      expect(skeletonBytesLane2()).toBe(skeletonLane2());
    }
  });
});
