/**
 * Orders waiting for an answer, by ClOrdID and by `sender:MsgSeqNum` (a session reject names the
 * message it rejects by its sequence number only). A long log holds hundreds of thousands of them,
 * so the second index keeps its common keys, a CompID and a MsgSeqNum written as a plain number, per
 * CompID by the number (in an array while that is dense): no key string is built.
 */
import { detach } from './message.js';
import { StringMap } from './string-map.js';

// Where an order's `sender:seq` key lives, as the value kept per ClOrdID: a number for a slot,
// `sender × SLOT_SPAN + seq` (a plain small integer, no object, for the first sender), or the key string.
const SLOT_SPAN = 2 ** 31;
// Sender numbers that keep `sender × SLOT_SPAN + seq` an exact integer.
const MAX_SENDERS = 2 ** 21;

// MsgSeqNums kept by number: up to 9 digits, which stay small integers.
const MAX_SEQ_DIGITS = 9;

/**
 * The number a MsgSeqNum names when it is written the one way a number is (digits, no leading zero),
 * else -1: then `5` and `05` stay different keys, as the strings they are.
 * @example plainSeq('42') === 42 && plainSeq('042') === -1
 */
export function plainSeq(seq: string): number {
  const len = seq.length;
  if (len === 0 || len > MAX_SEQ_DIGITS || (len > 1 && seq.charCodeAt(0) === 48)) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = seq.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** How far an array of a sender's orders by MsgSeqNum may run ahead of the orders in it. */
export interface SlotLimits {
  /** An array up to this long is kept, however few orders it holds. */
  minDense?: number;
  /** Longer than this many slots per waiting order, the sender's orders go to a map. */
  slack?: number;
  /** Orders kept waiting at most; past it the oldest is forgotten (PendingOrders.forgotten). */
  maxWaiting?: number;
}

/**
 * Orders kept waiting at most (~170 bytes each). A log whose orders mostly go unanswered (a copy of
 * one direction, a drop copy) would otherwise make memory grow with its length: 1.2 million waiting
 * orders in a 900 MB log held 150 MB. An order still waiting after this many newer ones is most
 * likely never answered; if it is, the answer is not matched.
 */
export const MAX_WAITING = 100_000;

/**
 * One sender's waiting orders by MsgSeqNum. Sequence numbers run on, one per message, so an array
 * indexed by them is dense while the orders wait; once it would be mostly empty (a long session whose
 * orders were answered, a log that starts at a high number) they move to a map, so that memory
 * follows the orders waiting, not the numbers seen.
 */
class SeqSlots {
  private dense: Array<string | undefined> | null = [];
  private sparse = new Map<number, string>();
  private live = 0;

  constructor(private readonly limits: Required<SlotLimits>) {}

  get(n: number): string | undefined {
    return this.dense ? this.dense[n] : this.sparse.get(n);
  }

  set(n: number, id: string): void {
    const dense = this.dense;
    if (dense && (n < dense.length || n < Math.max(this.limits.minDense, this.limits.slack * (this.live + 1)))) {
      if (dense[n] === undefined) this.live++;
      dense[n] = id;
      return;
    }
    if (dense) this.toSparse(dense);
    this.sparse.set(n, id);
  }

  clear(n: number): void {
    const dense = this.dense;
    if (!dense) {
      this.sparse.delete(n);
      return;
    }
    if (dense[n] === undefined) return;
    dense[n] = undefined;
    this.live--;
  }

  private toSparse(dense: Array<string | undefined>): void {
    for (let n = 0; n < dense.length; n++) {
      const id = dense[n];
      if (id !== undefined) this.sparse.set(n, id);
    }
    this.dense = null;
  }
}

/**
 * The same bookkeeping as a map ClOrdID → `sender:seq` and its reverse `sender:seq` → ClOrdID (the
 * latest order under that key, until an answer to an order under it removes the key).
 * @example const p = new PendingOrders(); p.add('ORD-1', 'GW', '7'); p.bySeq('GW', '7') === 'ORD-1'
 */
export class PendingOrders {
  // Hundreds of thousands of waiting orders in a long log: a table that finds a ClOrdID (or its absence) in one read.
  private readonly byId = new StringMap<number | string>();
  private readonly senderNumbers = new Map<string, number>();
  private readonly slotsOf: SeqSlots[] = [];
  private readonly limits: Required<SlotLimits>;
  // Keys of another shape (a CompID with `:` in it, a MsgSeqNum not a plain number), as the string.
  private readonly byKey = new Map<string, string>();
  private lastSender: string | null = null;
  private lastNumber = -1;
  /** Orders dropped unanswered to keep at most `maxWaiting`. */
  forgotten = 0;

  constructor({ minDense = 1 << 16, slack = 16, maxWaiting = MAX_WAITING }: SlotLimits = {}) {
    this.limits = { minDense, slack, maxWaiting };
  }

  get size(): number {
    return this.byId.size;
  }

  /** ClOrdIDs still waiting, oldest first. */
  ids(): IterableIterator<string> {
    return this.byId.entryKeys();
  }

  /** Order `id` (one of a message's: a NewOrderList has several) sent by `sender` as MsgSeqNum `seq`. */
  add(id: string, sender: string, seq: string): void {
    // Kept until answered, maybe for the whole run: copies, so that they do not pin the log buffer.
    const copy = detach(id);
    const n = plainSeq(seq);
    const number = n < 0 || sender.includes(':') ? -1 : this.senderNumber(sender, true);
    if (number >= 0) {
      this.byId.set(copy, number * SLOT_SPAN + n);
      (this.slotsOf[number] ??= new SeqSlots(this.limits)).set(n, copy);
    } else {
      const key = detach(`${sender}:${seq}`);
      this.byId.set(copy, key);
      this.byKey.set(key, copy);
    }
    if (this.byId.size > this.limits.maxWaiting) {
      const oldest = this.byId.oldest();
      if (oldest !== undefined) {
        this.answer(oldest);
        this.forgotten++;
      }
    }
  }

  /** The order last sent by `sender` as MsgSeqNum `seq`, unless an answer has removed it. */
  bySeq(sender: string, seq: string): string | undefined {
    const n = plainSeq(seq);
    const number = n < 0 || sender.includes(':') ? -1 : this.senderNumber(sender, false);
    if (number >= 0) return this.slotsOf[number]?.get(n);
    return this.byKey.get(`${sender}:${seq}`);
  }

  /** An answer to order `id`: it waits no more, and its `sender:seq` key goes. */
  answer(id: string): void {
    const at = this.byId.get(id);
    if (at === undefined) return;
    this.byId.delete(id);
    if (typeof at === 'string') {
      this.byKey.delete(at);
      return;
    }
    const number = Math.floor(at / SLOT_SPAN);
    this.slotsOf[number]?.clear(at - number * SLOT_SPAN);
  }

  /**
   * The number of a sender whose keys live in slots; -1 for one that has none (`create` false) or
   * past MAX_SENDERS, whose keys are strings from its first order on, so that a key has one home.
   */
  private senderNumber(sender: string, create: boolean): number {
    if (sender === this.lastSender) return this.lastNumber;
    let number = this.senderNumbers.get(sender);
    if (number === undefined) {
      if (!create) return -1;
      // Numbered once for good (past MAX_SENDERS: -1 for good), a copy that does not pin the log buffer.
      number = this.senderNumbers.size < MAX_SENDERS ? this.senderNumbers.size : -1;
      this.senderNumbers.set(detach(sender), number);
    }
    this.lastSender = detach(sender);
    this.lastNumber = number;
    return number;
  }
}
