import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect.js';
import { parseLogText } from './parser.js';
import { parseSyslog } from './syslog.js';
import type { LogRecord } from './types.js';

const records = (text: string, options = {}): LogRecord[] =>
  parseLogText(text, options).results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));

describe('syslog', () => {
  it('reads RFC 3164 with a PRI, host, tag and pid', () => {
    const [r] = records('<38>Nov 26 10:27:35 trade-gw-1 sshd[24200]: Accepted publickey for ops\n', { year: 2025 });
    expect(r).toMatchObject({
      timestamp: '2025-11-26T10:27:35Z', level: 'info', rawLevel: '<38>', host: 'trade-gw-1', process: 'sshd', pid: '24200',
      message: 'Accepted publickey for ops', format: 'syslog', dialect: 'rfc3164', extra: { facility: 'auth' },
    });
  });

  it('takes a level in capitals that starts the message of a line without <PRI>, and only then', () => {
    const level = (line: string) => {
      const r = parseSyslog(line);
      return r && r !== 'malformed' ? [r.level, r.message] : r;
    };
    expect(level('2025-11-26T10:27:39.123456789+00:00 host2 app[1]: ERROR rsyslog style')).toEqual(['error', 'ERROR rsyslog style']);
    expect(level('Jul  3 19:04:48 mac kernel[0]: WARNING: hibernate skipped 11799 pages')).toEqual(['warn', 'WARNING: hibernate skipped 11799 pages']);
    expect(level('Nov 26 10:27:36 gw ob[42]: [FATAL] book crossed')).toEqual(['fatal', '[FATAL] book crossed']);
    // in lower case only the `word: ` form (OpenSSH's error() and fatal(), xinetd's warnings); a bare word is prose
    expect(level('Dec 10 07:51:15 LabSZ sshd[24324]: error: Received disconnect')).toEqual(['error', 'error: Received disconnect']);
    expect(level('Dec 10 07:51:15 LabSZ sshd[24324]: fatal: Read from socket failed')).toEqual(['fatal', 'fatal: Read from socket failed']);
    expect(level('Jul 25 23:23:13 combo xinetd[26482]: warning: can\'t get client address')).toEqual(['warn', "warning: can't get client address"]);
    expect(level('Dec 10 07:51:15 LabSZ app[1]: error while reading config, using defaults')).toEqual([null, 'error while reading config, using defaults']);
    expect(level('Dec 10 07:51:15 LabSZ app[1]: errors: 0')).toEqual([null, 'errors: 0']);
    expect(level('<14>Nov 26 10:27:36 gw ob[42]: ERROR but the PRI says info')).toEqual(['info', 'ERROR but the PRI says info']);
    expect(level('Nov 26 10:27:36 gw ob[42]: ERRORS counted: 0')).toEqual([null, 'ERRORS counted: 0']);
  });

  it('reads tags beyond proc[pid]: a supervised job, an application name of several words, a daemon version', () => {
    const text = [
      'Jul  1 09:02:26 calvisitor-10-105-160-95 com.apple.xpc.launchd[1] (com.apple.quicklook[80437]): Endpoint has been activated',
      'Jul  1 09:03:11 calvisitor-10-105-160-95 Google Chrome Helper[81016]: Couldn\'t set selectedTextBackgroundColor',
      'Jun  9 06:06:20 combo syslogd 1.4.1:  restart.',
      // a message without a tag keeps its words, even one that looks like a tag later on
      'Jun  9 06:06:21 combo restarting the daemon now: step[2]: done',
    ].join('\n');
    const rs = records(text, { year: 2017 });
    expect(rs.map((r) => [r.host, r.process, r.pid, r.message])).toEqual([
      ['calvisitor-10-105-160-95', 'com.apple.xpc.launchd', '1', 'Endpoint has been activated'],
      ['calvisitor-10-105-160-95', 'Google Chrome Helper', '81016', "Couldn't set selectedTextBackgroundColor"],
      ['combo', 'syslogd 1.4.1', undefined, 'restart.'],
      ['combo', undefined, undefined, 'restarting the daemon now: step[2]: done'],
    ]);
    expect(rs[0]?.extra).toEqual({ job: 'com.apple.quicklook[80437]' });
  });

  it('keeps a kernel line\'s printk stamp as its boot offset, beside its time, in every syslog dialect', () => {
    const [bsd, rfc5424, app] = records(
      [
        'Nov 26 10:15:00 gw01 kernel: [ 8100.500000] Out of memory: Killed process 4821 (ob-engine)',
        '<2>1 2025-11-26T10:15:00.123456Z gw01 kernel - - - [ 8100.623456] nvme nvme0: I/O 12 QID 3 timeout, reset controller',
        'Nov 26 10:15:00 gw01 app[7]: [ 8100.500000] not a kernel line',
      ].join('\n'),
      { year: 2025 },
    );
    expect(bsd).toMatchObject({ timestamp: '2025-11-26T10:15:00Z', message: 'Out of memory: Killed process 4821 (ob-engine)', bootOffsetNs: 8_100_500_000_000n });
    expect(rfc5424).toMatchObject({ level: 'crit', message: 'nvme nvme0: I/O 12 QID 3 timeout, reset controller', bootOffsetNs: 8_100_623_456_000n });
    expect(app?.message).toBe('[ 8100.500000] not a kernel line');
    expect(app?.bootOffsetNs).toBeUndefined();
  });

  it('rolls the year over from December to January within a file', () => {
    const text = [
      'Dec 31 23:59:58 h app[1]: last of the year',
      'Jan  1 00:00:01 h app[1]: first of the next',
      'Dec 31 23:59:59 h app[1]: a late line from before midnight',
      'Jan  1 00:00:02 h app[1]: still the new year',
    ].join('\n');
    expect(records(text, { year: 2025 }).map((r) => r.timestamp)).toEqual([
      '2025-12-31T23:59:58Z', '2026-01-01T00:00:01Z', '2025-12-31T23:59:59Z', '2026-01-01T00:00:02Z',
    ]);
  });

  it('reads the wall clock in the given zone', () => {
    const [r] = records('Jul  4 09:30:00 h cron[2]: run', { year: 2025, tz: 'America/New_York' });
    expect(r?.timestamp).toBe('2025-07-04T13:30:00Z');
  });

  it('without a year, puts yearless lines at or before the reference instant', () => {
    const latest = BigInt(Date.parse('2026-01-05T00:00:00Z')) * 1_000_000n;
    const rs = records('Dec 30 10:00:00 h a: x\nJan  2 10:00:00 h a: y', { latest });
    expect(rs.map((r) => r.timestamp)).toEqual(['2025-12-30T10:00:00Z', '2026-01-02T10:00:00Z']);
    expect(rs[0]?.flags).toEqual(['year_assumed']);
  });

  it('reads RFC 5424 with structured data and a BOM before the message', () => {
    const line = '<165>1 2025-11-26T10:27:35.123456Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3" eventID="10\\]11"] \uFEFFAn application event';
    expect(parseSyslog(line)).toMatchObject({
      time: { year: 2025, month: 11, day: 26, frac: '123456', offsetMin: 0 },
      level: 'notice', host: 'mymachine.example.com', process: 'evntslog', pid: '8710', dialect: 'rfc5424',
      extra: { facility: 'local4', msgid: 'ID47', structuredData: '[exampleSDID@32473 iut="3" eventID="10\\]11"]' },
      message: 'An application event',
    });
    expect(parseSyslog('<13>1 - - - - - -')).toMatchObject({ time: null, message: '', level: 'notice' });
  });

  it("reads rsyslog's RFC 3339 file format, host-less kernel lines, and tag-less lines", () => {
    const [a, b, c] = records([
      '2025-10-29T17:17:15.861703+02:00 sonic kernel: [    0.000000] Linux version 6.1.0',
      '2025-10-29T17:17:16.000001+02:00 kernel: mce: [Hardware Error]: Machine check events logged',
      '2025-10-29T17:17:17+02:00 sonic last message repeated 3 times',
    ].join('\n'));
    // The printk stamp a forwarded kernel line keeps is its boot offset, not part of its message.
    expect(a).toMatchObject({ timestamp: '2025-10-29T15:17:15.861703Z', dialect: 'rfc3339', host: 'sonic', process: 'kernel', message: 'Linux version 6.1.0', bootOffsetNs: 0n });
    expect(b).toMatchObject({ process: 'kernel', message: 'mce: [Hardware Error]: Machine check events logged' });
    expect(b?.host).toBeUndefined();
    expect(c).toMatchObject({ host: 'sonic', message: 'last message repeated 3 times' });
  });

  it('leaves a file of ISO times and words without tags to the text family (the first word is not a host)', () => {
    const lines = ['2025-03-12T10:00:00.093Z order 2390 rejected by risk', '2025-03-12T10:00:01.855Z quote 3770 rejected by risk', '2025-03-12T10:00:02.828Z cancel 6048 rejected by risk'];
    expect(detectFormat(lines).format).toBe('text');
    expect(detectFormat([...lines, '2025-03-12T10:00:03Z gw01 sshd[42]: Accepted publickey']).format).toBe('syslog');
  });

  it('says malformed when a PRI promises syslog that does not follow, and null for other text', () => {
    expect(parseSyslog('<999>Nov 26 10:27:35 h a: x')).toBe('malformed');
    expect(parseSyslog('<13>garbage')).toBe('malformed');
    expect(parseSyslog('<13>1 2025-11-26T10:27:35Z h')).toBe('malformed');
    expect(parseSyslog('2025-11-26 10:27:35,123 INFO x')).toBeNull();
  });
});
