import { describe, expect, it } from 'vitest';
import { maskTokens } from './mask.js';
import { MaskScanner } from './scanner.js';

const masked = (line: string): string => maskTokens(line).join(' ');

describe('maskTokens', () => {
  it.each([
    ['numbers and signed decimals', 'retry 3 of 10 after -1.5 s', 'retry <*> of <*> after <*> s'],
    ['hex numbers and pointers', 'pointer 0x7ffd5a3b1c20 freed, id deadbeef01', 'pointer <*> freed, id <*>'],
    ['IPv4 with and without port', 'conn 10.0.0.1:8080 from /192.168.1.20', 'conn <*>:<*> from <*>'],
    ['IPv6 forms', 'addr fe80::1ff:fe23:4567:890a, ::1 and [2001:db8::1]:443', 'addr <*>, <*> and [<*>]:<*>'],
    ['MAC addresses', 'DHCPACK to 00:1a:2b:3c:4d:5e via eth1', 'DHCPACK to <*> via eth1'],
    ['unix, home and windows paths', 'open /var/log/app.log, ~/x/y and C:\\Windows\\sys32\\a.dll', 'open <*>, <*> and <*>'],
    ['relative paths with two slashes', 'wrote out/run/part-0001 ok', 'wrote <*> ok'],
    ['paths relative to the working directory', 'Error loading ./runtime_malloc: missing, ../bin/x ok', 'Error loading <*>: missing, <*> ok'],
    ['URLs keep their scheme', 'GET https://example.com/a?b=1 (hdfs://nn:9000/x)', 'GET https://<*> (hdfs://<*>)'],
    ['UUIDs', 'request 550e8400-e29b-41d4-a716-446655440000 done', 'request <*> done'],
    ['timestamps', 'at 2024-01-15T10:30:00.123Z and 2016/9/27:20:30:31.455', 'at <*>:<*>:<*> and <*>/<*>/<*>:<*>:<*>:<*>'],
    ['durations and sizes with attached units', 'took 250ms for 1.5GB (12.3%)', 'took <*> for <*> (<*>)'],
    ['key=value values, also quoted with spaces', 'user=alice tag="View Lock", ok=true', 'user=<*> tag="<*>", ok=<*>'],
    [
      'quoted values up to their closing quote, past escaped ones',
      '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"oms\\" with CrashLoopBackOff: \\"back-off 1m20s\\"" pod="trading/oms-7df72fdd89-d8f1e"',
      '"Error syncing pod, skipping" err="<*>" pod="<*>"',
    ],
    ['a value ending in an escaped backslash closes there', 'dir="C:\\\\" next=1', 'dir="<*>" next=<*>'],
    ['a value that opens a bracket is a type name', 'ws=WorkSource{10113} x=Rect(0, 0)', 'ws=WorkSource{<*>} x=Rect(<*>, <*>)'],
    ['true, false and null anywhere', 'isOverlap:false (null) TRUE', 'isOverlap:<*> (<*>) <*>'],
    ['host names with a known top-level domain', 'resolved db1.prod.example.com and x.uninet-ide.com.mx', 'resolved <*> and <*>'],
    ['host names under a country code', 'from aml-sfh-3310b.adsl.wanadoo.nl (82-68-222-195.dsl.in-addr.zen.co.uk)', 'from <*> (<*>)'],
    ['two-letter file extensions and reversed packages stay', 'load libc-hash.x86.so and com.example.ui.de', 'load libc-hash.x86.so and com.example.ui.de'],
    ['reversed package names stay', 'class com.example.Main loaded', 'class com.example.Main loaded'],
    ['digit runs standing apart from letters', 'node-3 and worker_12 but eth0, ssh2 and jk2_init stay', 'node-<*> and worker_<*> but eth0, ssh2 and jk2_init stay'],
    ['identifiers dominated by digits', 'attempt_1445144423722_0020_m_000001_0 on u0', '<*> on <*>'],
    ['host:port and object@hash', 'QuorumServer@1a2b3c4 at host.local:2181', 'QuorumServer@<*> at <*>:<*>'],
    ['each variable token stays one wildcard, lists too', 'IRQs 3 4 5 10 11 and 1 2', 'IRQs <*> <*> <*> <*> <*> and <*> <*>'],
    ['adjacent variables of different meaning stay apart', 'Server be_api/api8 is DOWN, reason: Layer4 timeout, check duration: 1833ms. 4 active and 0 backup servers left.', 'Server be_api/api8 is DOWN, reason: Layer4 timeout, check duration: <*> <*> active and <*> backup servers left.'],
    ['bracketed variables keep their place', 'for 1.2.3.4.static.isp.net [1.2.3.4] failed', 'for <*> [<*>] failed'],
  ])('%s', (_name, line, want) => {
    expect(masked(line)).toBe(want);
  });

  it('gives lines that differ only in values the same tokens', () => {
    expect(maskTokens('Served block blk_-1608999687919862906 to /10.251.73.220')).toEqual(
      maskTokens('Served block blk_-2918118818249673980 to /10.250.19.102'),
    );
  });

  it('keeps words, punctuation and whitespace-separated structure', () => {
    expect(maskTokens('  Connection   closed by peer [preauth]  ')).toEqual(['Connection', 'closed', 'by', 'peer', '[preauth]']);
    expect(maskTokens('')).toEqual([]);
  });
});

describe('MaskScanner fingerprints', () => {
  it('are equal exactly when the masked tokens are equal', () => {
    const lines = [
      'a 1 b', 'a 22 b', 'a b', 'a 1 c', 'x=1, y=2', 'x=3, y=4', 'x=1,y=2', 'eth0 up', 'eth1 up',
      'GET https://a/b', 'GET https://c/d', 'user "quoted text"', 'ab:cd:12:34:56:78', 'ab:cd:12:34:56:79 z',
    ];
    const sc = new MaskScanner();
    const byTokens = new Map<string, string>();
    const byPrint = new Map<string, string>();
    for (const l of lines) {
      const tokens = sc.tokens(l).join('\u0001');
      const print = `${sc.h1}:${sc.h2}:${sc.count}`;
      sc.fingerprint(l);
      expect(`${sc.h1}:${sc.h2}:${sc.count}`).toBe(print); // both modes agree
      expect(byTokens.get(tokens) ?? print).toBe(print);
      expect(byPrint.get(print) ?? tokens).toBe(tokens);
      byTokens.set(tokens, print);
      byPrint.set(print, tokens);
    }
    expect(byTokens.size).toBe(11);
  });
});
