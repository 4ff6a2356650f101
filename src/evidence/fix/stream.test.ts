import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { eventToJson, fixEvents, fixEventsFromText } from './events.js';
import { parseFixLine } from './line.js';
import { FixEventStream } from './stream.js';
import type { FixEvent } from './types.js';

type Fields = ReadonlyArray<readonly [number, string | number]>;

/** A QuickFIX C++ messages-log line: `<time> : <message>`; time is `HH:MM:SS[.f]` on 2025-11-26. */
function cpp(time: string, from: string, to: string, seq: number, type: string, fields: Fields = [], sep = '\x01'): string {
  const header: Fields = [[35, type], [34, seq], [49, from], [52, `20251126-${time.slice(0, 12)}`], [56, to]];
  return `20251126-${time} : ${encodeFixMessage('FIX.4.4', [...header, ...fields], { separator: sep })}`;
}

function ofType(events: readonly FixEvent[], type: string): FixEvent[] {
  return events.filter((e) => e.event_type === type);
}

/** Heartbeats from both sides every `every` seconds from `fromS` to `toS` (seconds after 10:00:00). */
function heartbeats(fromS: number, toS: number, every: number, seq: { out: number; in: number }, remote = 'ISLD'): string[] {
  const lines: string[] = [];
  for (let s = fromS; s <= toS; s += every) {
    const t = `10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    lines.push(cpp(`${t}.000100`, 'TW44', remote, seq.out++, '0'));
    lines.push(cpp(`${t}.000900`, remote, 'TW44', seq.in++, '0'));
  }
  return lines;
}

const TRADING_DAY = [
  cpp('10:00:00.000000001', 'TW44', 'ISLD', 1, 'A', [[98, 0], [108, 30], [141, 'Y']]),
  cpp('10:00:00.004000000', 'ISLD', 'TW44', 1, 'A', [[98, 0], [108, 30], [141, 'Y']]),
  cpp('10:00:01.000000000', 'TW44', 'ISLD', 2, 'D', [[11, 'ORD-1'], [21, 1], [38, 100], [40, 2], [44, '10.5'], [54, 1], [55, 'IBM'], [60, '20251126-10:00:01']]),
  cpp('10:00:01.000200000', 'ISLD', 'TW44', 2, '8', [[11, 'ORD-1'], [17, 'E1'], [37, 'X1'], [39, 0], [150, 0], [54, 1], [55, 'IBM']]),
  cpp('10:00:02.000000000', 'TW44', 'ISLD', 3, 'D', [[11, 'ORD-2'], [21, 1], [38, 900000], [40, 1], [54, 2], [55, 'MSFT']]),
  cpp('10:00:02.001000000', 'ISLD', 'TW44', 3, '8', [[11, 'ORD-2'], [17, 'E2'], [37, 'NONE'], [39, 8], [150, 8], [103, 3], [54, 2], [38, 900000], [55, 'MSFT'], [58, 'Order exceeds limit']]),
  cpp('10:00:03.000000000', 'TW44', 'ISLD', 4, 'D', [[11, 'ORD-3'], [21, 4], [38, 5], [40, 1], [54, 1], [55, 'INTC']]),
  cpp('10:00:03.001000000', 'ISLD', 'TW44', 4, '3', [[45, 4], [58, 'Value is incorrect (out of range) for this tag'], [371, 21], [372, 'D'], [373, 5]]),
  cpp('10:00:04.000000000', 'TW44', 'ISLD', 5, 'F', [[11, 'CXL-1'], [41, 'ORD-1'], [54, 1], [55, 'IBM']]),
  cpp('10:00:04.001000000', 'ISLD', 'TW44', 5, '9', [[11, 'CXL-1'], [37, 'X1'], [39, 2], [41, 'ORD-1'], [102, 0], [434, 1], [58, 'Too late to cancel']]),
  cpp('10:00:05.000000000', 'TW44', 'ISLD', 6, 'D', [[11, 'ORD-4'], [21, 1], [38, 1], [40, 1], [54, 1], [55, 'XYZ.Q']]),
  cpp('10:00:05.001000000', 'ISLD', 'TW44', 6, 'j', [[45, 6], [372, 'D'], [379, 'ORD-4'], [380, 2], [58, 'Unknown security']]),
  cpp('10:00:06.000000000', 'TW44', 'ISLD', 7, 'D', [[11, 'ORD-5'], [21, 1], [38, 50], [40, 1], [54, 1], [55, 'IBM']]),
  cpp('10:00:06.001000000', 'ISLD', 'TW44', 7, '8', [[11, 'ORD-5'], [17, 'E5'], [37, 'X5'], [39, 2], [150, 'F'], [31, '10.4'], [32, 50], [14, 50], [151, 0]]),
  cpp('10:00:07.000000000', 'TW44', 'ISLD', 8, 'D', [[11, 'ORD-6'], [21, 1], [38, 10], [40, 1], [54, 1], [55, 'IBM']]),
  ...heartbeats(30, 90, 30, { out: 9, in: 8 }),
  // Both sides silent from 10:01:30 to 10:03:00: an engine stall.
  cpp('10:03:00.000000000', 'ISLD', 'TW44', 11, '2', [[7, 9], [16, 0]]),
  cpp('10:03:00.000500000', 'TW44', 'ISLD', 9, '4', [[43, 'Y'], [122, '20251126-10:00:30.000'], [36, 12], [123, 'Y']]),
  cpp('10:03:01.000000000', 'TW44', 'ISLD', 12, '5', [[58, 'Operator requested logout']]),
  cpp('10:03:01.002000000', 'ISLD', 'TW44', 12, '5'),
];

describe('fixEvents over a QuickFIX C++ messages log', () => {
  const { events, stats } = fixEventsFromText(TRADING_DAY.join('\n'), { file: 'FIX.4.4-TW44-ISLD.messages.current.log', localCompIds: ['TW44'] });

  it('reports each reject kind with its identifiers and reason names', () => {
    const [rejected] = ofType(events, 'order_rejected');
    expect(rejected).toMatchObject({
      timestamp: '2025-11-26T10:00:02.001000000Z',
      ns: 1764151202_001000000n,
      source: 'order',
      description: 'Order ORD-2 (Sell 900000 MSFT) rejected by ISLD: Order exceeds limit; Order exceeds limit',
    });
    expect(rejected?.metadata).toMatchObject({
      msg_type: '8', msg_type_name: 'ExecutionReport', direction: 'in', session: 'TW44→ISLD', msg_seq_num: 3,
      cl_ord_id: 'ORD-2', order_id: 'NONE', symbol: 'MSFT', side: '2', side_name: 'Sell', ord_status: '8', ord_status_name: 'Rejected',
      exec_type: '8', ord_rej_reason: '3', ord_rej_reason_name: 'Order exceeds limit', text: 'Order exceeds limit',
      file: 'FIX.4.4-TW44-ISLD.messages.current.log', line: 6, time_source: 'log',
    });

    const [sessionReject] = ofType(events, 'session_reject');
    expect(sessionReject?.source).toBe('order');
    expect(sessionReject?.description).toBe('ISLD rejected NewOrderSingle #4 at session level: Value is incorrect (out of range) for this tag; HandlInst(21); Value is incorrect (out of range) for this tag');
    expect(sessionReject?.metadata).toMatchObject({ ref_seq_num: 4, ref_tag_id: 21, ref_msg_type: 'D', session_reject_reason: '5' });

    const [cancelReject] = ofType(events, 'cancel_rejected');
    expect(cancelReject?.description).toBe('Cancel of order ORD-1 rejected by ISLD: Too late to cancel; Too late to cancel');
    expect(cancelReject?.metadata).toMatchObject({ cl_ord_id: 'CXL-1', orig_cl_ord_id: 'ORD-1', cxl_rej_reason_name: 'Too late to cancel', cxl_rej_response_to: '1' });

    const [business] = ofType(events, 'business_reject');
    expect(business?.description).toBe('ISLD rejected NewOrderSingle ORD-4 (business reject): Unknown security; Unknown security');
    expect(business?.metadata).toMatchObject({ business_reject_reason: '2', business_reject_ref_id: 'ORD-4' });
  });

  it('reports logon, logout, resend request and gap-fill', () => {
    expect(ofType(events, 'logon').map((e) => e.description)).toEqual([
      'Logon TW44→ISLD (HeartBtInt 30s, ResetSeqNumFlag=Y, MsgSeqNum 1)',
      'Logon ISLD→TW44 (HeartBtInt 30s, ResetSeqNumFlag=Y, MsgSeqNum 1)',
    ]);
    expect(ofType(events, 'logon')[0]?.timestamp).toBe('2025-11-26T10:00:00.000000001Z');
    expect(ofType(events, 'logout').map((e) => e.description)).toEqual(['Logout from TW44: Operator requested logout', 'Logout from ISLD']);
    expect(ofType(events, 'resend_request')[0]?.description).toBe('ISLD requested resend of MsgSeqNum 9 to infinity');
    const [reset] = ofType(events, 'sequence_reset');
    expect(reset?.description).toBe('SequenceReset-GapFill from TW44: MsgSeqNum 9 to 12');
    expect(reset?.metadata).toMatchObject({ gap_fill_flag: true, new_seq_no: 12, poss_dup: true, direction: 'out' });
  });

  it('finds the one heartbeat gap, dated when it became overdue', () => {
    const gaps = ofType(events, 'heartbeat_gap');
    expect(gaps).toHaveLength(1);
    const gap = gaps[0];
    // TW44 fell silent first (10:01:30.000100) and was overdue 45 s later; its silence was the longer.
    expect(gap?.timestamp).toBe('2025-11-26T10:02:15.000100000Z');
    expect(gap?.metadata).toMatchObject({ session: 'TW44→ISLD', heartbeat_interval_s: 30, threshold_s: 45, gap_s: 90.0004, ended_by: 'traffic' });
    expect(gap?.metadata.silent_sides).toEqual([
      { side: 'TW44', direction: 'out', since: '2025-11-26T10:01:30.000100000Z', until: '2025-11-26T10:03:00.000500000Z', resumed: true },
      { side: 'ISLD', direction: 'in', since: '2025-11-26T10:01:30.000900000Z', until: '2025-11-26T10:03:00.000000000Z', resumed: true },
    ]);
    expect(gap?.description).toContain('no message from either side for 1m 30s');
  });

  it('returns events in time order', () => {
    const times = events.map((e) => e.ns ?? 0n);
    expect([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(times);
  });

  it('counts the session: orders sent, answered, lost, filled, rejected', () => {
    expect(stats.sessions).toHaveLength(1);
    expect(stats.sessions[0]).toMatchObject({
      session: 'TW44→ISLD', localCompId: 'TW44', messages: TRADING_DAY.length, incoming: 12, outgoing: 13,
      ordersSent: 6, cancelRequests: 1, executionReports: 3, fills: 1, ordersFilled: 1, orderRejects: 1, sessionRejects: 1,
      cancelRejects: 1, businessRejects: 1, ordersUnanswered: 1, unansweredClOrdIds: ['ORD-6'], logons: 2, logouts: 2,
      resendRequests: 1, sequenceResets: 1, heartbeats: 6, heartbeatGaps: 1, heartbeatIntervalS: 30, corrupt: 0,
      firstTimestamp: '2025-11-26T10:00:00.000000001Z', lastTimestamp: '2025-11-26T10:03:01.002000000Z',
    });
    expect(stats.sessions[0]?.byType).toMatchObject({ NewOrderSingle: 6, Heartbeat: 6, ExecutionReport: 3, Logon: 2 });
    expect(stats).toMatchObject({ lines: TRADING_DAY.length, messages: TRADING_DAY.length, ignoredLines: 0, corrupt: 0 });
    expect(stats.events).toMatchObject({ order_rejected: 1, session_reject: 1, cancel_rejected: 1, business_reject: 1, heartbeat_gap: 1, logon: 2 });
  });

  it('gives the same result with | separators', () => {
    const piped = TRADING_DAY.map((l) => l.split('\x01').join('|')).join('\n');
    const again = fixEventsFromText(piped, { localCompIds: ['TW44'] });
    expect(again.events.map((e) => [e.event_type, e.timestamp])).toEqual(events.map((e) => [e.event_type, e.timestamp]));
    expect(again.stats.corrupt).toBe(0);
  });

  it('serializes events to JSON', () => {
    const json = JSON.stringify(events.map(eventToJson));
    expect(JSON.parse(json)).toHaveLength(events.length);
    expect(json).toContain('"ns":"1764151202001000000"');
  });
});

describe('heartbeat gaps', () => {
  const logon = (hb: number | null): string[] => [
    cpp('10:00:00.000', 'TW44', 'ISLD', 1, 'A', hb === null ? [[98, 0]] : [[98, 0], [108, hb]]),
    cpp('10:00:00.010', 'ISLD', 'TW44', 1, 'A', hb === null ? [[98, 0]] : [[98, 0], [108, hb]]),
  ];

  it('reports a counterparty that went silent while we kept heartbeating, closed by the disconnect', () => {
    const messages = [
      ...logon(30),
      ...heartbeats(30, 30, 30, { out: 2, in: 2 }),
      cpp('10:01:00.000100', 'TW44', 'ISLD', 3, '0'),
      cpp('10:01:06.000100', 'TW44', 'ISLD', 4, '1', [[112, 'TEST']]),
      cpp('10:01:30.000100', 'TW44', 'ISLD', 5, '0'),
    ];
    const records = [
      ...messages.map((l, i) => parseFixLine(l, { file: 'FIX.4.4-TW44-ISLD.messages.log', line: i + 1 })),
      parseFixLine('20251126-10:01:36.000 : Timed out waiting for heartbeat', { file: 'ev.log', line: 1 }),
    ];
    const stream = new FixEventStream();
    stream.describeSource('ev.log', { session: { beginString: 'FIX.4.4', senderCompId: 'TW44', targetCompId: 'ISLD' } });
    const events = records.flatMap((r) => [...stream.pushRecord(r)]);
    events.push(...stream.pushRecord(parseFixLine('20251126-10:01:36.001 : Disconnecting', { file: 'ev.log', line: 2 })));
    events.push(...stream.finish());
    expect(events.map((e) => e.event_type)).toEqual(['logon', 'logon', 'heartbeat_timeout', 'heartbeat_gap', 'disconnect']);
    const gap = ofType(events, 'heartbeat_gap')[0];
    expect(gap?.timestamp).toBe('2025-11-26T10:01:15.000900Z');
    expect(gap?.metadata).toMatchObject({ ended_by: 'disconnect', gap_ns: '66000100000' });
    expect(gap?.metadata.silent_sides).toEqual([
      { side: 'ISLD', direction: 'in', since: '2025-11-26T10:00:30.000900Z', until: '2025-11-26T10:01:36.001Z', resumed: false },
    ]);
    expect(gap?.description).toContain('ISLD did not speak again before the disconnect');
    expect(ofType(events, 'heartbeat_timeout')[0]?.description).toBe('Timed out waiting for heartbeat (TW44→ISLD)');
  });

  it('gives each side its own silence when one side spoke in the middle of the other side’s silence', () => {
    const lines = [
      ...logon(30),
      ...heartbeats(30, 60, 30, { out: 2, in: 2 }),
      // Both stop after 10:01:00; the venue sends one reject at 10:02:06, we say nothing until 10:06:00.
      cpp('10:02:06.000', 'ISLD', 'TW44', 4, '8', [[11, 'A'], [39, 8], [150, 8], [58, 'Risk limit']]),
      cpp('10:06:00.000', 'TW44', 'ISLD', 4, '0'),
      cpp('10:06:00.001', 'ISLD', 'TW44', 5, '0'),
    ];
    const gaps = ofType(fixEventsFromText(lines.join('\n')).events, 'heartbeat_gap');
    expect(gaps.map((g) => g.description)).toEqual([
      'Heartbeat gap on TW44→ISLD: no message from TW44 for 4m 59s and from ISLD for 1m 5s (HeartBtInt 30s, overdue after 45s)',
      'Heartbeat gap on TW44→ISLD: no message from ISLD for 3m 54s (HeartBtInt 30s, overdue after 45s)',
    ]);
  });

  it('uses HeartBtInt from the Logon and the factor option', () => {
    const silence20s = [...logon(10), cpp('10:00:20.000', 'ISLD', 'TW44', 2, '0'), cpp('10:00:20.001', 'TW44', 'ISLD', 2, '0')];
    expect(ofType(fixEventsFromText(silence20s.join('\n')).events, 'heartbeat_gap')).toHaveLength(1);
    expect(ofType(fixEventsFromText(silence20s.join('\n'), { gapFactor: 2.5 }).events, 'heartbeat_gap')).toHaveLength(0);
  });

  it('falls back to 30 s without a Logon, and ignores sessions with HeartBtInt 0', () => {
    const after = (s: number): string[] => [cpp('10:00:00.000', 'TW44', 'ISLD', 5, '0'), cpp(`10:00:${s}.000`, 'TW44', 'ISLD', 6, '0')];
    expect(ofType(fixEventsFromText(after(40).join('\n')).events, 'heartbeat_gap')).toHaveLength(0);
    expect(ofType(fixEventsFromText(after(50).join('\n')).events, 'heartbeat_gap')).toHaveLength(1);
    const noHeartbeats = [...logon(0), cpp('10:05:00.000', 'ISLD', 'TW44', 2, 'D', [[11, 'A']])];
    expect(ofType(fixEventsFromText(noHeartbeats.join('\n')).events, 'heartbeat_gap')).toHaveLength(0);
  });

  it('judges no gap in a log without heartbeats (QuickFIX/J logs none by default)', () => {
    const lines = [...logon(30), cpp('10:05:00.000', 'TW44', 'ISLD', 2, 'D', [[11, 'A']]), cpp('10:05:00.002', 'ISLD', 'TW44', 2, '8', [[11, 'A'], [39, 0], [150, 0]])];
    expect(ofType(fixEventsFromText(lines.join('\n')).events, 'heartbeat_gap')).toHaveLength(0);
    const withHeartbeat = [...lines.slice(0, 2), cpp('10:00:30.000', 'TW44', 'ISLD', 2, '0'), ...lines.slice(2)];
    expect(ofType(fixEventsFromText(withHeartbeat.join('\n')).events, 'heartbeat_gap')).toHaveLength(1);
  });

  it('does not count the quiet time after a Logout, and restarts at the next Logon', () => {
    const lines = [
      ...logon(30),
      cpp('10:00:05.000', 'TW44', 'ISLD', 2, '5'),
      cpp('10:00:05.001', 'ISLD', 'TW44', 2, '5'),
      cpp('10:30:00.000', 'TW44', 'ISLD', 3, 'A', [[108, 30]]),
      cpp('10:30:00.010', 'ISLD', 'TW44', 3, 'A', [[108, 30]]),
    ];
    expect(ofType(fixEventsFromText(lines.join('\n')).events, 'heartbeat_gap')).toHaveLength(0);
  });

  it('reports a session still silent when the log ends while another session goes on', () => {
    const lines = [
      ...logon(30),
      ...heartbeats(30, 60, 30, { out: 2, in: 2 }),
      ...heartbeats(0, 240, 30, { out: 1, in: 1 }, 'ARCA'),
    ];
    lines.sort((a, b) => (a.slice(0, 30) < b.slice(0, 30) ? -1 : 1));
    const gaps = ofType(fixEventsFromText(lines.join('\n'), { detectGaps: true }).events, 'heartbeat_gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.metadata).toMatchObject({ session: 'TW44→ISLD', ended_by: 'end_of_log', gap_s: 180.0008 });
    expect(ofType(fixEventsFromText(lines.join('\n'), { detectGaps: false }).events, 'heartbeat_gap')).toHaveLength(0);
  });
});

describe('engine logs and log styles', () => {
  it('reads a QuickFIX/J event log: session from "Created session", failures and session actions as events', () => {
    const text = [
      '20260115-14:30:00: Created session: FIX.4.4:SENDER->TARGET',
      '20260115-14:30:00: Initiated logon request',
      '20260115-14:30:05: MsgSeqNum too low, expecting 5 but received 3',
      '20260115-14:30:05: Sent ResendRequest FROM: 3 TO: infinity',
      '20260115-14:30:06: Sent test request TEST',
      '20260115-14:31:35: Disconnecting: Timed out waiting for heartbeat',
    ].join('\n');
    const { events, stats } = fixEventsFromText(text, { file: 'FIX.4.4-SENDER-TARGET.event.log' });
    expect(events.map((e) => [e.event_type, e.timestamp])).toEqual([
      ['logon', '2026-01-15T14:30:00Z'],
      ['sequence_too_low', '2026-01-15T14:30:05Z'],
      ['resend_request', '2026-01-15T14:30:05Z'],
      ['heartbeat_timeout', '2026-01-15T14:31:35Z'],
    ]);
    expect(events[0]?.metadata).toMatchObject({ session: 'SENDER→TARGET', direction: 'out', line: 2 });
    expect(events[1]?.metadata).toMatchObject({ session: 'SENDER→TARGET', expected_seq_num: 5, received_seq_num: 3, line: 3 });
    expect(events[2]?.metadata).toMatchObject({ direction: 'out', begin_seq_no: 3, end_seq_no: 'infinity' });
    expect(events[3]?.metadata).toMatchObject({ reason: 'Timed out waiting for heartbeat' });
    expect(stats.engineLines).toBe(6);
    expect(fixEventsFromText(text, { allEngineEvents: true }).events).toHaveLength(6);
    expect(ofType(fixEventsFromText(text, { sessionEvents: false }).events, 'logon')).toEqual([]);
  });

  it('reads a QuickFIX/J event log without any session name: logon, gap, resend, reset and logout', () => {
    // The tester's file r4_qfj.event.log, as written.
    const text = [
      '20251126-14:36:00.200: Received logon',
      '20251126-14:36:00.500: MsgSeqNum too high, expecting 25 but received 30',
      '20251126-14:36:00.501: Sent ResendRequest FROM: 25 TO: 0',
      '20251126-14:36:00.600: Received SequenceReset FROM: 25 TO: 31',
      '20251126-14:37:00.000: Received logout request',
      '20251126-14:37:00.001: Sent logout response',
    ].join('\n');
    const { events } = fixEventsFromText(text);
    expect(events.map((e) => [e.event_type, e.source, e.timestamp, e.metadata.direction ?? null])).toEqual([
      ['logon', 'system', '2025-11-26T14:36:00.200Z', 'in'],
      ['sequence_too_high', 'system', '2025-11-26T14:36:00.500Z', null],
      ['resend_request', 'system', '2025-11-26T14:36:00.501Z', 'out'],
      ['sequence_reset', 'system', '2025-11-26T14:36:00.600Z', 'in'],
      ['logout', 'system', '2025-11-26T14:37:00.000Z', 'in'],
      ['logout', 'system', '2025-11-26T14:37:00.001Z', 'out'],
    ]);
    expect(events[1]?.metadata).toMatchObject({ expected_seq_num: 25, received_seq_num: 30, session: null });
    expect(events[2]?.metadata).toMatchObject({ begin_seq_no: 25, end_seq_no: 0 });
    expect(events[3]?.metadata).toMatchObject({ expected_seq_num: 25, new_seq_no: 31 });
    expect(events[0]?.description).toBe('Received logon');
  });

  it('reports a cause named again by the disconnect that follows it once, then the disconnect', () => {
    const text = ['20251126-14:34:30.000: Timed out waiting for heartbeat', '20251126-14:34:30.001: Disconnecting: Timed out waiting for heartbeat'].join('\n');
    const { events } = fixEventsFromText(text);
    expect(events.map((e) => e.event_type)).toEqual(['heartbeat_timeout', 'disconnect']);
    expect(events[1]?.metadata).toMatchObject({ reason: 'Timed out waiting for heartbeat' });
    // Alone (QuickFIX/J's own wording), the disconnect line still names its cause.
    expect(fixEventsFromText(text.split('\n')[1] ?? '').events.map((e) => e.event_type)).toEqual(['heartbeat_timeout']);
  });

  it('lets the notice decide the event when an event-log line quotes a message', () => {
    const logon = encodeFixMessage('FIX.4.4', [[35, 'A'], [34, 12], [49, 'ISLD'], [52, '20251126-10:00:00.000'], [56, 'TW44'], [98, 0], [108, 30]], { separator: '|' });
    const text = `20251126-10:00:00.010: MsgSeqNum too high, expecting 8 but received 12: ${logon}`;
    const { events, stats } = fixEventsFromText(text);
    expect(events.map((e) => e.event_type)).toEqual(['sequence_too_high']);
    expect(events[0]?.metadata).toMatchObject({
      expected_seq_num: 8,
      received_seq_num: 12,
      text: 'MsgSeqNum too high, expecting 8 but received 12',
      quoted_msg_type: 'A',
      quoted_msg_type_name: 'Logon',
      quoted_msg_seq_num: 12,
      quoted_message: logon,
      session: 'ISLD→TW44',
    });
    expect(events[0]?.description).toBe('MsgSeqNum too high, expecting 8 but received 12: Logon (ISLD→TW44)');
    // A quoted message is not traffic: the message log counts it.
    expect(stats).toMatchObject({ messages: 0, engineLines: 1 });
  });

  it('joins a QuickFIX C++ ScreenLog header with its body line', () => {
    const ack = encodeFixMessage('FIX.4.2', [[35, '8'], [34, 9], [49, 'ISLD'], [52, '20251126-09:00:00'], [56, 'TW42'], [11, 'Q1'], [39, 8], [150, 8], [58, 'Exchange closed'], [103, 2]]);
    const text = [
      '<20251126-10:27:35.123456789, FIX.4.2:TW42->ISLD, incoming>',
      `  (${ack})`,
      '<20251126-10:27:35.200000000, FIX.4.2:TW42->ISLD, event>',
      '  (Disconnecting)',
    ].join('\n');
    const { events } = fixEventsFromText(text);
    expect(events.map((e) => [e.event_type, e.timestamp, e.metadata.direction ?? null])).toEqual([
      ['order_rejected', '2025-11-26T10:27:35.123456789Z', 'in'],
      ['disconnect', '2025-11-26T10:27:35.200000000Z', null],
    ]);
    expect(events[0]?.metadata).toMatchObject({ session: 'TW42→ISLD', ord_rej_reason_name: 'Exchange closed' });
  });

  it('reads QuickFIX/J ScreenLog and SLF4J lines into one session with directions', () => {
    const out = encodeFixMessage('FIX.4.4', [[35, 'D'], [34, 2], [49, 'BANK'], [52, '20251126-10:27:35.000'], [56, 'EXCH'], [11, 'C1']]);
    const back = encodeFixMessage('FIX.4.4', [[35, '3'], [34, 2], [49, 'EXCH'], [52, '20251126-10:27:35.002'], [56, 'BANK'], [45, 2], [372, 'D'], [373, 1], [371, 40]]);
    const text = [
      `<20251126-10:27:35.001, FIX.4.4:BANK->EXCH, outgoing> (${out})`,
      `2025-11-26 10:27:35.003 INFO quickfixj.msg.incoming - FIX.4.4:BANK->EXCH: ${back}`,
    ].join('\n');
    const { events, stats } = fixEventsFromText(text);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event_type: 'session_reject', timestamp: '2025-11-26T10:27:35.003Z', source: 'order' });
    expect(events[0]?.metadata).toMatchObject({ direction: 'in', session: 'BANK→EXCH', session_reject_reason_name: 'Required tag missing', ref_tag_name: 'OrdType(40)' });
    expect(stats.sessions[0]).toMatchObject({ outgoing: 1, incoming: 1, ordersSent: 1, ordersUnanswered: 0, sessionRejects: 1 });
  });

  it('dates an undated message by the previous line of the same file and flags it', () => {
    const text = [cpp('10:00:00.5', 'TW44', 'ISLD', 1, 'A', [[108, 30]]), '8=FIX.4.4|35=5|49=ISLD|56=TW44|58=Session closed|'].join('\n');
    const { events, stats } = fixEventsFromText(text);
    expect(events[1]).toMatchObject({ event_type: 'logout', timestamp: '2025-11-26T10:00:00.5Z' });
    expect(events[1]?.metadata).toMatchObject({ time_source: 'inherited', corrupt: ['missing_body_length', 'missing_checksum'] });
    expect(stats).toMatchObject({ inheritedTimes: 1, corrupt: 1 });
  });

  it('can leave session-level message events out', () => {
    const { events, stats } = fixEventsFromText(TRADING_DAY.join('\n'), { sessionEvents: false });
    expect(ofType(events, 'logon')).toHaveLength(0);
    expect(ofType(events, 'order_rejected')).toHaveLength(1);
    expect(stats.sessions[0]?.logons).toBe(2);
  });

  it('accepts parsed records, null for lines that are not FIX', () => {
    const lines = ['kernel: eth0 link down', ...TRADING_DAY.slice(0, 6)];
    const { events, stats } = fixEvents(lines.map((l, i) => parseFixLine(l, { line: i + 1 })));
    expect(ofType(events, 'order_rejected')[0]?.metadata.line).toBe(7);
    expect(stats).toMatchObject({ lines: 7, ignoredLines: 1, messages: 6 });
    // Without a local CompID nothing says which side is ours.
    expect(ofType(events, 'order_rejected')[0]?.metadata.direction).toBeNull();
  });
});

describe('file-name hints in the text API', () => {
  it('takes the local side from a QuickFIX file name', () => {
    const { events, stats } = fixEventsFromText(TRADING_DAY.join('\n'), { file: 'logs/FIX.4.4-TW44-ISLD.messages.current.log' });
    expect(stats.sessions[0]).toMatchObject({ localCompId: 'TW44', incoming: 12, outgoing: 13 });
    expect(ofType(events, 'order_rejected')[0]?.metadata.direction).toBe('in');
  });

  it('lets explicit hints win', () => {
    const { stats } = fixEventsFromText(TRADING_DAY.join('\n'), { file: 'x.log', hints: { localCompId: 'ISLD' } });
    expect(stats.sessions[0]).toMatchObject({ session: 'ISLD→TW44', incoming: 13, outgoing: 12 });
  });
});

describe('heartbeat gaps without a Logon in the log', () => {
  it('say that the interval was assumed', () => {
    const msg = (t: string, sender: string, target: string) => `8=FIX.4.4|9=40|35=0|49=${sender}|56=${target}|52=20260101-05:${t}|10=000|`;
    const lines = [msg('00:00', 'X', 'Y'), msg('00:01', 'Y', 'X'), msg('00:30', 'X', 'Y'), msg('00:31', 'Y', 'X'), msg('05:00', 'X', 'Y'), msg('05:01', 'Y', 'X')];
    const { events } = fixEventsFromText(lines.join('\n'), { file: 'bare.fix' });
    const gap = events.find((e) => e.event_type === 'heartbeat_gap');
    expect(gap?.description).toContain('HeartBtInt 30s assumed, no Logon in the log');
    expect(gap?.metadata).toMatchObject({ heartbeat_interval_assumed: true });
  });
});
