/**
 * Classifies engine event-log text (QuickFIX C++ and QuickFIX/J `Session` notices) into event
 * types. Failures become timeline events; routine notices (logon sent, resend served) only counts.
 */
import type { FixEventType, MetadataValue } from './types.js';

export interface EngineClass {
  type: FixEventType;
  /** A failure worth a timeline event without `allEngineEvents`. */
  failure: boolean;
  /** The connection ended: heartbeat-gap tracking for the session stops here. */
  disconnect: boolean;
  /** Details read from the text (expected/received sequence numbers, disconnect reason…). */
  details: Record<string, MetadataValue>;
}

interface Rule {
  type: FixEventType;
  re: RegExp;
  failure: boolean;
}

// Order matters: the first match wins, so specific causes come before the generic disconnect.
const RULES: readonly Rule[] = [
  { type: 'heartbeat_timeout', re: /timed out waiting for (?:a )?heartbeat/i, failure: true },
  { type: 'logon_timeout', re: /timed out waiting for logon/i, failure: true },
  { type: 'logout_timeout', re: /timed out waiting for logout/i, failure: true },
  { type: 'sequence_too_low', re: /MsgSeqNum too low/i, failure: true },
  { type: 'sequence_too_high', re: /MsgSeqNum too high/i, failure: true },
  {
    type: 'logon_failure',
    re: /logon (?:rejected|refused|failed|failure|attempt not within session time)|(?:invalid|rejected?|refus\w*) logon|logon message is not valid|missing from logon|logon response before sending|problem processing logon|authentication failed/i,
    failure: true,
  },
  { type: 'store_error', re: /message ?store|error (?:reading|writing)/i, failure: true },
  {
    type: 'invalid_message',
    re: /invalid message|garbled|failed basic validity|checksum|bodylength|incorrect beginstring|message without msgseqnum|incorrect data format|unsupported version|logon state is not valid/i,
    failure: true,
  },
  { type: 'message_rejected', re: /^Message \d+ Rejected|\brejecting message\b|\breject(?:ed|ing)? (?:incoming|outgoing)\b/i, failure: true },
  {
    type: 'disconnect',
    re: /disconnect|socket exception|connection (?:reset|refused|closed|lost|failed|aborted|timed out)|end_of_stream|end of stream|session closed|broken pipe|unable to connect|connect(?:ion)? error|peer closed/i,
    failure: true,
  },
];

/**
 * Classifies one engine notice. `error` marks an error-category line (QuickFIX/J `onErrorEvent`),
 * which counts as a failure even when no rule names it.
 * @example classifyEngineText('Disconnecting: Timed out waiting for heartbeat', false).type === 'heartbeat_timeout'
 */
export function classifyEngineText(text: string, error: boolean): EngineClass {
  const details: Record<string, MetadataValue> = {};
  const seq = /expecting (\d+) but received (\d+)/i.exec(text);
  if (seq) {
    details.expected_seq_num = Number(seq[1]);
    details.received_seq_num = Number(seq[2]);
  }
  const range = /FROM:\s*(\d+)\s*TO:\s*(\w+)/i.exec(text);
  if (range) {
    details.begin_seq_no = Number(range[1]);
    details.end_seq_no = /^\d+$/.test(range[2] ?? '') ? Number(range[2]) : (range[2] ?? '');
  }
  const disconnect = /disconnect|socket exception|connection (?:reset|refused|closed|lost|aborted)|end_of_stream|session closed|broken pipe/i.test(text);
  const reason = /^Disconnecting:\s*(.+)$/i.exec(text);
  if (reason) details.reason = (reason[1] ?? '').trim();
  for (const rule of RULES) {
    if (rule.re.test(text)) return { type: rule.type, failure: rule.failure, disconnect, details };
  }
  return { type: error ? 'engine_error' : 'engine_event', failure: error, disconnect, details };
}
