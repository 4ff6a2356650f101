import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import { anomalyDescription, collectSources } from './collect.js';

describe('anomalyDescription', () => {
  it('gives the baseline and σ of a noisy series, and the change itself against a flat one', () => {
    const noisy = { series: 'heap_bytes', direction: 'up' as const, value: 9.5e8, baseline_mean: 4.01e8, baseline_std: 2.2e6, peak_z: 250.4 };
    expect(anomalyDescription(noisy)).toBe('Metric anomaly: heap_bytes rose to 950000000 (baseline 4.010e+8 ± 2.20e+6, 250.4σ at peak)');
    // a gauge that never moved: no "99000000σ"
    const flat = { series: 'up{job="gw"}', direction: 'down' as const, value: 0, baseline_mean: 1, baseline_std: 0, peak_z: 1e6 };
    expect(anomalyDescription(flat)).toBe('Metric anomaly: up{job="gw"} fell to 0 from a flat baseline of 1');
    // The robust method says what it measured from: the median, in scaled MADs.
    const robust = { ...noisy, method: 'mad' as const, baseline_center: 4e8, baseline_scale: 1.5e6, peak_z: 366.7 };
    // A value that is whole is given whole; an event placed at the onset says when the value was reached.
    expect(anomalyDescription({ ...noisy, value: 2050789253 }, false, '2026-01-01T00:13:10Z')).toBe('Metric anomaly: heap_bytes rose to 2050789253 at 2026-01-01T00:13:10Z (baseline 4.010e+8 ± 2.20e+6, 250.4σ at peak)');
    expect(anomalyDescription(robust)).toBe('Metric anomaly: heap_bytes rose to 950000000 (baseline median 4.000e+8, scaled MAD 1.50e+6, 366.7 MADs at peak)');
  });
});

describe('log levels in the timeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-levels-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const window = { start: parseTimestamp('2025-12-10T07:00:00Z').ns, end: parseTimestamp('2025-12-10T08:00:00Z').ns };
  const base = { ...window, year: 2025, baseline: 3_600_000_000_000n, threshold: 3, method: 'sigma' as const, lineIndex: false };
  const file = join(dir, 'auth.log');
  writeFileSync(
    file,
    [
      'Dec 10 07:08:28 LabSZ sshd[24200]: pam_unix(sshd:auth): authentication failure; rhost=173.234.31.186',
      'Dec 10 07:51:15 LabSZ sshd[24324]: error: Received disconnect from 195.154.37.122: 3: Auth fail [preauth]',
      'Dec 10 07:51:16 LabSZ sshd[24324]: Connection closed by 195.154.37.122 [preauth]',
      'Dec 10 08:30:00 LabSZ sshd[24400]: Connection closed by 10.0.0.1 [preauth]',
    ].join('\n') + '\n',
  );

  it('takes a line without a level only when every line is asked for (--min-level trace), the same on both paths', async () => {
    const at = async (minLevel: 'error' | 'trace', exhaustive: boolean) =>
      (await collectSources([file], { ...base, minLevel, ...(exhaustive ? { exhaustive } : {}) })).events.map((e) => [e.timestamp, e.event_type, e.metadata.line]);
    expect(await at('error', false)).toEqual([['2025-12-10T07:51:15Z', 'error', 2]]);
    const all = [['2025-12-10T07:08:28Z', 'log', 1], ['2025-12-10T07:51:15Z', 'error', 2], ['2025-12-10T07:51:16Z', 'log', 3]];
    expect(await at('trace', false)).toEqual(all);
    expect(await at('trace', true)).toEqual(all);
  });
});

describe('metric sources in the timeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-collect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const t0 = Date.parse('2025-11-26T09:00:00Z') / 1000;
  const window = { start: parseTimestamp('2025-11-26T10:00:00Z').ns, end: parseTimestamp('2025-11-26T10:30:00Z').ns };
  const options = { ...window, minLevel: 'error' as const, baseline: 3_600_000_000_000n, threshold: 3, method: 'sigma' as const, lineIndex: false };

  it('judges a counter by its rate: steady growth and a restart are no anomaly, a faster rate is', async () => {
    const lines = ['# TYPE orders counter', '# TYPE fills_total counter', '# TYPE heap_bytes gauge'];
    let orders = 0;
    let fills = 0;
    for (let k = 0; k < 90; k++) {
      const t = t0 + k * 60;
      orders += 100 + (k % 3); // steady, noisy
      if (k === 75) orders = 50; // the process restarted
      fills += k >= 80 ? 400 : 20 + (k % 2); // 20/min, then 400/min from 10:20
      lines.push(`orders_total ${orders} ${t}`, `fills_total ${fills} ${t}`, `heap_bytes ${1e6 + (k % 4) * 10} ${t}`);
    }
    lines.push('# EOF');
    writeFileSync(join(dir, 'm.om'), `${lines.join('\n')}\n`);
    const { events, stats } = await collectSources([join(dir, 'm.om')], options);
    expect(events.map((e) => e.description)).toEqual([expect.stringMatching(/^Metric anomaly: the rate of fills_total rose to 6\.\d+\/s/)]);
    expect(events[0]?.timestamp).toBe('2025-11-26T10:20:00Z');
    expect(events[0]?.metadata).toMatchObject({ file: 'm.om', counter: true });
    expect(stats.map((s) => [s.file, s.events])).toEqual([[join(dir, 'm.om'), 1]]);
  });

  it('counts an unreadable metric or alert file in its statistics and reads the others', async () => {
    writeFileSync(join(dir, 'qr.json'), '{"status":"success","data":{"resultType":"matrix","result":[{"metric":');
    writeFileSync(join(dir, 'am.json'), '{"alerts":[{"labels":{"alertname":"GwDown"},"startsAt":"2025-11-26T10:05:00Z"');
    writeFileSync(
      join(dir, 'am2.json'),
      ['{"alerts":[{"labels":{"alertname":"A"},"startsAt":"2025-11-26T10:06:00Z"}]}', '{"alerts":[{"labels":{"alertname":"B"},"startsAt":"2025-11-26T10:07:00Z"}]}', '{"alerts":['].join('\n'),
    );
    const { events, stats } = await collectSources([join(dir, 'qr.json'), join(dir, 'am.json'), join(dir, 'am2.json'), join(dir, 'm.om')], options);
    expect(events.map((e) => e.description).sort()).toEqual(['A firing', 'B firing', expect.stringMatching(/fills_total/)]);
    const byFile = new Map(stats.map((s) => [s.file.slice(dir.length + 1), s]));
    expect(byFile.get('qr.json')?.rejected).toEqual({ unreadable: 1 });
    expect(byFile.get('am.json')?.rejected).toEqual({ invalid_json: 1 });
    expect(byFile.get('am2.json')).toMatchObject({ events: 2, rejected: { invalid_json: 1 } });
  });

  it('tells an alert once across the notifications saved one per file, in its last state', async () => {
    const alert = (status: string, endsAt: string) => ({ status, labels: { alertname: 'GwDown', instance: 'gw-01' }, startsAt: '2025-11-26T10:05:00.123456789Z', endsAt, fingerprint: 'f1' });
    const sub = join(dir, 'am');
    mkdirSync(sub);
    writeFileSync(join(sub, '1.json'), JSON.stringify({ alerts: [alert('firing', '0001-01-01T00:00:00Z')] }));
    writeFileSync(join(sub, '2.json'), JSON.stringify({ alerts: [alert('firing', '0001-01-01T00:00:00Z')] }));
    writeFileSync(join(sub, '3.json'), JSON.stringify({ alerts: [alert('resolved', '2025-11-26T10:12:00Z')] }));
    const { events, stats } = await collectSources([sub], options);
    expect(events.map((e) => [e.timestamp, e.event_type, e.metadata.resolved_at])).toEqual([
      ['2025-11-26T10:05:00.123456789Z', 'firing', '2025-11-26T10:12:00Z'],
      ['2025-11-26T10:12:00Z', 'resolved', undefined],
    ]);
    expect(stats.map((s) => [s.lines, s.events])).toEqual([[1, 2], [1, 0], [1, 0]]);
    expect(stats[2]?.notes.join(' ')).toContain('repeat notifications already read');
  });

  it('reads the files of a directory, and a file named twice once', async () => {
    const sub = join(dir, 'fix');
    mkdirSync(sub);
    writeFileSync(join(sub, 'gw.log'), '8=FIX.4.4|9=60|35=3|34=7|49=EX|56=GW|52=20251126-10:10:00.000|45=3|58=bad tag|10=000|\n');
    writeFileSync(join(sub, '.hidden'), 'not read\n');
    const { events, stats } = await collectSources([sub, join(sub, 'gw.log'), `${sub}/../fix/gw.log`], options);
    expect(events.map((e) => e.event_type)).toEqual(['session_reject']);
    expect(stats.map((s) => s.file)).toEqual([join(sub, 'gw.log')]);
    // a message with a wrong checksum is read, and said, not counted as rejected
    expect(stats[0]?.rejected).toEqual({});
    expect(stats[0]?.notes.join(' ')).toContain('1 messages fail their framing');
  });
});

describe('stack traces in the timeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-stack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give the error event its exception and root cause, on the fast path and the reference path alike', async () => {
    const file = join(dir, 'oms.log');
    writeFileSync(file, [
      '2026-03-10 14:05:04,987 INFO [main] c.a.Router - routing order 122',
      '2026-03-10 14:05:05,001 ERROR [main] c.a.Router - failed to route order 123',
      'java.lang.IllegalStateException: route to XNAS failed',
      '\tat com.acme.Router.route(Router.java:42)',
      'Caused by: java.io.IOException: broken pipe',
      '\tat com.acme.Link.send(Link.java:7)',
      'Caused by: java.net.ConnectException: Connection refused',
      '\t... 5 more',
      '2026-03-10 14:05:06,000 ERROR [py] risk - limit check crashed',
      'Traceback (most recent call last):',
      '  File "risk.py", line 3, in check',
      '    return exposure / limit',
      'ZeroDivisionError: division by zero',
      '2026-03-10 14:05:07,000 ERROR [db] c.a.Store - query failed:',
      '  SELECT * FROM orders',
      '  WHERE id = 125',
      '2026-03-10 14:05:08,000 INFO [main] c.a.Router - routing order 124',
    ].join('\n'));
    const o = { start: parseTimestamp('2026-03-10T14:00:00Z').ns, end: parseTimestamp('2026-03-10T14:10:00Z').ns, minLevel: 'error' as const, baseline: 0n, threshold: 3, method: 'sigma' as const };
    for (const exhaustive of [false, true]) {
      const { events } = await collectSources([file], { ...o, exhaustive });
      expect(events.map((e) => [e.description, e.metadata.exception, e.metadata.root_cause, e.metadata.stack_lines])).toEqual([
        ['failed to route order 123', 'java.lang.IllegalStateException: route to XNAS failed', 'java.net.ConnectException: Connection refused', 6],
        ['limit check crashed', 'ZeroDivisionError: division by zero', undefined, 4],
        // Lines that only continue a message are no trace: nothing is made of them.
        ['query failed:', undefined, undefined, undefined],
      ]);
    }
  });
});
