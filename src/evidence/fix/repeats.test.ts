import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { fixEventsFromText } from './events.js';
import { parseFixMessage } from './message.js';
import { ResentRepeats, resendKey } from './repeats.js';

type Fields = ReadonlyArray<readonly [number, string | number]>;
const REJECT: Fields = [[37, 'NONE'], [11, 'ORD5'], [17, 'X5'], [150, 8], [39, 8], [58, 'Credit limit exceeded'], [55, 'NQM5'], [54, 2]];

function line(time: string, seq: number, fields: Fields, resend: Fields = []): string {
  const header: Fields = [[35, '8'], [34, seq], [49, 'CME'], [52, `20250402-${time}`], [56, 'OMS'], ...resend];
  return `20250402-${time} : ${encodeFixMessage('FIXT.1.1', [...header, ...fields], { separator: '|' })}`;
}

describe('resent copies (PossDupFlag=Y)', () => {
  const original = line('13:32:00.000', 51, REJECT);
  const copy = line('13:32:00.080', 51, REJECT, [[43, 'Y'], [122, '20250402-13:32:00.000']]);

  it('key a copy like its original: the resend changes only framing, flags and times', () => {
    const key = (l: string) => resendKey(parseFixMessage(l, l.indexOf('8=')));
    expect(key(copy)).toBe(key(original));
    expect(key(line('13:32:00.080', 52, REJECT, [[43, 'Y']]))).not.toBe(key(original));
  });

  it('tell one rejected order once when the log has the original and the resent copy', () => {
    const { events, stats } = fixEventsFromText([original, copy].join('\n'));
    expect(events.filter((e) => e.event_type === 'order_rejected').map((e) => e.timestamp)).toEqual(['2025-04-02T13:32:00.000Z']);
    expect(stats.resentRepeats).toBe(1);
    expect(stats.sessions[0]?.orderRejects).toBe(1);
  });

  it('keep a copy whose original the log never had (it was lost: that is why it was resent)', () => {
    const { events } = fixEventsFromText(copy);
    expect(events.filter((e) => e.event_type === 'order_rejected')).toHaveLength(1);
  });

  it('keep a second message that is not flagged PossDup, even if identical', () => {
    const r = new ResentRepeats();
    const m = parseFixMessage(original, original.indexOf('8='));
    expect([r.isRepeat(m), r.isRepeat(m)]).toEqual([false, false]);
  });
});
