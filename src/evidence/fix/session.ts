/**
 * Per-session state: counts by message type, order bookkeeping (which orders never got an answer)
 * and the heartbeat tracker. One session covers both directions of a CompID pair.
 */
import { formatTimestamp } from '../../shared/time.js';
import { msgTypeName } from './dictionary.js';
import { HeartbeatTracker } from './gaps.js';
import type { GapSettings } from './gaps.js';
import { getField } from './message.js';
import { PendingOrders } from './pending.js';
import type { Direction, FixMessage, FixSessionStats } from './types.js';

const UNANSWERED_SAMPLE = 20;
const NEW_ORDER_TYPES = new Set(['D', 'E', 'AB', 's']);

/**
 * Key of the session a message belongs to, the same for both directions.
 * @example sessionKey('FIX.4.4', 'B', 'A') === sessionKey('FIX.4.4', 'A', 'B')
 */
export function sessionKey(beginString: string, a: string, b: string): string {
  return a < b ? `${beginString}\u0000${a}\u0000${b}` : `${beginString}\u0000${b}\u0000${a}`;
}

type Counters = Omit<FixSessionStats, 'session' | 'beginString' | 'localCompId' | 'byType' | 'issues' | 'unansweredClOrdIds' | 'heartbeatIntervalS' | 'firstTimestamp' | 'lastTimestamp' | 'ordersUnanswered' | 'ordersForgotten' | 'endedBy'>;

export class SessionState {
  local: string | null = null;
  readonly gaps: HeartbeatTracker;
  readonly counts: Counters = {
    messages: 0, incoming: 0, outgoing: 0, ordersSent: 0, cancelRequests: 0, replaceRequests: 0, executionReports: 0,
    fills: 0, ordersFilled: 0, ordersCanceled: 0, ordersExpired: 0, orderRejects: 0, cancelRejects: 0, sessionRejects: 0,
    businessRejects: 0, logons: 0, logouts: 0, resendRequests: 0, sequenceResets: 0, heartbeats: 0, testRequests: 0,
    heartbeatGaps: 0, corrupt: 0,
  };
  // A count per type in a box: one lookup per message, not a get and a set.
  private readonly byType = new Map<string, { n: number }>();
  private readonly issues = new Map<string, number>();
  // Orders waiting for an answer, by ClOrdID and by `sender:seq` for session rejects (RefSeqNum).
  private readonly pending = new PendingOrders();
  // Time bounds as plain fields, updated in place on every message.
  private firstNs: bigint | null = null;
  private firstDigits = 0;
  private lastNs: bigint | null = null;
  private lastDigits = 0;
  private heartbeatS: number | null = null;

  constructor(
    readonly beginString: string,
    /** SenderCompID→TargetCompID of the first message, used until the local side is known. */
    private readonly firstSender: string,
    private readonly firstTarget: string,
    gapSettings: GapSettings,
  ) {
    this.gaps = new HeartbeatTracker(gapSettings);
  }

  /** `LOCAL→REMOTE` once the local side is known. */
  get name(): string {
    if (this.local === this.firstTarget) return `${this.firstTarget}→${this.firstSender}`;
    return `${this.firstSender}→${this.firstTarget}`;
  }

  /** Direction of a message from `sender` when the local side is known. */
  directionOf(sender: string | null): Direction | null {
    if (this.local === null || sender === null) return null;
    return sender === this.local ? 'out' : 'in';
  }

  /** Time bounds of the session's records. */
  seen(ns: bigint | null, digits: number): void {
    if (ns === null) return;
    if (this.firstNs === null || ns < this.firstNs) {
      this.firstNs = ns;
      this.firstDigits = digits;
    }
    if (this.lastNs === null || ns > this.lastNs) {
      this.lastNs = ns;
      this.lastDigits = digits;
    }
  }

  /**
   * Counts one message and keeps the order bookkeeping (not again for a resent copy of one it has).
   * `sender` is its SenderCompID(49), when the caller has read it already.
   */
  count(message: FixMessage, direction: Direction | null, repeat = false, sender = getField(message, 49)): void {
    const c = this.counts;
    c.messages++;
    if (direction === 'in') c.incoming++;
    else if (direction === 'out') c.outgoing++;
    const type = message.msgType ?? '';
    const box = this.byType.get(type);
    if (box) box.n++;
    else this.byType.set(type, { n: 1 });
    if (message.issues.length > 0) {
      c.corrupt++;
      for (const issue of message.issues) this.issues.set(issue, (this.issues.get(issue) ?? 0) + 1);
    }
    if (repeat) return;
    switch (type) {
      case '0': c.heartbeats++; break;
      case '1': c.testRequests++; break;
      case '2': c.resendRequests++; break;
      case '4': c.sequenceResets++; break;
      case '5': c.logouts++; break;
      case 'A': {
        c.logons++;
        const hb = getField(message, 108);
        if (hb !== null && /^\d+$/.test(hb)) this.heartbeatS = Number(hb);
        break;
      }
      case 'F': c.cancelRequests++; break;
      case 'G': c.replaceRequests++; break;
      case '8': this.executionReport(message); break;
      case '9': c.cancelRejects++; this.answer(getField(message, 11), getField(message, 41)); break;
      case 'j': c.businessRejects++; this.answer(getField(message, 379), null); break;
      case '3': {
        c.sessionRejects++;
        const ref = getField(message, 45);
        const rejectedSender = getField(message, 56);
        const id = ref === null || rejectedSender === null ? undefined : this.pending.bySeq(rejectedSender, ref);
        if (id !== undefined) this.answer(id, null);
        break;
      }
      default:
        if (NEW_ORDER_TYPES.has(type)) this.newOrders(message, sender ?? '');
    }
  }

  private newOrders(message: FixMessage, sender: string): void {
    // A resent order (PossDupFlag=Y) is the same order again.
    if (getField(message, 43) === 'Y') return;
    // Each ClOrdID(11) is an order (a NewOrderList has several), read where it stands: no list of them.
    const seq = getField(message, 34) ?? '';
    const tags = message.tags;
    let orders = 0;
    for (let i = 0; i < tags.length; i++) {
      if (tags[i] !== 11) continue;
      orders++;
      this.pending.add(message.value(i), sender, seq);
    }
    this.counts.ordersSent += Math.max(1, orders);
  }

  private executionReport(message: FixMessage): void {
    const c = this.counts;
    c.executionReports++;
    const execType = getField(message, 150);
    const ordStatus = getField(message, 39);
    if (execType === 'F' || execType === '1' || execType === '2') {
      c.fills++;
      if (ordStatus === '2') c.ordersFilled++;
    }
    if (execType === '4' || (execType === null && ordStatus === '4')) c.ordersCanceled++;
    if (execType === 'C' || (execType === null && ordStatus === 'C')) c.ordersExpired++;
    if (execType === '8' || ordStatus === '8') c.orderRejects++;
    this.answer(getField(message, 11), getField(message, 41));
  }

  private answer(id: string | null, origId: string | null): void {
    if (id !== null) this.pending.answer(id);
    if (origId !== null) this.pending.answer(origId);
  }

  /** The statistics as they stand. */
  stats(): FixSessionStats {
    const byType: Record<string, number> = {};
    for (const [type, { n }] of [...this.byType].sort((a, b) => b[1].n - a[1].n)) byType[msgTypeName(type) || '(none)'] = n;
    const issues: FixSessionStats['issues'] = {};
    for (const [issue, n] of this.issues) issues[issue as keyof FixSessionStats['issues']] = n;
    const unanswered: string[] = [];
    for (const id of this.pending.ids()) {
      if (unanswered.length >= UNANSWERED_SAMPLE) break;
      unanswered.push(id);
    }
    return {
      session: this.name,
      beginString: this.beginString,
      localCompId: this.local,
      ...this.counts,
      byType,
      ordersUnanswered: this.pending.size + this.pending.forgotten,
      ...(this.pending.forgotten ? { ordersForgotten: this.pending.forgotten } : {}),
      unansweredClOrdIds: unanswered,
      heartbeatIntervalS: this.heartbeatS,
      issues,
      firstTimestamp: this.firstNs === null ? null : formatTimestamp(this.firstNs, this.firstDigits),
      lastTimestamp: this.lastNs === null ? null : formatTimestamp(this.lastNs, this.lastDigits),
      endedBy: this.gaps.endedBy,
    };
  }
}
