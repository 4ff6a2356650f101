/**
 * Classifies engine event-log text (QuickFIX C++ and QuickFIX/J `Session` notices) into event
 * types. Failures become timeline events; so do the notices that stand for a session message
 * (logon, logout, resend request, sequence reset), under the type that message gets in a message log.
 */
import type { Direction, FixEventType, MetadataValue } from './types.js';

export interface EngineClass {
  type: FixEventType;
  /** A failure worth a timeline event without `allEngineEvents`. */
  failure: boolean;
  /** The notice stands for a session message sent or received: an event like that message's. */
  session: boolean;
  /** Direction of the message the notice stands for (`Received …` in, `Sent …` out), else null. */
  direction: Direction | null;
  /** The connection ended: heartbeat-gap tracking for the session stops here. */
  disconnect: boolean;
  /** Details read from the text (expected/received sequence numbers, disconnect reason…). */
  details: Record<string, MetadataValue>;
}

interface Rule {
  type: FixEventType;
  re: RegExp;
  failure: boolean;
  direction?: Direction;
}

// Order matters: the first match wins, so specific causes come before the generic disconnect.
const FAILURES: readonly Rule[] = [
  // C++ `Message 7 Rejected: …` and QuickFIX/J `Reject sent for message 7: …`: a reject we sent,
  // whatever the cause it names (`Incorrect data format…` is the reason, not an invalid message of ours).
  {
    type: 'message_rejected',
    re: /^Message \d+ Rejected|^Reject sent for message\b|\brejecting message\b|\breject(?:ed|ing)? (?:incoming|outgoing)\b/i,
    failure: true,
    direction: 'out',
  },
  { type: 'heartbeat_timeout', re: /timed out waiting for (?:a )?heartbeat/i, failure: true },
  { type: 'logon_timeout', re: /timed out waiting for logon/i, failure: true },
  { type: 'logout_timeout', re: /timed out waiting for logout/i, failure: true },
  { type: 'sequence_too_low', re: /MsgSeqNum too low/i, failure: true },
  { type: 'sequence_too_high', re: /MsgSeqNum too high/i, failure: true },
  {
    type: 'logon_failure',
    re: /logon (?:rejected|refused|failed|failure|attempt not within session time|attempt when session is disabled)|(?:invalid|rejected?|refus\w*) logon|logon message is not valid|missing from logon|logon response before sending|problem processing logon|authentication failed|logon outside of valid logon time|not enabled for logon|NextExpectedMsgSeqNum\) is higher than expected/i,
    failure: true,
  },
  // QuickFIX/J `Error during message processing` (a stack trace follows), QuickFIX/n `ERROR during resend request`.
  { type: 'engine_error', re: /^(?:error|exception) during\b/i, failure: true },
  { type: 'store_error', re: /message ?store|error (?:reading|writing)/i, failure: true },
  {
    type: 'invalid_message',
    re: /invalid message|garbled|failed basic validity|checksum|bodylength|incorrect beginstring|message without msgseqnum|incorrect data format|unsupported version|logon state is not valid/i,
    failure: true,
  },
];

// The notice for a session message, anchored on its whole wording so that failures worded around
// the same words ("Received logon response before sending request") never read as the action.
const SESSION: readonly Rule[] = [
  { type: 'logon', re: /^(?:Received logon(?: request| response)?|Received Logon message)\.?$/i, failure: false, direction: 'in' },
  { type: 'logon', re: /^(?:Initiated logon request|Responding to logon request(?: with tag 789=\d+)?|Sent logon(?: request| response)?)\.?$/i, failure: false, direction: 'out' },
  { type: 'logout', re: /^Received logout (?:request|response)\b/i, failure: false, direction: 'in' },
  { type: 'logout', re: /^(?:Sent|Sending) logout (?:request|response)\b|^Initiated logout request\b/i, failure: false, direction: 'out' },
  // QuickFIX/n says `Got resend request from 7 to 0` for the one it received.
  { type: 'resend_request', re: /^(?:Received ResendRequest FROM:|Got resend request from \d+ to \d+$)/i, failure: false, direction: 'in' },
  { type: 'resend_request', re: /^Sent ResendRequest FROM:/i, failure: false, direction: 'out' },
  { type: 'sequence_reset', re: /^Received SequenceReset\b/i, failure: false, direction: 'in' },
  { type: 'sequence_reset', re: /^Sent SequenceReset\b/i, failure: false, direction: 'out' },
];

const DISCONNECT: Rule = {
  type: 'disconnect',
  // `\bdisconnect`: a setting named in a notice (`Session reset: ResetOnDisconnect`) is no disconnect.
  re: /\bdisconnect|socket exception|connection (?:reset|refused|closed|lost|failed|aborted|timed out)|end_of_stream|end of stream|session closed|broken pipe|unable to connect|connect(?:ion)? error|peer closed/i,
  failure: true,
};

// Session notices first: they are anchored on their whole wording, and a logout may quote a
// failure as its reason (`Received logout request: MsgSeqNum too low…`) without being that failure.
const RULES: readonly Rule[] = [...SESSION, ...FAILURES, DISCONNECT];

/**
 * Classifies one engine notice. `error` marks an error-category line (QuickFIX/J `onErrorEvent`),
 * which counts as a failure even when no rule names it.
 * @example classifyEngineText('Disconnecting: Timed out waiting for heartbeat', false).type === 'heartbeat_timeout'
 */
export function classifyEngineText(text: string, error: boolean): EngineClass {
  const disconnect = /\bdisconnect|socket exception|connection (?:reset|refused|closed|lost|aborted)|end_of_stream|session closed|broken pipe/i.test(text);
  const rule = RULES.find((r) => r.re.test(text));
  const type = rule?.type ?? (error ? 'engine_error' : 'engine_event');
  return {
    type,
    failure: rule ? rule.failure : error,
    session: rule !== undefined && SESSION.includes(rule),
    direction: rule?.direction ?? null,
    disconnect,
    details: details(text, type),
  };
}

function details(text: string, type: FixEventType): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  const seq = /expecting (\d+) but received (\d+)/i.exec(text);
  if (seq) {
    out.expected_seq_num = Number(seq[1]);
    out.received_seq_num = Number(seq[2]);
  }
  const range = /\bFROM:?\s*(\d+)\s*TO:?\s*(\w+)/i.exec(text);
  const to = /\bTO:\s*(\d+)/i.exec(text);
  if (type === 'sequence_reset') {
    // `Received SequenceReset FROM: 25 TO: 31`: FROM is the number expected, TO the NewSeqNo(36).
    if (range) out.expected_seq_num = Number(range[1]);
    if (to) out.new_seq_no = Number(to[1]);
  } else if (range) {
    out.begin_seq_no = Number(range[1]);
    out.end_seq_no = /^\d+$/.test(range[2] ?? '') ? Number(range[2]) : (range[2] ?? '');
  }
  const ref = /^(?:Message (\d+) Rejected|Reject sent for message:?\s*(?:number )?(\d+))/i.exec(text);
  if (ref) out.ref_seq_num = Number(ref[1] ?? ref[2]);
  // QuickFIX/n: `Session FIX.4.4:A->B disconnecting: <reason>`.
  const reason = /^(?:Disconnecting|Received logout (?:request|response)|Session .+? (?:disconnecting|already disconnected)):\s*(.+)$/i.exec(text);
  if (reason) out.reason = (reason[1] ?? '').trim();
  return out;
}
