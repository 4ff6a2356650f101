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
    ['Sent test request TEST', 'engine_event', false, false],
    ['Resending message: 7', 'engine_event', false, false],
    ['Received logon outside of valid logon time', 'logon_failure', true, false],
    ['Received logout request: MsgSeqNum too low, expecting 9 but received 4', 'logout', false, false],
  ])('%s → %s', (text, type, failure, disconnect) => {
    expect(classifyEngineText(text, false)).toMatchObject({ type, failure, disconnect });
  });

  // QuickFIX/J and QuickFIX C++ wording for the session messages sent and received.
  it.each([
    ['Received logon', 'logon', 'in'],
    ['Received logon request', 'logon', 'in'],
    ['Received logon response', 'logon', 'in'],
    ['Initiated logon request', 'logon', 'out'],
    ['Responding to Logon request with tag 789=12', 'logon', 'out'],
    ['Received logout request', 'logout', 'in'],
    ['Received logout response', 'logout', 'in'],
    ['Sent logout response', 'logout', 'out'],
    ['Sending logout response', 'logout', 'out'],
    ['Initiated logout request', 'logout', 'out'],
    ['Sent ResendRequest FROM: 25 TO: infinity', 'resend_request', 'out'],
    ['Received ResendRequest FROM: 1 TO: 0', 'resend_request', 'in'],
    ['Received SequenceReset FROM: 25 TO: 31', 'sequence_reset', 'in'],
    ['Sent SequenceReset TO: 31', 'sequence_reset', 'out'],
  ])('%s → %s, %s', (text, type, direction) => {
    expect(classifyEngineText(text, false)).toMatchObject({ type, direction, session: true, failure: false });
  });

  it('does not take a notice worded around a session message for the message', () => {
    for (const text of ['ResendRequest for messages FROM 3 TO 9 has been satisfied.', 'Already sent ResendRequest FROM: 3 TO: infinity.  Not sending another.', 'Received implicit ResendRequest via Logon FROM: 4 TO: 9 will be resent']) {
      expect(classifyEngineText(text, false)).toMatchObject({ type: 'engine_event', session: false });
    }
    expect(classifyEngineText('Received logon response before sending request', false)).toMatchObject({ type: 'logon_failure', session: false });
  });

  it('reads the numbers of a sequence reset, a sent reject and a logout reason', () => {
    expect(classifyEngineText('Received SequenceReset FROM: 25 TO: 31', false).details).toEqual({ expected_seq_num: 25, new_seq_no: 31 });
    expect(classifyEngineText('Sent SequenceReset TO: 31', false).details).toEqual({ new_seq_no: 31 });
    expect(classifyEngineText('Reject sent for message 7: Value is incorrect (out of range) for this tag:21', false)).toMatchObject({
      type: 'message_rejected',
      direction: 'out',
      details: { ref_seq_num: 7 },
    });
    expect(classifyEngineText('Received logout request: Session closed', false).details).toEqual({ reason: 'Session closed' });
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

// Wording seen in public QuickFIX, QuickFIX/J and QuickFIX/n event logs (quickfix#612, quickfixj
// issue 503 of quickfixn, the QuickFIX/n mailing list 2020-02-21, quickfixn#466).
describe('classifyEngineText: real engine wording', () => {
  it('names the reject we sent, not the reason it gives', () => {
    expect(classifyEngineText('Message 1 Rejected: Incorrect data format for value:108', false)).toMatchObject({ type: 'message_rejected', failure: true, details: { ref_seq_num: 1 } });
    expect(classifyEngineText('Reject sent for Message: 16544 Reason:Conditionally Required Field Missing', false)).toMatchObject({ type: 'message_rejected', details: { ref_seq_num: 16544 } });
  });

  it("reads QuickFIX/n's received resend request and its range", () => {
    expect(classifyEngineText('Got resend request from 86820 to 0', false)).toMatchObject({
      type: 'resend_request',
      session: true,
      direction: 'in',
      details: { begin_seq_no: 86820, end_seq_no: 0 },
    });
  });

  it('takes no setting named in a notice for a disconnect', () => {
    expect(classifyEngineText('Session reset: ResetOnDisconnect', false)).toMatchObject({ type: 'engine_event', failure: false, disconnect: false });
  });

  it("reads QuickFIX/n's disconnect notice and its reason", () => {
    const c = classifyEngineText("Session FIX.4.4:222->111:Price disconnecting: Received msg type '5' when not logged on", false);
    expect(c).toMatchObject({ type: 'disconnect', failure: true, disconnect: true, details: { reason: "Received msg type '5' when not logged on" } });
  });

  it('makes an engine error of a processing error the engine reports', () => {
    expect(classifyEngineText('Error during message processing', false)).toMatchObject({ type: 'engine_error', failure: true });
    expect(classifyEngineText('ERROR during resend request Object reference not set', false)).toMatchObject({ type: 'engine_error', failure: true });
  });
});
