// AssemblyScript source of the log prescan (src/evidence/logs/prescan.ts loads it and writes its
// tables; `npm run wasm` compiles it into src/evidence/logs/prescan-wasm.ts). One pass over a block's
// bytes, 16 at a time, gives each line a byte of flags: a control character, a level word, a hint
// literal. The reader then runs its regexes on the flagged lines alone: JavaScript's regex engine
// spends 2–4 ns a byte on a 40-phrase alternation whatever the text, this pass a fraction of that.
//
// Literals are found the way Hyperscan's Teddy finds them: the first four bytes of each (case
// folded: bit 5 set; any fourth byte for a three-byte literal) are looked up by nibble in shuffle
// tables, eight buckets of literals at once; a lane whose four bytes may start a literal of some bucket is then looked up by its first four
// (or three) bytes in a hash table of the literals, and those are compared in full. A level word
// must also be a token of its own.

// Memory, written by the loader.
/** Byte classes: 1 a letter or digit. */
const CLS: usize = 0;
/**
 * Nibble tables of the literals' first four bytes: lo0 hi0 lo1 hi1 lo2 hi2 lo3 hi3, 16 bytes each,
 * for two banks of eight buckets (the second at TEDDY + 128). Eight buckets for some 60 literals
 * let a lane of ordinary words through every 15–20 bytes, each a hash lookup; sixteen, a few times fewer.
 */
const TEDDY: usize = 256;
/** Nibble tables (bit 1) of the one-letter level tokens (glog's E, F…), case as given. */
const LETTERS: usize = 512;
/**
 * Hash tables (2^12 u16 heads) of the literals by their first four and, for three-byte ones, three
 * folded bytes. Literal records follow them: next (u16, 0: last), length (u8), kind (u8), the bytes.
 */
const H4: usize = 1024;
const H3: usize = 9216;

/** Literal kinds, and the line flags they set (prescan.ts: FLAG_*). */
const F_CONTROL: u32 = 1;
const F_LEVEL: u32 = 2;
const F_HINT: u32 = 4;
/** Kind bit: compare the bytes in their case (the one-case level words: FAILURE). */
const K_EXACT: u32 = 128;

@inline function alnum(b: u32): bool {
  return (load<u8>(CLS + b) & 1) != 0;
}

/** Whether the literal at `rec` is at [start, start + len): folded bytes, or raw ones when exact. */
function equal(rec: usize, start: usize, len: usize, exact: bool): bool {
  const fold: u32 = exact ? 0 : 0x20;
  for (let k: usize = 0; k < len; k++) {
    if ((<u32>load<u8>(start + k) | fold) != <u32>load<u8>(rec + 4 + k)) return false;
  }
  return true;
}

@inline function hash12(x: u32): usize {
  return <usize>((x * 0x9e3779b1) >>> 20) << 1;
}

/** Flags of the literals of the chain from `rec` that start at `start` (a level word as a whole token). */
function chain(rec: usize, start: usize, inp: usize, end: usize): u32 {
  let kinds: u32 = 0;
  while (rec != 0) {
    const len = <usize>load<u8>(rec + 2);
    const kind = <u32>load<u8>(rec + 3);
    if (start + len <= end && equal(rec, start, len, (kind & K_EXACT) != 0)) {
      if ((kind & F_LEVEL) == 0) kinds |= kind & F_HINT;
      else if ((start == inp || !alnum(load<u8>(start - 1))) && (start + len == end || !alnum(load<u8>(start + len)))) kinds |= F_LEVEL;
    }
    rec = <usize>load<u16>(rec);
  }
  return kinds;
}

/** Flags of the literals that start at `start`. */
@inline function verify(start: usize, inp: usize, end: usize): u32 {
  const w = load<u32>(start) | 0x20202020;
  let kinds: u32 = 0;
  const r4 = <usize>load<u16>(H4 + hash12(w));
  if (r4 != 0) kinds = chain(r4, start, inp, end);
  const r3 = <usize>load<u16>(H3 + hash12(w & 0xffffff));
  if (r3 != 0) kinds |= chain(r3, start, inp, end);
  return kinds;
}

@inline function kindsOf(ctl: u32, level: u32, hint: u32): u32 {
  return (ctl != 0 ? F_CONTROL : 0) | (level != 0 ? F_LEVEL : 0) | (hint != 0 ? F_HINT : 0);
}

/** Lanes (bits) where bytes i-3 to i may start a literal of one of the bank's buckets at `t`. */
@inline function bank(t: usize, lo: v128, hi: v128, prev: usize): u32 {
  const m0 = v128.and(i8x16.swizzle(v128.load(t), lo), i8x16.swizzle(v128.load(t + 16), hi));
  const m1 = v128.and(i8x16.swizzle(v128.load(t + 32), lo), i8x16.swizzle(v128.load(t + 48), hi));
  const m2 = v128.and(i8x16.swizzle(v128.load(t + 64), lo), i8x16.swizzle(v128.load(t + 80), hi));
  const m3 = v128.and(i8x16.swizzle(v128.load(t + 96), lo), i8x16.swizzle(v128.load(t + 112), hi));
  const s0 = i8x16.shuffle(v128.load(prev), m0, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28);
  const s1 = i8x16.shuffle(v128.load(prev + 16), m1, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
  const s2 = i8x16.shuffle(v128.load(prev + 32), m2, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
  v128.store(prev, m0);
  v128.store(prev + 16, m1);
  v128.store(prev + 32, m2);
  const r = v128.and(v128.and(s0, s1), v128.and(s2, m3));
  return <u32>i8x16.bitmask(i8x16.ne(r, i8x16.splat(0)));
}

/** The previous step's matches of each bank's first three positions (bank() reads and writes them). */
const PREV: usize = 640;

/**
 * Flags of each line of [inp, inp + len) written from `out` on; returns the number of lines (the
 * newlines plus one: the block's last line has none). The 16 bytes after the block must be zero.
 */
export function scan(inp: usize, len: usize, out: usize): i32 {
  const end = inp + len;
  const NL = i8x16.splat(10);
  const SPACE = i8x16.splat(0x20);
  const NIBBLE = i8x16.splat(0x0f);
  const llo = v128.load(LETTERS);
  const lhi = v128.load(LETTERS + 16);
  memory.fill(PREV, 0, 96);
  let flags: u32 = 0;
  let line: usize = 0;
  for (let p = inp; p < end; p += 16) {
    const v = v128.load(p);
    const f = v128.or(v, SPACE);
    const valid: u32 = end - p >= 16 ? 0xffff : (<u32>1 << <u32>(end - p)) - 1;
    const nl = <u32>i8x16.bitmask(i8x16.eq(v, NL)) & valid;
    // Control characters: below 0x20 but SOH (FIX), tab, newline and ESC (colour codes); most steps
    // have no byte below 0x20 but newlines.
    let ctl = <u32>i8x16.bitmask(i8x16.lt_u(v, SPACE)) & valid & ~nl;
    if (ctl != 0) {
      const allowed = v128.or(v128.or(i8x16.eq(v, i8x16.splat(1)), i8x16.eq(v, i8x16.splat(9))), i8x16.eq(v, i8x16.splat(27)));
      ctl &= ~<u32>i8x16.bitmask(allowed);
      // A carriage return ending its line (CRLF) is not one.
      const cr = <u32>i8x16.bitmask(i8x16.eq(v, i8x16.splat(13))) & valid;
      if ((ctl & cr) != 0) {
        let beforeNl = nl >>> 1;
        if (end - p <= 16) beforeNl |= <u32>1 << <u32>(end - p - 1);
        else if (load<u8>(p + 16) == 10) beforeNl |= 0x8000;
        ctl &= ~(cr & beforeNl);
      }
    }
    // Literals: lane i has a bucket's bit when bytes i-3 to i may start one of its literals.
    const lo = v128.and(f, NIBBLE);
    const hi = i8x16.shr_u(f, 4);
    let cand = (bank(TEDDY, lo, hi, PREV) | bank(TEDDY + 128, lo, hi, PREV + 48)) & valid;
    let hint: u32 = 0;
    let level: u32 = 0;
    while (cand != 0) {
      const j = ctz(cand);
      cand &= cand - 1;
      const pos = p + <usize>j;
      if (pos < inp + 3) continue;
      const k = verify(pos - 3, inp, end);
      if (k & F_HINT) hint |= <u32>1 << j;
      if (k & F_LEVEL) level |= <u32>1 << j;
    }
    // One-letter level tokens: the letter, with no letter or digit on either side.
    const letters = <u32>i8x16.bitmask(i8x16.ne(v128.and(i8x16.swizzle(llo, v128.and(v, NIBBLE)), i8x16.swizzle(lhi, i8x16.shr_u(v, 4))), i8x16.splat(0))) & valid;
    if (letters != 0) {
      const a = <u32>i8x16.bitmask(v128.or(i8x16.lt_u(i8x16.sub(f, i8x16.splat(0x61)), i8x16.splat(26)), i8x16.lt_u(i8x16.sub(v, i8x16.splat(0x30)), i8x16.splat(10)))) & valid;
      const alnumBefore: u32 = p > inp && alnum(load<u8>(p - 1)) ? 1 : 0;
      let single = letters & ~((a << 1) | alnumBefore) & ~(a >>> 1);
      if ((single & 0x8000) != 0 && p + 16 < end && alnum(load<u8>(p + 16))) single &= 0x7fff;
      level |= single;
    }
    if (nl == 0) {
      flags |= kindsOf(ctl, level, hint);
      continue;
    }
    let n = nl;
    while (n != 0) {
      const k = ctz(n);
      n &= n - 1;
      // Bits up to the newline's own: a three-byte literal's fourth byte, where it is found, may be it.
      const upTo: u32 = (((<u32>1 << k) - 1) << 1) | 1;
      flags |= kindsOf(ctl & upTo, level & upTo, hint & upTo);
      store<u8>(out + line, <u8>flags);
      line++;
      flags = 0;
      const after = ~upTo;
      ctl &= after;
      level &= after;
      hint &= after;
    }
    flags |= kindsOf(ctl, level, hint);
  }
  // A three-byte literal ending the block has no fourth byte there to be found by: looked for here.
  if (len >= 3) flags |= verify(end - 3, inp, end);
  store<u8>(out + line, <u8>flags);
  return <i32>line + 1;
}
