import { describe, expect, it } from 'vitest';
import { parseLogText } from './parser.js';
import type { LogRecord } from './types.js';

/** The records of FIX lines read with `tz` as the zone of other files; the file must read as FIX. */
function fixRecords(lines: string[], tz: string): LogRecord[] {
  const { results, stats } = parseLogText(lines.join('\n'), { tz });
  expect(stats.format).toBe('fix');
  return results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));
}

describe('bare FIX messages', () => {
  it('are their own format: the time from tag 52 or 60 in UTC whatever --tz says, the line as the message', () => {
    const records = fixRecords(
      [
        '8=FIX.4.4|9=102|35=9|49=X|56=Y|34=5|52=20260101-05:01:02.345678901|11=C1|58=Too late to cancel|10=000|',
        '8=FIX.4.4\x019=76\x0135=8\x0149=X\x0156=Y\x0139=8\x0160=20260101-05:02:00.5\x0110=000\x01',
      ],
      'America/New_York',
    );
    expect(records.map((r) => [r.timestamp, r.component])).toEqual([['2026-01-01T05:01:02.345678901Z', 'X->Y'], ['2026-01-01T05:02:00.5Z', 'X->Y']]);
    // the text is not read as key=value pairs (`58=Too late to cancel` stays whole)
    expect(records[0]?.message).toContain('58=Too late to cancel');
  });

  it('are read after a QuickFIX FileLog time, which is the record\'s (C++ ` : `, QuickFIX/J `: `)', () => {
    const records = fixRecords(
      [
        '20260310-13:50:00.000123 : 8=FIX.4.2|9=63|35=A|34=1|49=ACME|56=NYSE|52=20260310-13:49:59.998|98=0|108=30|10=000|',
        '20260310-13:50:30.5: 8=FIX.4.2|9=51|35=3|34=2|49=NYSE|56=ACME|52=20260310-13:50:30.000|58=bad tag|10=000|',
      ],
      'Asia/Tokyo',
    );
    expect(records.map((r) => [r.timestamp, r.component, r.message.slice(0, 18)])).toEqual([
      ['2026-03-10T13:50:00.000123Z', 'ACME->NYSE', '8=FIX.4.2|9=63|35='],
      ['2026-03-10T13:50:30.5Z', 'NYSE->ACME', '8=FIX.4.2|9=51|35='],
    ]);
  });
});
