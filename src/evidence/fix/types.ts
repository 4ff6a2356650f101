/**
 * Shapes of the FIX log engine: a parsed log line (message or engine event), the timeline event it
 * may become, and the per-session statistics kept for counting orders lost or failed.
 */
import type { GapEnd } from './gaps.js';

export type Direction = 'in' | 'out';

/** Log styles recognized per line. */
export type FixLogStyle =
  /** QuickFIX C++ or QuickFIX/J FileLog: `YYYYMMDD-HH:MM:SS[.f] : text` or `…: text`. */
  | 'file'
  /** QuickFIX/J ScreenLog: `<time, session, incoming> (8=FIX…)` on one line. */
  | 'screen'
  /** QuickFIX C++ ScreenLog header line `<time, session, incoming>`; the body follows on the next line. */
  | 'screen_header'
  /** QuickFIX C++ ScreenLog body line `  (8=FIX…)`. */
  | 'screen_body'
  /** Any other logger prefix (SLF4J/logback/log4j…): time, category and session found in the prefix. */
  | 'prefixed'
  /** A FIX message alone on its line (or behind a non-temporal marker); time from tag 52 or 60. */
  | 'bare';

/** Where a record's time came from. */
export type TimeSource = 'log' | 'sending_time' | 'transact_time' | 'inherited';

/** Defects found in a message. They flag it; the message is never dropped for them. */
export type FixIssue =
  | 'checksum_mismatch'
  | 'missing_checksum'
  | 'body_length_mismatch'
  | 'missing_body_length'
  | 'truncated'
  | 'missing_msg_type'
  | 'malformed_field';

/** A tag=value message with every field in order (repeating groups keep each occurrence). */
export interface FixMessage {
  /** Value of tag 8, e.g. `FIX.4.4` or `FIXT.1.1`. */
  readonly beginString: string;
  /** Value of tag 35, or null when absent. */
  readonly msgType: string | null;
  /** The field separator as written: `\x01`, `|`, `^A`… */
  readonly separator: string;
  /** Tag of each field, in message order. */
  readonly tags: readonly number[];
  issues: FixIssue[];
  /** The message text as it appeared in the line. */
  readonly raw: string;
  /** Value of the field at `index` (an index into `tags`). */
  value(index: number): string;
}

/** A session as named by an engine (`FIX.4.4:SENDER->TARGET`): SENDER is the local side. */
export interface SessionId {
  beginString: string;
  senderCompId: string;
  targetCompId: string;
}

interface RecordBase {
  style: FixLogStyle;
  /** Nanoseconds since the Unix epoch (UTC), or null when the line has no usable time. */
  ns: bigint | null;
  /** Fractional-second digits the source gave (0–9). */
  digits: number;
  timeSource: TimeSource | null;
  /** Direction as the log states it (category, file name), or null. */
  direction: Direction | null;
  /** Session named by the log prefix, or null. */
  session: SessionId | null;
  file?: string;
  /** 1-based line number. */
  line?: number;
}

export interface FixMessageRecord extends RecordBase {
  kind: 'message';
  message: FixMessage;
}

export interface FixEngineRecord extends RecordBase {
  kind: 'engine';
  /** The notice; when a message is embedded, only the words before it. */
  text: string;
  /** True for error-category events (QuickFIX/J `onErrorEvent`). */
  error: boolean;
  /** A message the notice quotes (`MsgSeqNum too high, expecting 8 but received 12: 8=FIX…`). */
  embedded?: FixMessage;
}

/** C++ ScreenLog header; carries time, session and category for the body on the next line. */
export interface FixHeaderRecord extends RecordBase {
  kind: 'header';
  category: 'incoming' | 'outgoing' | 'event' | 'error';
}

export type FixRecord = FixMessageRecord | FixEngineRecord | FixHeaderRecord;

export type FixEventSource = 'order' | 'system';

export type FixEventType =
  | 'session_reject'
  | 'business_reject'
  | 'order_rejected'
  | 'cancel_rejected'
  | 'logon'
  | 'logout'
  | 'sequence_reset'
  | 'resend_request'
  | 'heartbeat_gap'
  | 'heartbeat_timeout'
  | 'logon_timeout'
  | 'logout_timeout'
  | 'logon_failure'
  | 'sequence_too_low'
  | 'sequence_too_high'
  | 'disconnect'
  | 'invalid_message'
  | 'message_rejected'
  | 'store_error'
  | 'engine_error'
  | 'engine_event';

export type MetadataValue = string | number | boolean | null | MetadataValue[] | { [key: string]: MetadataValue };

/** A timeline event. `ns` is a bigint: use `eventToJson` for a JSON-safe copy. */
export interface FixEvent {
  /** RFC 3339 UTC with the source's fractional digits, or null when nothing in the log dated it. */
  timestamp: string | null;
  ns: bigint | null;
  source: FixEventSource;
  event_type: FixEventType;
  description: string;
  metadata: Record<string, MetadataValue>;
}

/** Counts for one session, both directions together. */
export interface FixSessionStats {
  /** `LOCAL→REMOTE` when the local side is known, else SenderCompID→TargetCompID of its first message. */
  session: string;
  beginString: string;
  localCompId: string | null;
  messages: number;
  incoming: number;
  outgoing: number;
  /** Messages per type name (`NewOrderSingle`, `ExecutionReport`…; unknown types by their code). */
  byType: Record<string, number>;
  /** New orders: NewOrderSingle, NewOrderMultileg, NewOrderCross and each order of a NewOrderList. */
  ordersSent: number;
  cancelRequests: number;
  replaceRequests: number;
  executionReports: number;
  /** Executions that traded: ExecType F (4.3+) or 1/2 (4.0–4.2). */
  fills: number;
  /** Execution reports with OrdStatus 2 (filled). */
  ordersFilled: number;
  /** Execution reports with ExecType or OrdStatus 4 (canceled). */
  ordersCanceled: number;
  ordersExpired: number;
  orderRejects: number;
  cancelRejects: number;
  sessionRejects: number;
  businessRejects: number;
  /** Orders sent whose ClOrdID never got an execution report or a reject in the log. */
  ordersUnanswered: number;
  /**
   * Of those, orders that waited past the newest MAX_WAITING still waiting and were no longer kept
   * (pending.ts): an answer after that is not matched, so they may have been answered later.
   */
  ordersForgotten?: number;
  /** Up to 20 of their ClOrdIDs, oldest first. */
  unansweredClOrdIds: string[];
  logons: number;
  logouts: number;
  resendRequests: number;
  sequenceResets: number;
  heartbeats: number;
  testRequests: number;
  heartbeatGaps: number;
  /** Heartbeat interval in seconds from the last Logon, null when none was seen. */
  heartbeatIntervalS: number | null;
  corrupt: number;
  issues: Partial<Record<FixIssue, number>>;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  /**
   * How the session's last stretch ended: `logout`, `disconnect`, or `end_of_log` when it was still
   * open where the log ends (silent from its last message on); null while it goes on.
   */
  endedBy: GapEnd | null;
}

export interface FixStats {
  lines: number;
  /** Lines that were not FIX messages or engine events (blank, other logs). */
  ignoredLines: number;
  messages: number;
  engineLines: number;
  /** Records whose time was missing and taken from the previous record of the same file. */
  inheritedTimes: number;
  /** Records with no time at all. */
  untimed: number;
  corrupt: number;
  /** PossDupFlag=Y copies of messages already read (see ResentRepeats): counted once, no second event. */
  resentRepeats: number;
  events: Partial<Record<FixEventType, number>>;
  sessions: FixSessionStats[];
}

/** Per-file context a caller (or the file adapter, from a QuickFIX file name) can give. */
export interface SourceHints {
  /** The session the file belongs to (its SenderCompID is the local side). */
  session?: SessionId;
  /** The local CompID, when only that is known. */
  localCompId?: string;
  /** Every message of the file has this direction (e.g. QuickFIX `.incoming` files). */
  direction?: Direction;
}

export interface FixEventOptions {
  /** Heartbeat interval when no Logon with HeartBtInt(108) was seen. */
  defaultHeartbeatSeconds?: number;
  /** A side silent for more than this multiple of the heartbeat interval is a heartbeat gap. */
  gapFactor?: number;
  /** Look for heartbeat gaps (only in sessions whose log contains heartbeats or test requests). */
  detectGaps?: boolean;
  /** CompIDs that are ours: decides direction when the log does not say it. */
  localCompIds?: readonly string[];
  /** Emit every engine event line, not only failures and session actions (test requests, resent messages… too). */
  allEngineEvents?: boolean;
  /**
   * Emit logon/logout/sequence-reset/resend-request events, from messages and from the engine notices
   * that stand for them (`Received logon`, `Sent ResendRequest FROM: …`); on by default.
   */
  sessionEvents?: boolean;
  /** Zone of logger timestamps written without one (a log4j/logback prefix); FIX times are UTC. Default UTC. */
  tz?: string;
}
