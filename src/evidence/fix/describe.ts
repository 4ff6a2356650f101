/**
 * Turns one FIX message into a timeline event when it is a reject or a session-level action, with
 * the identifiers and reason codes an SRE looks for, named from the dictionary.
 */
import { formatTimestamp } from '../../shared/time.js';
import {
  ADMIN_MSG_TYPES,
  BUSINESS_REJECT_REASON,
  CXL_REJ_REASON,
  CXL_REJ_RESPONSE_TO,
  EXEC_TYPE,
  ORD_REJ_REASON,
  ORD_STATUS,
  SESSION_REJECT_REASON,
  SIDE,
  msgTypeName,
  tagLabel,
} from './dictionary.js';
import { detach, getField } from './message.js';
import type { Direction, FixEvent, FixEventSource, FixEventType, FixMessage, MetadataValue, TimeSource } from './types.js';

/** What the caller knows about the message beyond its fields. */
export interface MessageContext {
  session: string;
  direction: Direction | null;
  ns: bigint | null;
  digits: number;
  timeSource: TimeSource | null;
  file?: string;
  line?: number;
}

/**
 * The event type of a message, or null for normal flow (orders, fills, heartbeats…).
 * @example messageEventType(parseFixMessage('8=FIX.4.4|35=8|39=8|')) === 'order_rejected'
 */
export function messageEventType(message: FixMessage): FixEventType | null {
  switch (message.msgType) {
    case '3':
      return 'session_reject';
    case 'j':
      return 'business_reject';
    case '9':
      return 'cancel_rejected';
    case '8':
      return getField(message, 39) === '8' || getField(message, 150) === '8' ? 'order_rejected' : null;
    case 'A':
      return 'logon';
    case '5':
      return 'logout';
    case '4':
      return 'sequence_reset';
    case '2':
      return 'resend_request';
    default:
      return null;
  }
}

type FieldKind = 'str' | 'int' | 'flag' | Readonly<Record<string, string>>;

// tag, metadata key, how to read it; enums also get `<key>_name`.
const FIELDS: ReadonlyArray<readonly [number, string, FieldKind]> = [
  [11, 'cl_ord_id', 'str'],
  [41, 'orig_cl_ord_id', 'str'],
  [37, 'order_id', 'str'],
  [17, 'exec_id', 'str'],
  [55, 'symbol', 'str'],
  [54, 'side', SIDE],
  [38, 'order_qty', 'str'],
  [44, 'price', 'str'],
  [39, 'ord_status', ORD_STATUS],
  [150, 'exec_type', EXEC_TYPE],
  [58, 'text', 'str'],
  [373, 'session_reject_reason', SESSION_REJECT_REASON],
  [102, 'cxl_rej_reason', CXL_REJ_REASON],
  [103, 'ord_rej_reason', ORD_REJ_REASON],
  [380, 'business_reject_reason', BUSINESS_REJECT_REASON],
  [434, 'cxl_rej_response_to', CXL_REJ_RESPONSE_TO],
  [45, 'ref_seq_num', 'int'],
  [371, 'ref_tag_id', 'int'],
  [372, 'ref_msg_type', 'str'],
  [379, 'business_reject_ref_id', 'str'],
  [108, 'heart_bt_int', 'int'],
  [141, 'reset_seq_num_flag', 'flag'],
  [789, 'next_expected_msg_seq_num', 'int'],
  [123, 'gap_fill_flag', 'flag'],
  [36, 'new_seq_no', 'int'],
  [7, 'begin_seq_no', 'int'],
  [16, 'end_seq_no', 'int'],
  [43, 'poss_dup', 'flag'],
];

/**
 * Metadata of a message: type, direction, session, sequence number, order identifiers, reason
 * codes with their names, integrity issues, file and line, and the raw text.
 * @example messageMetadata(msg, ctx).msg_type_name === 'ExecutionReport'
 */
export function messageMetadata(message: FixMessage, ctx: MessageContext): Record<string, MetadataValue> {
  const type = message.msgType ?? '';
  const meta: Record<string, MetadataValue> = {
    msg_type: type,
    msg_type_name: msgTypeName(type),
    direction: ctx.direction,
    session: ctx.session,
    begin_string: message.beginString,
    sender_comp_id: getField(message, 49),
    target_comp_id: getField(message, 56),
  };
  const seq = toInt(getField(message, 34));
  if (seq !== null) meta.msg_seq_num = seq;
  for (const [tag, key, kind] of FIELDS) {
    const value = getField(message, tag);
    if (value === null) continue;
    if (kind === 'str') meta[key] = value;
    else if (kind === 'int') meta[key] = toInt(value) ?? value;
    else if (kind === 'flag') meta[key] = value === 'Y';
    else {
      meta[key] = value;
      const name = kind[value];
      if (name !== undefined) meta[`${key}_name`] = name;
    }
  }
  if (typeof meta.ref_tag_id === 'number') meta.ref_tag_name = tagLabel(meta.ref_tag_id);
  if (typeof meta.ref_msg_type === 'string') meta.ref_msg_type_name = msgTypeName(meta.ref_msg_type);
  if (message.issues.length > 0) meta.corrupt = [...message.issues];
  if (ctx.timeSource !== null) meta.time_source = ctx.timeSource;
  if (ctx.file !== undefined) meta.file = ctx.file;
  if (ctx.line !== undefined) meta.line = ctx.line;
  meta.raw = message.raw;
  for (const [key, value] of Object.entries(meta)) if (typeof value === 'string') meta[key] = detach(value);
  return meta;
}

function toInt(value: string | null): number | null {
  return value !== null && /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}

/**
 * The timeline event for a reject or session message, or null for normal flow.
 * @example messageEvent(parseFixMessage('8=FIX.4.4|35=5|49=X|58=bye|'), ctx)?.description === 'Logout from X: bye'
 */
export function messageEvent(message: FixMessage, ctx: MessageContext, type = messageEventType(message)): FixEvent | null {
  if (type === null) return null;
  const meta = messageMetadata(message, ctx);
  return {
    timestamp: ctx.ns === null ? null : formatTimestamp(ctx.ns, ctx.digits),
    ns: ctx.ns,
    source: sourceOf(type, message),
    event_type: type,
    description: describe(type, meta),
    metadata: meta,
  };
}

function sourceOf(type: FixEventType, message: FixMessage): FixEventSource {
  if (type === 'order_rejected' || type === 'cancel_rejected' || type === 'business_reject') return 'order';
  if (type === 'session_reject') {
    // A session-level reject of an application message (an order, a cancel) is an order failure.
    const ref = getField(message, 372);
    return ref !== null && !ADMIN_MSG_TYPES.has(ref) ? 'order' : 'system';
  }
  return 'system';
}

function str(meta: Record<string, MetadataValue>, key: string): string | null {
  const v = meta[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

function reasons(meta: Record<string, MetadataValue>, keys: readonly string[]): string {
  const parts: string[] = [];
  for (const key of keys) {
    const name = str(meta, `${key}_name`) ?? (str(meta, key) === null ? null : `reason ${str(meta, key)}`);
    if (name !== null) parts.push(name);
  }
  const tag = str(meta, 'ref_tag_name');
  if (tag !== null) parts.push(tag);
  const text = str(meta, 'text');
  if (text) parts.push(text);
  return parts.length ? `: ${parts.join('; ')}` : '';
}

function describe(type: FixEventType, meta: Record<string, MetadataValue>): string {
  const sender = str(meta, 'sender_comp_id') ?? 'counterparty';
  const target = str(meta, 'target_comp_id') ?? '?';
  const seq = str(meta, 'msg_seq_num');
  switch (type) {
    case 'session_reject': {
      const ref = str(meta, 'ref_msg_type_name') ?? 'message';
      const refSeq = str(meta, 'ref_seq_num');
      return `${sender} rejected ${ref}${refSeq === null ? '' : ` #${refSeq}`} at session level${reasons(meta, ['session_reject_reason'])}`;
    }
    case 'business_reject': {
      const ref = str(meta, 'ref_msg_type_name') ?? 'message';
      const id = str(meta, 'business_reject_ref_id') ?? str(meta, 'ref_seq_num');
      return `${sender} rejected ${ref}${id === null ? '' : ` ${id}`} (business reject)${reasons(meta, ['business_reject_reason'])}`;
    }
    case 'order_rejected': {
      const order = [str(meta, 'side_name'), str(meta, 'order_qty'), str(meta, 'symbol')].filter((x) => x !== null).join(' ');
      return `Order ${str(meta, 'cl_ord_id') ?? '?'}${order ? ` (${order})` : ''} rejected by ${sender}${reasons(meta, ['ord_rej_reason'])}`;
    }
    case 'cancel_rejected': {
      const what = str(meta, 'cxl_rej_response_to') === '2' ? 'Cancel/replace' : 'Cancel';
      const order = str(meta, 'orig_cl_ord_id') ?? str(meta, 'cl_ord_id') ?? '?';
      return `${what} of order ${order} rejected by ${sender}${reasons(meta, ['cxl_rej_reason'])}`;
    }
    case 'logon': {
      const hb = str(meta, 'heart_bt_int');
      const extras = [hb === null ? null : `HeartBtInt ${hb}s`, meta.reset_seq_num_flag === true ? 'ResetSeqNumFlag=Y' : null, seq === null ? null : `MsgSeqNum ${seq}`];
      const shown = extras.filter((x) => x !== null);
      return `Logon ${sender}→${target}${shown.length ? ` (${shown.join(', ')})` : ''}`;
    }
    case 'logout': {
      const text = str(meta, 'text');
      return `Logout from ${sender}${text ? `: ${text}` : ''}`;
    }
    case 'sequence_reset': {
      const next = str(meta, 'new_seq_no') ?? '?';
      return meta.gap_fill_flag === true
        ? `SequenceReset-GapFill from ${sender}: MsgSeqNum ${seq ?? '?'} to ${next}`
        : `SequenceReset (reset) from ${sender}: next MsgSeqNum ${next}`;
    }
    case 'resend_request': {
      const end = str(meta, 'end_seq_no');
      const upTo = end === null ? '?' : end === '0' || end === '999999' ? 'infinity' : end;
      return `${sender} requested resend of MsgSeqNum ${str(meta, 'begin_seq_no') ?? '?'} to ${upTo}`;
    }
    default:
      return `${msgTypeName(str(meta, 'msg_type') ?? '')} from ${sender}`;
  }
}
