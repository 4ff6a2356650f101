/**
 * Orders waiting for an answer, by ClOrdID and by `sender:MsgSeqNum` (a session reject names the
 * message it rejects by its sequence number only). A long log holds hundreds of thousands of them,
 * so the second index keeps its common keys, a CompID and a MsgSeqNum written as a plain number, in
 * an array per CompID indexed by the number: no key string is built and no hash table grows.
 */
import { detach } from './message.js';

/** Where an order's `sender:seq` key lives: a slot of its sender's array, or the general map. */
interface SeqRef {
  slots: Array<string | undefined> | null;
  index: number;
  key: string;
}

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

/**
 * The same bookkeeping as a map ClOrdID → `sender:seq` and its reverse `sender:seq` → ClOrdID (the
 * latest order under that key, until an answer to an order under it removes the key).
 * @example const p = new PendingOrders(); p.add(['ORD-1'], 'GW', '7'); p.bySeq('GW', '7') === 'ORD-1'
 */
export class PendingOrders {
  private readonly byId = new Map<string, SeqRef>();
  private readonly slotsBySender = new Map<string, Array<string | undefined>>();
  // Keys of another shape (a CompID with `:` in it, a MsgSeqNum not a plain number), as the string.
  private readonly byKey = new Map<string, string>();
  private lastSender: string | null = null;
  private lastSlots: Array<string | undefined> | null = null;

  get size(): number {
    return this.byId.size;
  }

  /** ClOrdIDs still waiting, oldest first. */
  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Orders `ids` (one message: a NewOrderList has several) sent by `sender` as MsgSeqNum `seq`. */
  add(ids: readonly string[], sender: string, seq: string): void {
    if (ids.length === 0) return;
    const n = plainSeq(seq);
    const ref: SeqRef = n >= 0 && !sender.includes(':') ? { slots: this.slotsOf(sender, true), index: n, key: '' } : { slots: null, index: -1, key: detach(`${sender}:${seq}`) };
    for (const raw of ids) {
      // Kept until answered, maybe for the whole run: a copy, so that it does not pin the log buffer.
      const id = detach(raw);
      this.byId.set(id, ref);
      if (ref.slots) ref.slots[ref.index] = id;
      else this.byKey.set(ref.key, id);
    }
  }

  /** The order last sent by `sender` as MsgSeqNum `seq`, unless an answer has removed it. */
  bySeq(sender: string, seq: string): string | undefined {
    const n = plainSeq(seq);
    if (n >= 0 && !sender.includes(':')) return this.slotsOf(sender, false)?.[n];
    return this.byKey.get(`${sender}:${seq}`);
  }

  /** An answer to order `id`: it waits no more, and its `sender:seq` key goes. */
  answer(id: string): void {
    const ref = this.byId.get(id);
    if (ref === undefined) return;
    this.byId.delete(id);
    if (ref.slots) ref.slots[ref.index] = undefined;
    else this.byKey.delete(ref.key);
  }

  private slotsOf(sender: string, create: true): Array<string | undefined>;
  private slotsOf(sender: string, create: false): Array<string | undefined> | undefined;
  private slotsOf(sender: string, create: boolean): Array<string | undefined> | undefined {
    if (sender === this.lastSender && this.lastSlots) return this.lastSlots;
    let slots = this.slotsBySender.get(sender);
    if (slots === undefined) {
      if (!create) return undefined;
      slots = [];
      this.slotsBySender.set(detach(sender), slots);
    }
    this.lastSender = detach(sender);
    this.lastSlots = slots;
    return slots;
  }
}
