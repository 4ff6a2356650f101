import { describe, expect, it } from 'vitest';
import { classifyEngineText } from './engine-events.js';

describe('classifyEngineText', () => {
  it.each([
    ['Timed out waiting for heartbeat', 'heartbeat_timeout', true, false],
    ['Disconnecting: Timed out waiting for heartbeat', 'heartbeat_timeout', true, true],
    ['Timed out waiting for logon response', 'logon_timeout', true, false],
    ['MsgSeqNum too high, expecting 10 but received 15', 'sequence_too_high', true, false],
    ['MsgSeqNum too low, expecting 5 but received 3', 'sequence_too_low', true, false],
    ['Logon rejected: quickfix.RejectLogon: bad password', 'logon_failure', true, false],
    ['Invalid Logon message: Incorrect BeginString', 'logon_failure', true, false],
    ['Received logon response before sending request', 'logon_failure', true, false],
    ['Error Reading/Writing in MessageStore', 'store_error', true, false],
    ['Skipping invalid message: quickfix.InvalidMessage: Expected CheckSum=12, Received CheckSum=13', 'invalid_message', true, false],
    ['Message 7 Rejected: Value is incorrect (out of range) for this tag:21', 'message_rejected', true, false],
    ['Disconnecting', 'disconnect', true, true],
    ['Disconnecting: Socket exception (/10.1.2.3:5001): java.io.IOException: Connection reset by peer', 'disconnect', true, true],
    ['Initiated logon request', 'engine_event', false, false],
    ['Sent test request TEST', 'engine_event', false, false],
    ['Received ResendRequest FROM: 1 TO: 0', 'engine_event', false, false],
  ])('%s → %s', (text, type, failure, disconnect) => {
    expect(classifyEngineText(text, false)).toMatchObject({ type, failure, disconnect });
  });

  it('counts an unnamed error-category line as a failure', () => {
    expect(classifyEngineText('Something unexpected', true)).toMatchObject({ type: 'engine_error', failure: true });
  });

  it('reads sequence numbers and the disconnect reason', () => {
    expect(classifyEngineText('Disconnecting: MsgSeqNum too low, expecting 5 but received 3', false).details).toEqual({
      expected_seq_num: 5,
      received_seq_num: 3,
      reason: 'MsgSeqNum too low, expecting 5 but received 3',
    });
    expect(classifyEngineText('Sent ResendRequest FROM: 3 TO: 0', false).details).toEqual({ begin_seq_no: 3, end_seq_no: 0 });
  });
});
