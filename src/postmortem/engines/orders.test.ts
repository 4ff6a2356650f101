import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import { countOrders } from './orders.js';

let clock = 1_000_000_000_000_000_000n;
function ev(event_type: string, metadata: TimelineEvent['metadata'], ns = (clock += 1_000n)): TimelineEvent {
  return { timestamp: '', ns, source: 'order', event_type, description: event_type, metadata: { session: 'FIX.4.4:US->VENUE', ...metadata } };
}
const all = { start: 0n, end: null };

describe('countOrders', () => {
  it('counts distinct rejected new orders across execution, business and session-level rejects', () => {
    const events = [
      ev('order_rejected', { msg_type: '8', ord_status: '8', cl_ord_id: 'A' }),
      ev('order_rejected', { msg_type: '8', exec_type: '8', cl_ord_id: 'A' }), // same order twice
      ev('business_reject', { msg_type: 'j', ref_msg_type: 'D', business_reject_ref_id: 'B' }),
      ev('session_reject', { msg_type: '3', ref_msg_type: 'D', ref_seq_num: 41 }),
      ev('session_reject', { msg_type: '3', ref_msg_type: '0', ref_seq_num: 42 }), // heartbeat: not an order
      ev('cancel_rejected', { msg_type: '9', cl_ord_id: 'C2', orig_cl_ord_id: 'C' }),
      ev('business_reject', { msg_type: 'j', ref_msg_type: 'G', business_reject_ref_id: 'R' }), // replace request
      ev('logon', { msg_type: 'A' }),
      { timestamp: '', ns: clock, source: 'log' as const, event_type: 'log.error', description: 'order rejected', metadata: {} },
    ];
    const r = countOrders(events, all);
    expect(r.failed).toBe(3);
    expect(r.lost).toBeNull();
    expect(r.notes).toContain('2 cancel/replace reject(s) in the window are not counted as failed orders');
  });

  it('counts sent orders without any answer by the end of the window as lost', () => {
    const events = [
      ev('new_order', { msg_type: 'D', direction: 'out', cl_ord_id: 'o1', msg_seq_num: 10 }),
      ev('new_order', { msg_type: 'D', direction: 'out', cl_ord_id: 'o2', msg_seq_num: 11 }),
      ev('new_order', { msg_type: 'D', direction: 'out', cl_ord_id: 'o3', msg_seq_num: 12 }),
      ev('new_order', { msg_type: 'D', direction: 'out', cl_ord_id: 'o4', msg_seq_num: 13 }),
      ev('new_order', { msg_type: 'D', direction: 'out', cl_ord_id: 'o5', msg_seq_num: 14 }),
      ev('new_order', { msg_type: 'D', direction: 'in', cl_ord_id: 'theirs' }), // received, not ours to lose
      ev('execution', { msg_type: '8', ord_status: '0', exec_type: '0', cl_ord_id: 'o1' }),
      ev('session_reject', { msg_type: '3', ref_msg_type: 'D', ref_seq_num: 11 }), // rejects o2 by sequence number
      ev('cancel_rejected', { msg_type: '9', cl_ord_id: 'x', orig_cl_ord_id: 'o3' }), // o3 is known to the venue
      ev('execution', { msg_type: '8', ord_status: '2', cl_ord_id: 'o4' }, 9_000_000_000_000_000_000n), // answered too late
    ];
    const r = countOrders(events, { start: 0n, end: 5_000_000_000_000_000_000n });
    expect(r.failed).toBe(1);
    expect(r.lost).toBe(2); // o4 and o5
    const open = countOrders(events, all);
    expect(open.lost).toBe(1); // o4 answered within an open window
  });
});

describe('countOrders on events from the FIX engine', () => {
  it('reads the metadata the FIX log engine produces', async () => {
    const { fixEventsFromText } = await import('../../evidence/fix/index.js');
    const text = [
      '20251126-10:30:00.123456789 : 8=FIX.4.4|9=100|35=8|49=VENUE|56=US|34=5|52=20251126-10:30:00.123|11=o1|37=x|17=e1|39=8|150=8|55=AAPL|54=1|38=100|58=price band|10=000|',
      '20251126-10:30:01 : 8=FIX.4.4|9=100|35=8|49=VENUE|56=US|34=6|52=20251126-10:30:01.000|11=o1|37=x|17=e2|39=8|150=8|55=AAPL|54=1|38=100|10=000|',
      '20251126-10:31:00.000000001 : 8=FIX.4.4|9=100|35=j|49=VENUE|56=US|34=7|52=20251126-10:31:00.000|45=12|372=D|379=o2|380=3|10=000|',
      '20251126-10:32:00 : 8=FIX.4.4|9=100|35=9|49=VENUE|56=US|34=8|52=20251126-10:32:00.000|11=c1|41=o9|37=y|39=0|434=1|102=1|10=000|',
    ].join('\n');
    const events: TimelineEvent[] = fixEventsFromText(text, { file: 'FIX.4.4-US-VENUE.messages.log' }).events.map((e) => ({
      timestamp: e.timestamp ?? '',
      ns: e.ns ?? 0n,
      source: e.source,
      event_type: e.event_type,
      description: e.description,
      // The timeline keeps scalar metadata only.
      metadata: Object.fromEntries(Object.entries(e.metadata).filter((kv): kv is [string, string | number | boolean | null] => typeof kv[1] !== 'object' || kv[1] === null)),
    }));
    const r = countOrders(events, all);
    expect(r.failed).toBe(2);
    expect(r.notes[0]).toBe('1 cancel/replace reject(s) in the window are not counted as failed orders');
  });
});
