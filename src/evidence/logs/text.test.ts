import { describe, expect, it } from 'vitest';
import { parseLogText } from './parser.js';
import { createTextParser, learnProfile } from './text.js';
import type { LineResult, LogRecord } from './types.js';

const parse = (text: string, options = {}): LineResult[] => parseLogText(text, { year: 2025, ...options }).results;
const records = (text: string, options = {}): LogRecord[] => parse(text, options).flatMap((r) => (r.kind === 'record' ? [r.record] : []));

describe('text headers', () => {
  it('log4j/logback with thread, logger and a stack trace as continuation', () => {
    const results = parse([
      '2025-11-26 10:27:35,123 ERROR [main] com.acme.fix.Session - Logon rejected: bad SenderCompID',
      'java.lang.IllegalStateException: session not found',
      '\tat com.acme.fix.Session.logon(Session.java:42)',
      '2025-11-26 10:27:35,124 INFO  [worker-1] com.acme.fix.Session - 3 sessions up',
    ].join('\n'));
    expect(results.map((r) => r.kind)).toEqual(['record', 'continuation', 'continuation', 'record']);
    const first = results[0]?.kind === 'record' ? results[0].record : null;
    expect(first).toMatchObject({
      timestamp: '2025-11-26T10:27:35.123Z', level: 'error', rawLevel: 'ERROR', thread: 'main', component: 'com.acme.fix.Session',
      message: 'Logon rejected: bad SenderCompID', continuation: ['java.lang.IllegalStateException: session not found', '\tat com.acme.fix.Session.logon(Session.java:42)'],
    });
    expect(results[1]).toMatchObject({ kind: 'continuation', record: { line: 1 } });
    expect(results[3]?.kind === 'record' && results[3].record.message).toBe('3 sessions up');
  });

  it('Python logging, glog and spdlog', () => {
    expect(records('2025-11-26 10:27:35,123 - app.db - ERROR - Connection: refused')[0]).toMatchObject({
      level: 'error', component: 'app.db', message: 'Connection: refused',
    });
    expect(records('I1126 10:27:35.123456 12345 server.cc:42] Serving on :8080')[0]).toMatchObject({
      timestamp: '2025-11-26T10:27:35.123456Z', level: 'info', rawLevel: 'I', pid: '12345', component: 'server.cc:42', message: 'Serving on :8080',
    });
    const spd = records('[2025-11-26 10:27:35.123456] [error] order gateway down\n[2025-11-26 10:27:35.2] [fixgw] [warn] resend 3');
    expect(spd.map((r) => [r.timestamp, r.level, r.component, r.message])).toEqual([
      ['2025-11-26T10:27:35.123456Z', 'error', undefined, 'order gateway down'],
      ['2025-11-26T10:27:35.2Z', 'warn', 'fixgw', 'resend 3'],
    ]);
  });

  it('keeps the message whole after a header of bare fields and an epoch (HPC): its spacing and a leading `word:`', () => {
    const rs = records([
      '2568643 node-70 action start 1074119817 1 clusterAddMember  (command 1902)',
      '2575909 node-162 action start 1074178193 1 boot  (command 1911)',
      '2594656 node-D0 clusterfilesystem clusterfilesystem.no_server 1074279038 1 ClusterFileSystem: There is no server for domain storage234',
      '460131 node-104 node status 1145980510 1 warning',
      '2286759 full partition status 1061219795 -1 running',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.message])).toEqual([
      ['2004-01-14T22:36:57Z', 'clusterAddMember  (command 1902)'],
      ['2004-01-15T14:49:53Z', 'boot  (command 1911)'],
      ['2004-01-16T18:50:38Z', 'ClusterFileSystem: There is no server for domain storage234'],
      ['2006-04-25T15:55:10Z', 'warning'],
      ['2003-08-18T15:16:35Z', 'running'],
    ]);
    // a level word that ends the line is also its message; a bracketed one is only the level
    expect(rs[3]?.level).toBe('warn');
    expect(records('2025-11-26 10:27:36 [WARN]')[0]?.message).toBe('');
    // padding next to a level still makes a column: Windows CBS, and a pid before a level keeps `word:` a component
    expect(records('2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505')[0]?.message).toBe('Loaded Servicing Stack v6.1.7601.23505');
    expect(records('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating')[0]?.message).toBe('PacketResponder 1 terminating');
  });

  it("keeps PostgreSQL's `disconnection:`/`duration:` in the message after a level with its own colon, and a logger after a bare level", () => {
    const rs = records([
      '2025-03-12 10:00:01.123 UTC [1234] LOG:  disconnection: session time: 0:00:01.234 user=app database=orders',
      '2025-03-12 10:00:02.123 UTC [1235] LOG:  duration: 12.345 ms  statement: SELECT 1',
      '2025-03-12 10:00:03.123 UTC [1236] ERROR:  relation "foo" does not exist at character 15',
      '2025-03-12 10:00:04.123 UTC [1237] FATAL:  password authentication failed for user "app"',
    ].join('\n'));
    expect(rs.map((r) => [r.level, r.message])).toEqual([
      ['info', 'disconnection: session time: 0:00:01.234 user=app database=orders'],
      ['info', 'duration: 12.345 ms  statement: SELECT 1'],
      ['error', 'relation "foo" does not exist at character 15'],
      ['fatal', 'password authentication failed for user "app"'],
    ]);
    const py = records(['2025-03-12 10:00:05,001 INFO gateway: order accepted', '2025-03-12 10:00:06,002 WARNING risk: limit near'].join('\n'));
    expect(py.map((r) => [r.component, r.message])).toEqual([['gateway', 'order accepted'], ['risk', 'limit near']]);
  });

  it('reads Blue Gene RAS headers, FAILURE as a level in capitals only', () => {
    const rs = records([
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      '- 1118785868 2005.06.14 NULL 2005-06-14-14.51.08.361245 NULL RAS BGLMASTER FAILURE ciodb exited abnormally due to signal: Aborted',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2005-06-03T15:42:50.675872Z', 'info', 'instruction cache parity error corrected'],
      ['2005-06-14T14:51:08.361245Z', 'crit', 'ciodb exited abnormally due to signal: Aborted'],
    ]);
    expect(records('2025-11-26 10:27:35 failure to connect')[0]).toMatchObject({ level: null, message: 'failure to connect' });
  });

  it("takes a program's pid and architecture marks before ` - ` into the header (Proxifier)", () => {
    const rs = records([
      '[10.30 16:49:06] chrome.exe - proxy.example.edu:5070 open through proxy proxy.example.edu:5070 HTTPS',
      '[07.27 05:05:50] chrome.exe *64 - qa.example.com:443 error : Could not connect to proxy proxy.example.edu:5070 - connection attempt failed',
      '[07.27 05:05:51] multipass.exe (64924) *64 - resolve localhost : DNS',
    ].join('\n'));
    expect(rs.map((r) => r.message)).toEqual([
      'proxy.example.edu:5070 open through proxy proxy.example.edu:5070 HTTPS',
      'qa.example.com:443 error : Could not connect to proxy proxy.example.edu:5070 - connection attempt failed',
      'resolve localhost : DNS',
    ]);
    // only marks: other words before ` - ` stay in the message
    expect(records('2025-11-26 10:27:35 Connection reset by peer - retrying')[0]?.message).toBe('Connection reset by peer - retrying');
  });

  it('pipe-separated headers keep the message exactly, leading space included', () => {
    expect(records('20171223-22:16:0:150|Step_SPUtils|30002312| getTodayTotalDetailSteps = 1')[0]).toMatchObject({
      timestamp: '2017-12-23T22:16:00.150Z', component: 'Step_SPUtils', pid: '30002312', message: ' getTodayTotalDetailSteps = 1',
    });
  });

  it('a header with an epoch, a date and a yearless syslog time takes the year from the header', () => {
    const [r] = records('- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root', { year: 2030 });
    expect(r).toMatchObject({ timestamp: '2005-11-09T12:01:01Z', host: 'dn228/dn228', process: 'crond(pam_unix)', pid: '2915', message: 'session closed for user root' });
  });

  it("the file's profile keeps a message that starts like a header in the message", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `2025/11/26 10:27:${String(i).padStart(2, '0')} request ${i} served in 3ms`);
    lines.push('2025/11/26 10:28:00 ERROR 42 shutting down: signal received');
    const last = records(lines.join('\n')).at(-1);
    expect(last).toMatchObject({ level: null, message: 'ERROR 42 shutting down: signal received' });
    // without the profile the same line is read greedily
    expect(createTextParser(null).parse('2025/11/26 10:28:00 ERROR 42 shutting down: signal received')).toMatchObject({ rawLevel: 'ERROR', pid: '42' });
  });

  it('learns the token count before the timestamp and the common header shapes', () => {
    const profile = learnProfile(['- 1 x 2025-11-26 10:27:35 INFO a: b', 'L2 2 y 2025-11-26 10:27:36 WARN a: c', 'continuation text']);
    expect(profile).toEqual({ prefixTokens: 3, signatures: new Set(['PPPTLG']) });
    expect(learnProfile(['no header at all'])).toBeNull();
  });
});

describe('head (what template mining reads)', () => {
  it("gives parse's time, year hint and message, null where parse finds no header", () => {
    const lines = [
      '2025-11-26 10:27:35,123 ERROR [main] com.acme.fix.Session - Logon rejected: bad SenderCompID   ',
      '1764152855 2025-11-26 Nov 26 10:27:35 gw-01 fixd[42]: resend request',
      'Nov 26 10:27:35 gw-01 fixd[42]: yearless, no hint',
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
      '\tat com.acme.fix.Session.logon(Session.java:42)',
      'no header at all',
    ];
    for (const profile of [null, learnProfile(lines)]) {
      const parser = createTextParser(profile);
      for (const line of lines) {
        const full = parser.parse(line);
        const head = parser.head?.(line);
        if (full === null) {
          expect(head).toBeNull();
          continue;
        }
        if (full === 'malformed') throw new Error('the text family never says malformed');
        expect({ ...head }).toEqual({ time: full.time, yearHint: full.yearHint ?? null, message: full.message });
      }
    }
    expect(createTextParser(null).head?.(lines[1] as string)?.yearHint).toBe(2025);
  });
});
