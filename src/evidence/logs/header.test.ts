// The header scan's shortcuts (level refusals without slicing, interned signatures, per-signature
// plans) must give what the plain definitions give.
import { describe, expect, it } from 'vitest';
import { newScan } from './header-scan.js';
import { scanHeader } from './header.js';
import { headerLevel, headerLevelIn } from './levels.js';
import { createTextParser, learnProfile } from './text.js';

describe('headerLevelIn', () => {
  const tokens = [
    'INFO', 'info', 'Info', 'WARN', 'WARNING', 'Warning:', 'ERROR', 'ERRORS', 'INFOx', 'xINFO', 'err', 'E', 'I', 'x', 'k',
    '[ERROR]', '[ error ]', '<INFO>', '[3]', '[core:error]', 'core:error', 'kern.crit', 'kern.crit:', 'user.x.crit', 'a.b.C',
    'debug3', 'debug9', 'DEBUG3', 'Informational', 'informational:', 'fine', 'FINEST', 'log', 'LOG:', 'dn228', 'INFO\u00a0',
    '[ERROR\u3000]', 'ERRO\u212a', 'crit\u212a', 'dfs.DataNode$PacketResponder', 'trace]', '[trace', 'a:info', '-:info', ':info',
    'INFO::', '[[INFO]]', 'éINFO', 'INFOé', 'W:', 'w', '7', 'verbose', 'panic!', 'notice,', 'Alert.', 'SEVERE',
  ];
  it('agrees with headerLevel on the token, whatever it refuses', () => {
    for (const token of tokens) {
      const line = `ab ${token} cd`;
      expect([token, headerLevelIn(line, 3, 3 + token.length)]).toEqual([token, headerLevel(token)]);
    }
  });

  it('agrees with headerLevel on random tokens near the level words', () => {
    const parts = ['err', 'or', 'INFO', 'info', 'warn', 'ing', 'kern', 'core', '.', ':', '[', ']', '<', '>', ' ', 'x', '1', 'E', 'debug', '\u00a0'];
    let seed = 42;
    const rnd = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n;
    for (let k = 0; k < 20000; k++) {
      let token = '';
      const len = 1 + rnd(4);
      for (let j = 0; j < len; j++) token += parts[rnd(parts.length)];
      expect([token, headerLevelIn(`=${token}=`, 1, 1 + token.length)]).toEqual([token, headerLevel(token)]);
    }
  });
});

describe('scanHeader', () => {
  it('reuses one scan across lines of different shapes without leaking fields', () => {
    const scan = newScan();
    expect(scanHeader('081109 203615 148 INFO dfs.DataNode: done', -1, scan)?.sig).toBe('TNLG');
    expect(scanHeader('2025-11-26 10:27:35,123 - app.db - ERROR - x', -1, scan)?.sig).toBe('T-W-L-');
    expect(scanHeader('no header', -1, scan)).toBeNull();
    const again = scanHeader('- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: x', -1, scan);
    expect(again?.sig).toBe('PTTWTWG');
    expect(again?.n).toBe(7);
    expect(Array.from(again?.kinds.subarray(0, 7) ?? [], (c) => String.fromCharCode(c)).join('')).toBe('PTTWTWG');
  });

  it('gives the same result with a fresh scan and a reused one', () => {
    const lines = [
      '2025-11-26 10:27:35,123 INFO [main] com.example.Service: started',
      '[2025-11-26 10:27:35 #1234] INFO ruby style',
      '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack',
      '20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579',
      '03-17 16:13:38.811  1702  2395 D WindowManager: logcat line',
      'I1126 10:27:35.123456 12345 file.cc:42] glog line',
      '2025-11-26 10:27:35,152 node RAS KERNEL INFO anchored',
    ];
    const reused = newScan();
    for (const line of lines) {
      const a = scanHeader(line, -1, reused);
      const b = scanHeader(line, -1, newScan());
      expect(a?.sig).toBe(b?.sig);
      const n = b?.n ?? 0;
      expect(Array.from(a?.next.subarray(0, n) ?? [])).toEqual(Array.from(b?.next.subarray(0, n) ?? []));
    }
  });
});

describe('scanHeader on server and runtime headers', () => {
  it('gives each its shape: Spring Boot dashes, a Redis mark, a bracket holding more than the time, a CRI stream, an error code', () => {
    const sig = (line: string): string | undefined => scanHeader(line)?.sig;
    expect(sig('2025-11-26 10:28:02.000  INFO 1234 --- [           main] o.s.b.w.e.tomcat.TomcatWebServer  : Tomcat started')).toBe('TLN-BW:');
    expect(sig('1234:M 26 Nov 2025 10:27:35.128 * Server initialized')).toBe('PTL');
    // a mark is a level only right after the time
    expect(sig('2025-11-26 10:27:35 INFO * starred')).toBe('TL');
    expect(sig('[2025-11-26T10:27:35Z INFO  md_gateway::session] reset')).toBe('TLG');
    expect(sig('2025-11-26T10:27:35.123456789Z stderr F E1126 boom')).toBe('TWW');
    expect(sig('2025-11-26T10:27:35.123456789Z stdout F INFO ready')).toBe('TWWL');
    expect(sig('2025-11-26T10:27:35Z stdoutx F ready')).toBe('T');
    expect(sig('[Wed Nov 26 10:27:35.1 2025] [core:error] [pid 1:tid 2] AH00124: Request exceeded')).toBe('TLB');
    expect(sig('[Wed Nov 26 10:27:35.1 2025] [core:error] [pid 1:tid 2] mod_x: Request exceeded')).toBe('TLBG');
    expect(sig('2025-11-26 10:28:02.002 UTC [2002] [unknown]@[unknown] LOG:  connection received')).toBe('TBWL');
  });
});

describe('text parser plans', () => {
  it('a message that starts with a level word or `word:` stays the message, in any order of shapes', () => {
    const sample = Array.from({ length: 40 }, (_, i) => `2025-11-26 10:27:${String(i).padStart(2, '0')},001 INFO [t-1] a.b.C: plain ${i}`);
    const parser = createTextParser(learnProfile(sample));
    const lines = [
      '2025-11-26 10:28:00,001 INFO [t-1] a.b.C: ERROR: disk full',
      '2025-11-26 10:28:00,002 WARN Error: no thread',
      '2025-11-26 10:28:00,003 INFO [t-1] a.b.C: Info: x',
      '2025-11-26 10:28:00,004 ERROR [t-2] proc[42]: y',
    ];
    // parse twice, in two orders: the per-signature plan must not depend on which line came first
    const first = lines.map((l) => parser.parse(l));
    const second = [...lines].reverse().map((l) => parser.parse(l)).reverse();
    expect(second).toEqual(first);
    expect(first.map((r) => (r && r !== 'malformed' ? [r.level, r.message] : null))).toEqual([
      ['info', 'ERROR: disk full'], ['warn', 'Error: no thread'], ['info', 'Info: x'], ['error', 'y'],
    ]);
    expect(first[3]).toMatchObject({ process: 'proc', pid: '42', thread: 't-2' });
    expect(parser.parse('2025-11-26 10:28:00,005 INFO [t-1] p[4x]: z')).toMatchObject({ component: 'p[4x]', message: 'z' });
  });
});
