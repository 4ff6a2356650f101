/**
 * Open-addressing hash tables keyed by fingerprints (two 30-bit lanes and a small integer), with
 * int32 values. No strings and no objects per entry, so a lookup allocates nothing.
 */

/**
 * A growable table from (a, b, c) to a non-negative int.
 * @example const t = new FingerprintTable(); t.set(1, 2, 3, 7); t.get(1, 2, 3) // 7
 */
export class FingerprintTable {
  private k1: Int32Array;
  private k2: Int32Array;
  private k3: Int32Array;
  private vals: Int32Array;
  private mask: number;
  /** Number of entries. */
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.k1 = new Int32Array(cap);
    this.k2 = new Int32Array(cap);
    this.k3 = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The value for the key, or -1. */
  get(a: number, b: number, c: number): number {
    const mask = this.mask;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const v = this.vals[i] as number;
      if (v < 0) return -1;
      if (this.k1[i] === a && this.k2[i] === b && this.k3[i] === c) return v;
    }
  }

  /** Sets the value (>= 0) for the key. */
  set(a: number, b: number, c: number, value: number): void {
    if ((this.size + 1) * 2 > this.vals.length) this.grow();
    const mask = this.mask;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const v = this.vals[i] as number;
      if (v < 0) {
        this.k1[i] = a;
        this.k2[i] = b;
        this.k3[i] = c;
        this.vals[i] = value;
        this.size++;
        return;
      }
      if (this.k1[i] === a && this.k2[i] === b && this.k3[i] === c) {
        this.vals[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { k1, k2, k3, vals } = this;
    const cap = vals.length * 2;
    this.k1 = new Int32Array(cap);
    this.k2 = new Int32Array(cap);
    this.k3 = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < vals.length; i++) if ((vals[i] as number) >= 0) this.set(k1[i] as number, k2[i] as number, k3[i] as number, vals[i] as number);
  }
}

/**
 * A fixed-size cache from (a, b) to a non-negative int: a slot holds the latest key that hashed to
 * it, so memory stays bounded and an evicted entry only costs a slower lookup later. Key and value
 * of a slot sit side by side so that a lookup touches one cache line.
 * @example const c = new FingerprintCache(16); c.set(1, 2, 5); c.get(1, 2) // 5
 */
export class FingerprintCache {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(slots = 1 << 16) {
    let cap = 16;
    while (cap < slots) cap *= 2;
    this.slots = new Int32Array(cap * 4);
    for (let i = 2; i < this.slots.length; i += 4) this.slots[i] = -1;
    this.mask = cap - 1;
  }

  get(a: number, b: number): number {
    const i = ((a ^ Math.imul(b, 0x9e3779b1)) & this.mask) << 2;
    const t = this.slots;
    return t[i] === a && t[i + 1] === b ? (t[i + 2] as number) : -1;
  }

  set(a: number, b: number, value: number): void {
    const i = ((a ^ Math.imul(b, 0x9e3779b1)) & this.mask) << 2;
    this.slots[i] = a;
    this.slots[i + 1] = b;
    this.slots[i + 2] = value;
  }
}
