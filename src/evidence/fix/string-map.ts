/**
 * An insertion-ordered map with string keys, for the orders a long FIX log leaves waiting: hundreds
 * of thousands of keys, each looked up at random. A Map's lookup there reads several scattered
 * objects (bucket, chain entry, the key string itself) before it knows it has no match; this table
 * keeps each slot's key hash next to it, so a lookup reads one place of memory unless the hash matches.
 * Same answers as a Map: order of first insertion, a set of a present key keeps its place.
 */

const EMPTY = 0;
const DELETED = -1;
const MIN_SLOTS = 16;

/**
 * The subset of Map used for waiting orders, with Map's semantics.
 * @example const m = new StringMap<number>(); m.set('ORD-1', 7); m.get('ORD-1') === 7
 */
export class StringMap<V> {
  // Entries in insertion order; a deleted entry's key is undefined until the table is rebuilt.
  private keys: Array<string | undefined> = [];
  private values: Array<V | undefined> = [];
  private hashes: number[] = [];
  // Open addressing: each slot holds 1 + its entry's index (or EMPTY, DELETED) and that entry's hash.
  private slots = new Int32Array(MIN_SLOTS);
  private slotHashes = new Int32Array(MIN_SLOTS);
  private live = 0;
  // Entries before this one are all deleted: oldest() starts here.
  private head = 0;
  // A per-map seed, so that no fixed set of keys collides in every run.
  private readonly seed = (Math.random() * 0x7fffffff) | 0;

  get size(): number {
    return this.live;
  }

  get(key: string): V | undefined {
    const slot = this.find(key, this.hash(key));
    return slot < 0 ? undefined : this.values[(this.slots[slot] ?? 0) - 1];
  }

  set(key: string, value: V): void {
    const h = this.hash(key);
    const slot = this.find(key, h);
    if (slot >= 0) {
      this.values[(this.slots[slot] ?? 0) - 1] = value;
      return;
    }
    if (2 * (this.keys.length + 1) > this.slots.length) this.rebuild();
    const entry = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
    this.hashes.push(h);
    this.place(h, entry);
    this.live++;
  }

  /** Removes `key`; true when it was there. */
  delete(key: string): boolean {
    const slot = this.find(key, this.hash(key));
    if (slot < 0) return false;
    const entry = (this.slots[slot] ?? 0) - 1;
    this.slots[slot] = DELETED;
    this.keys[entry] = undefined;
    this.values[entry] = undefined;
    this.live--;
    return true;
  }

  /** The key inserted first of those still there. */
  oldest(): string | undefined {
    while (this.head < this.keys.length && this.keys[this.head] === undefined) this.head++;
    return this.keys[this.head];
  }

  /** The keys in insertion order. */
  *entryKeys(): IterableIterator<string> {
    for (const key of this.keys) if (key !== undefined) yield key;
  }

  /** FNV-1a over the UTF-16 code units, from the map's seed. */
  private hash(key: string): number {
    let h = 0x811c9dc5 ^ this.seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h | 0;
  }

  /** The slot holding `key`, or -1. */
  private find(key: string, h: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const s = slots[p] ?? EMPTY;
      if (s === EMPTY) return -1;
      if (s !== DELETED && this.slotHashes[p] === h && this.keys[s - 1] === key) return p;
    }
  }

  private place(h: number, entry: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let p = h & mask;
    while ((slots[p] ?? EMPTY) > EMPTY) p = (p + 1) & mask;
    slots[p] = entry + 1;
    this.slotHashes[p] = h;
  }

  /** Drops deleted entries (order kept) and lays the slots out again, at least twice as many as entries. */
  private rebuild(): void {
    const keys: Array<string | undefined> = [];
    const values: Array<V | undefined> = [];
    const hashes: number[] = [];
    for (let e = 0; e < this.keys.length; e++) {
      if (this.keys[e] === undefined) continue;
      keys.push(this.keys[e]);
      values.push(this.values[e]);
      hashes.push(this.hashes[e] ?? 0);
    }
    this.keys = keys;
    this.values = values;
    this.hashes = hashes;
    this.head = 0;
    let size = MIN_SLOTS;
    while (size < 4 * (keys.length + 1)) size *= 2;
    this.slots = new Int32Array(size);
    this.slotHashes = new Int32Array(size);
    for (let e = 0; e < keys.length; e++) this.place(hashes[e] ?? 0, e);
  }
}
