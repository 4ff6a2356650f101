import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datelessStart } from './dateless.js';
import { streamLogFile } from './stream.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-dateless-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const p2 = (n: number): string => String(n).padStart(2, '0');
/** A logback console log from `from` over `hours`, each line saying its true instant; mtime a minute after the last. */
function write(name: string, from: number, hours: number, lines = 400): string {
  let text = '';
  let last = from;
  for (let i = 0; i < lines; i++) {
    last = from + Math.floor((i * hours * 3_600_000) / lines);
    const d = new Date(last);
    text += `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')} [main] ${i % 7 ? 'INFO ' : 'ERROR'} a.B - at ${d.toISOString()}\n`;
  }
  const file = join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, new Date(last + 60_000), new Date(last + 60_000));
  return file;
}

describe('datelessStart', () => {
  it("dates a file of times of day from its last line and mtime, counting the midnights it crosses", async () => {
    const file = write('days.log', Date.UTC(2025, 10, 24, 21, 30), 53);
    expect(await datelessStart(file, {})).toBe('2025-11-24');
    const records = [];
    for await (const r of streamLogFile(file)) if (r.kind === 'record') records.push(r.record);
    expect(records).toHaveLength(400);
    expect(records.every((r) => r.message === `at ${r.timestamp}`)).toBe(true);
    expect(records[0]?.flags).toEqual(['date_assumed']);
  });

  it('takes the date in the given zone, and leaves dated files and a given date alone', async () => {
    // Tokyo's 08:00 on 27 November is 23:00 UTC on the 26th: the last line's date is Tokyo's
    const tokyo = write('tokyo.log', Date.UTC(2025, 10, 27, 4, 30), 3.5, 50);
    const lastWrite = new Date(Date.UTC(2025, 10, 26, 23, 1));
    utimesSync(tokyo, lastWrite, lastWrite);
    expect(await datelessStart(tokyo, { tz: 'Asia/Tokyo' })).toBe('2025-11-27');
    expect(await datelessStart(tokyo, {})).toBe('2025-11-26');
    const dated = join(dir, 'dated.log');
    writeFileSync(dated, '2025-11-26 10:27:35,123 ERROR [main] a.B - boom\n');
    expect(await datelessStart(dated, {})).toBeNull();
    const given = [];
    for await (const r of streamLogFile(tokyo, { date: '2025-01-02' })) if (r.kind === 'record') given.push(r.record);
    expect(given[0]?.timestamp).toBe('2025-01-02T04:30:00.000Z');
    expect(given[0]?.flags).toBeUndefined();
  });
});
