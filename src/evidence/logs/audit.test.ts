import { describe, expect, it } from 'vitest';
import { auditParser, parseAudit } from './audit.js';
import { parseLogText } from './parser.js';
import type { LogRecord } from './types.js';

const records = (lines: string[], options = {}): LogRecord[] =>
  parseLogText(lines.join('\n'), { year: 2025, ...options }).results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));
const rows = (lines: string[], options = {}): [string | null, string | null, string][] => records(lines, options).map((r) => [r.timestamp, r.level, r.message]);

describe('audit records', () => {
  it('reads the epoch stamp, keeps type and fields as the message and the serial aside', () => {
    const [r] = records(['node=gw01 type=SYSCALL msg=audit(1764152855.123:4567): arch=c000003e syscall=59 success=no exit=-13 comm="x" exe="/usr/bin/x" key=(null)']);
    expect(r).toMatchObject({
      timestamp: '2025-11-26T10:27:35.123Z', level: null, host: 'gw01', component: 'SYSCALL', extra: { serial: '4567' }, format: 'logfmt', dialect: 'audit',
      message: 'type=SYSCALL arch=c000003e syscall=59 success=no exit=-13 comm="x" exe="/usr/bin/x" key=(null)',
    });
  });

  it('gives crashes, anomalies and denials a level the error threshold shows, and nothing else one', () => {
    const line = (type: string, fields: string): string => `type=${type} msg=audit(1764152858.500:4570): ${fields}`;
    expect(rows([
      line('ANOM_ABEND', 'pid=2345 comm="oms" sig=11 res=1'),
      line('ANOM_PROMISCUOUS', 'dev=eth0 prom=256 old_prom=0'),
      line('AVC', 'avc:  denied  { read } for  pid=1234 comm="oms" tclass=file permissive=0'),
      line('AVC', 'apparmor="DENIED" operation="open" profile="/usr/sbin/ntpd"'),
      line('USER_AVC', "pid=1 uid=0 msg='avc:  denied  { start } for auid=n/a'"),
      line('SELINUX_ERR', 'op=security_compute_av reason=bounds'),
      line('AVC', 'avc:  granted  { setenforce } for  pid=2001'),
      line('AVC', 'apparmor="ALLOWED" operation="open" denied_mask="r"'),
      line('USER_LOGIN', "pid=3001 msg='op=login acct=\"alice\" res=failed'"),
      line('SYSCALL', 'syscall=2 success=no exit=-13'),
    ]).map((r) => r[1])).toEqual(['fatal', 'error', 'error', 'error', 'error', 'error', null, null, null, null]);
  });

  it("reads `ausearch -i` local times in the tz option's zone, day order from the file, separators not records", () => {
    const results = parseLogText([
      '----',
      'type=PROCTITLE msg=audit(11/26/2025 11:27:35.123:4567) : proctitle=/usr/bin/x ',
      'type=SYSCALL msg=audit(11/26/2025 11:27:35.123:4567) : arch=x86_64 syscall=execve success=no exit=EACCES(Permission denied) ',
      '----',
      'type=ANOM_ABEND msg=audit(11/26/2025 11:28:02.000:4571) : pid=2345 comm=oms sig=SIGSEGV res=yes ',
    ].join('\n'), { tz: 'Europe/Paris' });
    expect(results.results.map((r) => r.kind)).toEqual(['rejected', 'record', 'record', 'continuation', 'record']);
    expect(results.results.flatMap((r) => (r.kind === 'record' ? [[r.record.timestamp, r.record.level, r.record.message]] : []))).toEqual([
      ['2025-11-26T10:27:35.123Z', null, 'type=PROCTITLE proctitle=/usr/bin/x'],
      ['2025-11-26T10:27:35.123Z', null, 'type=SYSCALL arch=x86_64 syscall=execve success=no exit=EACCES(Permission denied)'],
      ['2025-11-26T10:28:02.000Z', 'fatal', 'type=ANOM_ABEND pid=2345 comm=oms sig=SIGSEGV res=yes'],
    ]);
    // A first field above 12 makes the file day-first; the C locale's two-digit year.
    const dmy = ['type=SYSCALL msg=audit(26/11/2025 10:27:35.123:1) : a=1', 'type=SYSCALL msg=audit(03/11/2025 10:27:35.123:2) : a=1'];
    expect(rows(dmy).map((r) => r[0])).toEqual(['2025-11-26T10:27:35.123Z', '2025-11-03T10:27:35.123Z']);
    expect(rows(['type=SYSCALL msg=audit(11/03/25 10:27:35.123:1) : a=1', 'type=SYSCALL msg=audit(11/26/25 10:27:35.5:2) : a=1']).map((r) => r[0])).toEqual([
      '2025-11-03T10:27:35.123Z', '2025-11-26T10:27:35.5Z',
    ]);
  });

  it('is chosen once per file: a logfmt file keeps its keys, an audit file needs most lines to be records', () => {
    expect(auditParser(['ts=2025-11-26T10:27:35Z level=info msg=up', 'ts=2025-11-26T10:27:36Z level=info msg=x'])).toBeNull();
    const audit = ['----', 'time->Wed Nov 26 10:27:35 2025', 'type=SYSCALL msg=audit(1764152855.123:4567): a=1'];
    expect(auditParser(audit)).not.toBeNull();
    expect(records(['ts=2025-11-26T10:27:35Z level=warn msg="type=x"'])[0]).toMatchObject({ level: 'warn', message: 'type=x', dialect: 'logfmt' });
    expect(parseAudit('type=SYSCALL msg=audit(bogus): a=1')).toBeNull();
    expect(parseAudit('prefix type=SYSCALL msg=audit(1764152855.123:4567): a=1')).toBeNull();
  });
});
