import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../shared/time.js';
import { mergeEngineNotices } from './notice-merge.js';
import type { MergeableEvent } from './notice-merge.js';

const T0 = 1_764_151_200n * NS_PER_S;

function message(type: string, ms: number, metadata: Record<string, unknown> = {}): MergeableEvent {
  return { ns: T0 + BigInt(ms) * NS_PER_MS, event_type: type, metadata: { msg_type: 'A', direction: 'in', session: 'TW44→ISLD', ...metadata } };
}

function notice(type: string, ms: number, text: string, metadata: Record<string, unknown> = {}): MergeableEvent {
  return { ns: T0 + BigInt(ms) * NS_PER_MS, event_type: type, metadata: { text, engine_error: false, direction: 'in', session: 'TW44→ISLD', line: 7, ...metadata } };
}

describe('mergeEngineNotices', () => {
  it('folds a notice into the message event it repeats, either order, and leaves the input alone', () => {
    const events = [notice('logon', 0, 'Received logon'), message('logon', 3)];
    const merged = mergeEngineNotices(events);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.metadata).toMatchObject({ msg_type: 'A', engine_notice: 'Received logon', engine_notice_line: 7 });
    expect(events[1]?.metadata.engine_notice).toBeUndefined();
    expect(mergeEngineNotices([message('logon', 0), notice('logon', 1, 'Received logon')])).toHaveLength(1);
  });

  it('keeps both when direction, session, sequence numbers or time say they are two actions', () => {
    expect(mergeEngineNotices([message('logon', 0), notice('logon', 1, 'Initiated logon request', { direction: 'out' })])).toHaveLength(2);
    expect(mergeEngineNotices([message('logon', 0), notice('logon', 1, 'Received logon', { session: 'TW44→ARCA' })])).toHaveLength(2);
    expect(mergeEngineNotices([message('resend_request', 0, { begin_seq_no: 4 }), notice('resend_request', 1, 'Received ResendRequest FROM: 9 TO: 0', { begin_seq_no: 9 })])).toHaveLength(2);
    expect(mergeEngineNotices([message('logon', 0), notice('logon', 2_500, 'Received logon')])).toHaveLength(2);
    expect(mergeEngineNotices([message('logon', 0), notice('logon', 2_500, 'Received logon')], { withinNs: 3n * NS_PER_S })).toHaveLength(1);
  });

  it('matches a session named either way round, or not named by the event log', () => {
    expect(mergeEngineNotices([message('logout', 0), notice('logout', 1, 'Received logout request', { session: 'ISLD→TW44' })])).toHaveLength(1);
    expect(mergeEngineNotices([message('logout', 0, { direction: null }), notice('logout', 1, 'Received logout request', { session: null })])).toHaveLength(1);
  });

  it('pairs one to one, the nearest first', () => {
    const events = [message('logon', 0), notice('logon', 10, 'Received logon'), notice('logon', 400, 'Received logon'), message('logon', 401)];
    const merged = mergeEngineNotices(events);
    expect(merged.map((e) => [e.metadata.msg_type ?? null, e.metadata.engine_notice ?? null])).toEqual([
      ['A', 'Received logon'],
      ['A', 'Received logon'],
    ]);
    // Two notices, one message: one notice stays.
    expect(mergeEngineNotices([message('logon', 0), notice('logon', 1, 'Received logon'), notice('logon', 2, 'Received logon')])).toHaveLength(2);
  });

  it('pairs a sent-reject notice with the reject message by RefSeqNum, and leaves failures alone', () => {
    const reject = message('session_reject', 0, { direction: 'out', ref_seq_num: 7 });
    expect(mergeEngineNotices([reject, notice('message_rejected', 0, 'Message 7 Rejected: Value is incorrect', { direction: 'out', ref_seq_num: 7 })])).toHaveLength(1);
    expect(mergeEngineNotices([reject, notice('message_rejected', 0, 'Message 8 Rejected: Value is incorrect', { direction: 'out', ref_seq_num: 8 })])).toHaveLength(2);
    expect(mergeEngineNotices([message('logon', 0), notice('sequence_too_high', 0, 'MsgSeqNum too high, expecting 1 but received 5')])).toHaveLength(2);
  });
});
