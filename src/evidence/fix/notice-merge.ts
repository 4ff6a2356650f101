/**
 * One session action told twice — by a session's message log (35=A) and by its event log
 * ("Received logon") — becomes one event: the message's, which has the fields, with the notice added.
 */
import { NS_PER_S } from '../../shared/time.js';

/** The part of an event the merge reads: FIX events and timeline events both fit. */
export interface MergeableEvent {
  ns: bigint | null;
  event_type: string;
  metadata: Record<string, unknown>;
}

export interface MergeNoticeOptions {
  /**
   * How far apart the two may be. Engines log the message and then the notice within the same
   * millisecond, but event logs often keep whole seconds only and a message without a log time is
   * dated by its SendingTime, which the sender's clock wrote.
   */
  withinNs?: bigint;
}

/** Message event types a notice of each type may stand for. */
const PAIRS: Readonly<Record<string, readonly string[]>> = {
  logon: ['logon'],
  logout: ['logout'],
  resend_request: ['resend_request'],
  sequence_reset: ['sequence_reset'],
  // A reject we sent: the session-level or business reject in the message log.
  message_rejected: ['session_reject', 'business_reject'],
};

// When both events give one of these numbers, they must agree.
const NUMBERS = ['begin_seq_no', 'new_seq_no', 'ref_seq_num'] as const;

/** Engine notices carry `engine_error`; message events carry `msg_type`. */
const isNotice = (e: MergeableEvent): boolean => typeof e.metadata.engine_error === 'boolean' && PAIRS[e.event_type] !== undefined;
const isMessage = (e: MergeableEvent): boolean => typeof e.metadata.msg_type === 'string';
const MERGED_MESSAGES = new Set(Object.values(PAIRS).flat());

/**
 * Whether the merge may pair the event (a notice, or a message of a type a notice stands for): a
 * reader that parks its events on disk keeps these in memory.
 */
export const mayMerge = (e: MergeableEvent): boolean => isNotice(e) || (isMessage(e) && MERGED_MESSAGES.has(e.event_type));

/**
 * Drops each engine notice that repeats a message event of the same session, direction and type
 * close in time, and notes the notice (`engine_notice`, `engine_notice_line`) on the message event
 * kept. Events are paired one to one; order is kept; the input is not changed.
 * @example mergeEngineNotices(sortEvents([...messageLogEvents, ...eventLogEvents]))
 */
export function mergeEngineNotices<E extends MergeableEvent>(events: readonly E[], { withinNs = 2n * NS_PER_S }: MergeNoticeOptions = {}): E[] {
  const byType = new Map<string, number[]>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e === undefined || e.ns === null || !isMessage(e)) continue;
    let list = byType.get(e.event_type);
    if (!list) byType.set(e.event_type, (list = []));
    list.push(i);
  }
  if (byType.size === 0) return [...events];
  for (const list of byType.values()) list.sort((a, b) => compareNs(events[a]?.ns ?? null, events[b]?.ns ?? null));

  const dropped = new Set<number>();
  const noted = new Map<number, E>();
  for (let i = 0; i < events.length; i++) {
    const notice = events[i];
    if (notice === undefined || notice.ns === null || !isNotice(notice)) continue;
    const match = bestMatch(events, notice, byType, noted, withinNs);
    if (match === null) continue;
    const kept = events[match];
    if (kept === undefined) continue;
    dropped.add(i);
    const metadata: Record<string, unknown> = { ...kept.metadata, engine_notice: notice.metadata.text ?? null };
    if (typeof notice.metadata.line === 'number') metadata.engine_notice_line = notice.metadata.line;
    noted.set(match, { ...kept, metadata });
  }
  const out: E[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e !== undefined && !dropped.has(i)) out.push(noted.get(i) ?? e);
  }
  return out;
}

function bestMatch<E extends MergeableEvent>(events: readonly E[], notice: E, byType: ReadonlyMap<string, number[]>, taken: ReadonlyMap<number, E>, within: bigint): number | null {
  const at = notice.ns ?? 0n;
  let best: number | null = null;
  let bestScore = -1;
  let bestGap = 0n;
  for (const type of PAIRS[notice.event_type] ?? []) {
    const list = byType.get(type) ?? [];
    for (let k = lowerBound(events, list, at - within); k < list.length; k++) {
      const index = list[k] ?? -1;
      const candidate = events[index];
      if (candidate?.ns == null || candidate.ns > at + within) break;
      if (taken.has(index)) continue;
      const score = agreement(notice, candidate);
      if (score < 0) continue;
      const gap = candidate.ns > at ? candidate.ns - at : at - candidate.ns;
      // Stated agreement (same direction, same session) first, then the nearest in time.
      if (score > bestScore || (score === bestScore && gap < bestGap)) {
        best = index;
        bestScore = score;
        bestGap = gap;
      }
    }
  }
  return best;
}

/** -1 when the two cannot be one action; else how many of direction and session both state alike. */
function agreement(notice: MergeableEvent, message: MergeableEvent): number {
  let score = 0;
  const a = notice.metadata;
  const b = message.metadata;
  if (typeof a.direction === 'string' && typeof b.direction === 'string') {
    if (a.direction !== b.direction) return -1;
    score++;
  }
  if (typeof a.session === 'string' && typeof b.session === 'string') {
    if (sessionPair(a.session) !== sessionPair(b.session)) return -1;
    score++;
  }
  for (const key of NUMBERS) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number' && a[key] !== b[key]) return -1;
  }
  return score;
}

/** `A→B` and `B→A` name one session (which side is local may be known to one log only). */
function sessionPair(name: string): string {
  return name.split('→').sort().join('\u0000');
}

function lowerBound(events: readonly MergeableEvent[], list: readonly number[], ns: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNs(events[list[mid] ?? -1]?.ns ?? null, ns) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareNs(a: bigint | null, b: bigint | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
