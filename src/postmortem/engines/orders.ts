/**
 * Orders failed and lost in the incident window, counted from already-parsed FIX events. Only
 * what the events show is counted: a figure the events cannot support is null, with a note.
 */
import type { TimelineEvent } from '../../evidence/timeline/index.js';

/** Messages that create orders: NewOrderSingle, NewOrderList, NewOrderMultileg, NewOrderCross. */
const NEW_ORDER_TYPES: ReadonlySet<string> = new Set(['D', 'E', 'AB', 's']);
/** Requests about a live order (cancel, replace, multileg replace, cross cancel/replace, mass cancel). */
const ORDER_REQUEST_TYPES: ReadonlySet<string> = new Set(['F', 'G', 'AC', 'u', 't', 'q']);

export interface OrderWindow {
  /** Inclusive bounds in ns; null end = open (no recovery or end time yet). */
  start: bigint;
  end: bigint | null;
}

export interface OrderCounts {
  failed: number;
  /** Null when the events carry no order sends to count from. */
  lost: number | null;
  notes: string[];
}

function str(e: TimelineEvent, key: string): string | null {
  const v = e.metadata[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

const REJECT_EVENTS: ReadonlySet<string> = new Set(['order_rejected', 'cancel_rejected', 'business_reject', 'session_reject']);

/** A FIX event as far as order counting is concerned (other timeline events are ignored). */
function isFix(e: TimelineEvent): boolean {
  return REJECT_EVENTS.has(e.event_type) || str(e, 'msg_type') !== null;
}

/**
 * How one event bears on an order: a new order sent, a reject of a new order, or an answer (any
 * execution report, cancel reject or reject that names an order). Keys are ClOrdIDs, else the
 * session and sequence number a session-level reject points at.
 */
interface Reading {
  sent?: { key: string; seqKey: string | null };
  rejectedKey?: string;
  otherReject?: boolean;
  answers: string[];
}

function read(e: TimelineEvent, index: number): Reading {
  const type = str(e, 'msg_type');
  const session = str(e, 'session') ?? '';
  const clOrdId = str(e, 'cl_ord_id');
  const orig = str(e, 'orig_cl_ord_id');
  const refType = str(e, 'ref_msg_type');
  const refSeq = str(e, 'ref_seq_num');
  const answers: string[] = [];
  if (clOrdId !== null) answers.push(`id:${clOrdId}`);
  if (orig !== null) answers.push(`id:${orig}`);
  const out: Reading = { answers };
  if (type !== null && NEW_ORDER_TYPES.has(type) && str(e, 'direction') !== 'in' && clOrdId !== null) {
    const seq = str(e, 'msg_seq_num');
    out.sent = { key: `id:${clOrdId}`, seqKey: seq === null ? null : `seq:${session}:${seq}` };
    out.answers = [];
    return out;
  }
  const rejected = e.event_type === 'order_rejected' || (type === '8' && (str(e, 'ord_status') === '8' || str(e, 'exec_type') === '8'));
  if (rejected) {
    out.rejectedKey = clOrdId !== null ? `id:${clOrdId}` : `event:${index}`;
    return out;
  }
  if (e.event_type === 'business_reject' || type === 'j') {
    const ref = str(e, 'business_reject_ref_id');
    if (ref !== null) out.answers.push(`id:${ref}`);
    if (refType !== null && NEW_ORDER_TYPES.has(refType)) out.rejectedKey = ref !== null ? `id:${ref}` : refSeq !== null ? `seq:${session}:${refSeq}` : `event:${index}`;
    else if (refType !== null && ORDER_REQUEST_TYPES.has(refType)) out.otherReject = true;
    return out;
  }
  if (e.event_type === 'session_reject' || type === '3') {
    if (refSeq !== null) out.answers.push(`seq:${session}:${refSeq}`);
    if (refType !== null && NEW_ORDER_TYPES.has(refType)) out.rejectedKey = refSeq !== null ? `seq:${session}:${refSeq}` : `event:${index}`;
    else if (refType !== null && ORDER_REQUEST_TYPES.has(refType)) out.otherReject = true;
    return out;
  }
  if (e.event_type === 'cancel_rejected' || type === '9') out.otherReject = true;
  return out;
}

/**
 * Counts, over the FIX events inside the window:
 * - failed: distinct new orders rejected — execution reports with OrdStatus or ExecType 8,
 *   business or session-level rejects of a new-order message. Cancel/replace rejects are not
 *   failed orders (the order itself lives on) and are reported in a note.
 * - lost: new orders sent (outgoing NewOrderSingle…, when the events include them) that got no
 *   execution report, reject or cancel reject by the end of the window; null when no send is among
 *   the events, because the timeline's FIX events normally carry only rejects and session actions.
 * @example countOrders(events, { start: 0n, end: null }).failed
 */
export function countOrders(events: readonly TimelineEvent[], window: OrderWindow): OrderCounts {
  const notes: string[] = [];
  const inWindow = (e: TimelineEvent) => e.ns >= window.start && (window.end === null || e.ns <= window.end);
  const fix = events.filter(isFix);
  const outside = fix.filter((e) => !inWindow(e)).length;
  const readings = fix.map((e, i) => ({ e, r: read(e, i), inside: inWindow(e) }));

  // A session-level reject names the order by sequence number: map it to the ClOrdID when the send is known.
  const seqToId = new Map<string, string>();
  for (const { r } of readings) if (r.sent?.seqKey) seqToId.set(r.sent.seqKey, r.sent.key);
  const canon = (key: string) => seqToId.get(key) ?? key;

  const failed = new Set<string>();
  let otherRejects = 0;
  for (const { r, inside } of readings) {
    if (!inside) continue;
    if (r.rejectedKey !== undefined) failed.add(canon(r.rejectedKey));
    if (r.otherReject === true) otherRejects++;
  }
  if (otherRejects > 0) notes.push(`${otherRejects} cancel/replace reject(s) in the window are not counted as failed orders`);
  if (outside > 0) notes.push(`${outside} FIX event(s) outside the incident window were ignored`);

  const sends = readings.filter(({ r, inside }) => inside && r.sent !== undefined);
  if (sends.length === 0) {
    notes.push('orders lost not counted: the FIX events carry no order sends (NewOrderSingle…) to match against answers');
    return { failed: failed.size, lost: null, notes };
  }
  const answered = new Set<string>();
  for (const { e, r } of readings) {
    if (window.end !== null && e.ns > window.end) continue;
    for (const a of r.answers) answered.add(canon(a));
    if (r.rejectedKey !== undefined) answered.add(canon(r.rejectedKey));
  }
  const lost = new Set<string>();
  for (const { r } of sends) {
    const key = r.sent?.key ?? '';
    if (!answered.has(key) && !failed.has(key)) lost.add(key);
  }
  return { failed: failed.size, lost: lost.size, notes };
}
