/**
 * The prescan: one WebAssembly pass over a block's bytes flags each line that may hold a level word,
 * a hint phrase or a control character, so that the selective reader runs its regexes on those
 * lines only. JavaScript's regex engine spends 2–4 ns a byte on the 40-phrase notable alternation
 * and the level words whatever the text; the pass costs 1–2 ns, and most lines of a log are flagged
 * for nothing. A flag says a literal is there (case folded; a level word as a whole token), not that
 * the pattern matches: a flagged line is tested with the exact regex, and an unflagged one cannot
 * match it. Source: wasm/prescan.ts (its head says how literals are found), embedded by `npm run wasm`;
 * where the native addon was built, its twin native/prescan.c runs instead, on the same tables, at
 * about half the cost (no copy into the module's memory, no swizzle overhead).
 */
import { nativeAddon, nativeWanted, type NativePrescan } from './native.js';
import { PRESCAN_WASM } from './prescan-wasm.js';

/** The line holds a control character (other than a CR ending it). */
export const FLAG_CONTROL = 1;
/** The line holds a level word (a one-character one, a letter or a mark: may hold). */
export const FLAG_LEVEL = 2;
/** The line holds a hint literal, ignoring ASCII case. */
export const FLAG_HINT = 4;

/** What the level pattern looks for: words in any case, and tokens in this case only. */
export interface LevelTokens {
  anyCase: readonly string[];
  exact: readonly string[];
}

export interface Prescan {
  /** One flag byte per line of the bytes (split on `\n`), valid until the next call. */
  flags(bytes: Uint8Array): Uint8Array;
}

/** Which pass: the native one where built (and not PFA_NATIVE=0), else WebAssembly ('auto'); or one of them only. */
export type PrescanEngine = 'auto' | 'native' | 'wasm';

// Memory layout of wasm/prescan.ts.
const TEDDY = 256;
const LETTERS = 512;
/** Buckets of literals: two banks of eight (a bit of a byte each). */
const BUCKETS = 16;
const H4 = 1024;
const H3 = 9216;
const POOL = 17408;
const IN = 65536;
const PAGE = 65536;
/** Kind bit of a literal compared in its case. */
const EXACT = 128;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) cannot run it: the regexes then do all. */
function module(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(PRESCAN_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

interface Literal {
  bytes: number[];
  kind: number;
}

/** A literal's bytes, case folded (bit 5 set) unless exact; null when it is not ASCII or under 3 bytes. */
function literal(s: string, kind: number): Literal | null {
  if (s.length < 3) return null;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return null;
    bytes.push(kind & EXACT ? c : c | 0x20);
  }
  return { bytes, kind };
}

/**
 * Literals in sixteen buckets, each put where it widens its bucket's nibble sets the least: a bucket
 * whose four positions accept few bytes rarely sends a lane to the full comparison.
 */
function buckets(literals: readonly Literal[]): Literal[][] {
  const out: Literal[][] = Array.from({ length: BUCKETS }, () => []);
  const sets = out.map(() => [0, 1, 2, 3].map(() => ({ lo: new Set<number>(), hi: new Set<number>() })));
  const width = (b: number, extra: Literal | null): number =>
    (sets[b] ?? []).reduce((product, { lo, hi }, j) => {
      const byte = extra?.bytes[j];
      if (extra && byte === undefined) return product * 256;
      const c = byte === undefined ? -1 : byte | 0x20;
      const l = lo.size + (c >= 0 && !lo.has(c & 15) ? 1 : 0);
      const h = hi.size + (c >= 0 && !hi.has(c >> 4) ? 1 : 0);
      return product * l * h;
    }, 1);
  for (const lit of [...literals].sort((x, y) => (x.bytes[0] as number) - (y.bytes[0] as number))) {
    let best = 0;
    let cost = Infinity;
    for (let b = 0; b < BUCKETS; b++) {
      const grow = width(b, lit) - ((out[b] as Literal[]).length ? width(b, null) : 0);
      if (grow < cost) [best, cost] = [b, grow];
    }
    (out[best] as Literal[]).push(lit);
    (sets[best] ?? []).forEach(({ lo, hi }, j) => {
      const byte = lit.bytes[j];
      for (let n = 0; n < 16; n++) {
        if (byte === undefined || ((byte | 0x20) & 15) === n) lo.add(n);
        if (byte === undefined || (byte | 0x20) >> 4 === n) hi.add(n);
      }
    });
  }
  return out;
}

/** Tables built, by what they were built for: a file's parts and a timeline's files share them. */
const built = new Map<string, Uint8Array | null>();

/**
 * A prescan for a level pattern's tokens (null: the level is not looked for) and a hint's literals
 * (every match of the hint holds one of them, ignoring ASCII case; null: no hint). Null when
 * neither pass can run (no native addon, no WebAssembly with SIMD; or not the `engine` asked for)
 * or a token or literal cannot be flagged (under 3 bytes and not a letter, not ASCII): the caller
 * then keeps to its regexes.
 * @example const p = createPrescan({ anyCase: ['error'], exact: ['E'] }, ['Out of memory']);
 */
export function createPrescan(levels: LevelTokens | null, hintLiterals: readonly string[] | null, engine: PrescanEngine = 'auto'): Prescan | null {
  const key = JSON.stringify([levels, hintLiterals]);
  if (!built.has(key)) built.set(key, tables(levels, hintLiterals));
  const t = built.get(key);
  if (!t) return null;
  const scan = engine === 'native' || (engine === 'auto' && nativeWanted()) ? nativeAddon()?.prescan : undefined;
  if (scan) return nativePrescan(scan, t);
  const mod = engine === 'native' ? null : module();
  return mod ? wasmPrescan(mod, t) : null;
}

function nativePrescan(scan: NativePrescan, t: Uint8Array): Prescan {
  let out = new Uint8Array(1 << 17);
  return {
    flags(bytes: Uint8Array): Uint8Array {
      if (out.length < bytes.length + 1) out = new Uint8Array(bytes.length + 1);
      return out.subarray(0, scan(t, bytes, out));
    },
  };
}

function wasmPrescan(mod: WebAssembly.Module, t: Uint8Array): Prescan {
  const instance = new WebAssembly.Instance(mod, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const scan = instance.exports.scan as (inp: number, len: number, out: number) => number;
  let mem = new Uint8Array(memory.buffer);
  mem.set(t);
  return {
    flags(bytes: Uint8Array): Uint8Array {
      const out = IN + bytes.length + 32;
      const need = out + bytes.length + 1;
      if (need > memory.buffer.byteLength) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        mem = new Uint8Array(memory.buffer);
      }
      mem.set(bytes, IN);
      mem.fill(0, IN + bytes.length, IN + bytes.length + 16);
      const n = scan(IN, bytes.length, out);
      return mem.subarray(out, out + n);
    },
  };
}

/** The memory below IN as wasm/prescan.ts reads it, or null when a token or literal cannot be flagged. */
function tables(levels: LevelTokens | null, hintLiterals: readonly string[] | null): Uint8Array | null {
  const literals: Literal[] = [];
  const letters: number[] = [];
  for (const w of levels?.anyCase ?? []) literals.push(literal(w, FLAG_LEVEL) ?? { bytes: [], kind: -1 });
  for (const w of levels?.exact ?? []) {
    // One character, a letter or a mark (Redis' `#`): the one-letter rule, a token with no letter or digit beside it.
    if (w.length === 1 && /[\x21-\x7e]/.test(w)) letters.push(w.charCodeAt(0));
    else literals.push(literal(w, FLAG_LEVEL | EXACT) ?? { bytes: [], kind: -1 });
  }
  for (const l of hintLiterals ?? []) literals.push(literal(l, FLAG_HINT) ?? { bytes: [], kind: -1 });
  if (literals.some((l) => l.kind < 0)) return null;
  const mem = new Uint8Array(IN);
  const view = new DataView(mem.buffer);
  for (let c = 48; c < 58; c++) mem[c] = 1;
  for (let c = 65; c < 91; c++) mem[c] = 1;
  for (let c = 97; c < 123; c++) mem[c] = 1;
  for (const c of letters) {
    mem[LETTERS + (c & 15)]! |= 1;
    mem[LETTERS + 16 + (c >> 4)]! |= 1;
  }
  let at = POOL;
  for (const [b, bucket] of buckets(literals).entries()) {
    const table = TEDDY + 128 * (b >> 3);
    const bit = 1 << (b & 7);
    for (const lit of bucket) {
      const f = lit.bytes.map((byte) => byte | 0x20);
      // Four bytes of fingerprint; a three-byte literal takes any fourth.
      for (let j = 0; j < 4; j++) {
        const c = f[j];
        for (let n = 0; n < 16; n++) {
          if (c === undefined || (c & 15) === n) mem[table + 32 * j + n]! |= bit;
          if (c === undefined || c >> 4 === n) mem[table + 32 * j + 16 + n]! |= bit;
        }
      }
      if (at + 4 + lit.bytes.length > IN) return null;
      // Chained from the head of its hash: next, length, kind, bytes.
      const key = f.length >= 4 ? ((f[0] as number) | ((f[1] as number) << 8) | ((f[2] as number) << 16) | ((f[3] as number) << 24)) : (f[0] as number) | ((f[1] as number) << 8) | ((f[2] as number) << 16);
      const head = (f.length >= 4 ? H4 : H3) + ((Math.imul(key, 0x9e3779b1) >>> 20) << 1);
      view.setUint16(at, view.getUint16(head, true), true);
      view.setUint16(head, at, true);
      mem[at + 2] = lit.bytes.length;
      mem[at + 3] = lit.kind;
      mem.set(lit.bytes, at + 4);
      at += 4 + lit.bytes.length;
    }
  }
  return mem;
}
