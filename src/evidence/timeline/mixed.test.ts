import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import { buildTimeline } from './build.js';
import { isMixedFix } from './mixed.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-mixed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A FIX message with its BodyLength and CheckSum right. */
function fix(fields: string): string {
  const body = `${fields}\x01`;
  const head = `8=FIX.4.4\x019=${body.length}\x01`;
  const sum = [...(head + body)].reduce((a, c) => a + c.charCodeAt(0), 0) % 256;
  return `${head}${body}10=${String(sum).padStart(3, '0')}\x01`;
}

const at = (s: string) => parseTimestamp(s);
const window = { start: at('2025-11-26T10:27:00Z'), end: at('2025-11-26T10:28:00Z'), before: '0s', after: '0s' };

describe('application logs with FIX lines among their own', () => {
  it('keeps both the FIX rejects and the application errors, each event once', async () => {
    const file = join(dir, 'gateway.log');
    const lines = Array.from({ length: 10 }, (_, i) => `2025-11-26 10:27:0${i},000 INFO  [m] c.a.Gw - tick ${i}`);
    lines.push(
      '2025-11-26 10:27:30,000 ERROR [m] c.a.Gw - risk check failed for ORD9',
      `2025-11-26 10:27:31,000 INFO  [qfj] c.a.Fix - incoming: ${fix('35=0\x0134=5\x0149=EXCH\x0156=GW\x0152=20251126-10:27:31.000')}`,
      `2025-11-26 10:27:32,000 ERROR [qfj] c.a.Fix - incoming: ${fix('35=8\x0134=6\x0149=EXCH\x0156=GW\x0152=20251126-10:27:32.000\x0111=ORD7\x0137=X1\x0117=E1\x01150=8\x0139=8\x0155=ZZZ\x0154=1\x0158=Unknown symbol')}`,
      '2025-11-26 10:27:33,000 ERROR [m] c.a.Gw - db connection lost',
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const t = await buildTimeline([file], window);
    expect(t.events.map((e) => [e.timestamp, e.source, e.event_type])).toEqual([
      ['2025-11-26T10:27:30.000Z', 'log', 'error'],
      ['2025-11-26T10:27:32.000Z', 'order', 'order_rejected'],
      ['2025-11-26T10:27:33.000Z', 'log', 'error'],
    ]);
    expect(t.sources[0]).toMatchObject({ kind: 'fix', format: 'fix+text', lines: 14, events: 3, rejected: {} });
    expect(t.sources[0]?.notes.join(' ')).toMatch(/12 of 14 lines are not FIX messages: the file was also read as a text log/);
    const exhaustive = await buildTimeline([file], { ...window, exhaustive: true });
    expect(exhaustive.events).toEqual(t.events);
    // Read with events parked one at a time: the two reads still meet in memory, each event once.
    const parked = await buildTimeline([file], { ...window, tuning: { parkBatch: 1, spoolBudget: 1 } });
    expect(parked.events).toEqual(t.events);
    expect(parked.sources).toEqual(t.sources);
  });

  it('leaves a FIX log with a stray bad line a FIX log', () => {
    const fixLog = Array.from({ length: 30 }, (_, i) => `20251126-10:27:${String(i).padStart(2, '0')}.000000000 : ${fix(`35=0\x0134=${i + 1}\x0149=GW\x0156=EXCH\x0152=20251126-10:27:00.000`)}`);
    expect(isMixedFix(`${fixLog.join('\n')}\n`)).toBe(false);
    expect(isMixedFix(`${[...fixLog, '-- garbled --'].join('\n')}\n`)).toBe(false);
    expect(isMixedFix(`${[...fixLog.slice(0, 5), 'a', 'b', 'c'].join('\n')}\n`)).toBe(true);
  });
});
