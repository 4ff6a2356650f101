/**
 * The masking scanner: one charCode pass per message that splits on whitespace, masks the variable
 * parts of each token and either collects the masked tokens or only computes a 60-bit fingerprint of
 * them. Both modes run the same code, so equal fingerprints mean equal masked tokens (up to hash
 * collisions) and the fingerprint path allocates nothing.
 */
import * as chars from './chars.js';
import { inMarkerRun } from './skeleton.js';

// Imported bindings are live: V8 re-reads and checks them at every use, even in optimized loops.
// Local copies are constants it folds into the code (measured ~25 % faster on the skeleton pass).
const { ALPHA, COLON, DELIM, DIGIT, DOT, EQUALS, HEX, SLASH, WILDCARD } = chars;
const { closingQuote, cls, endsDrivePath, hexColonRun, isHostName, isOpening, isQuote, isSchemeChar, isTrailingPunct, isValueWord } = chars;

const P1 = 0x01000193;
const P2 = 31; // lane 2 is a polynomial hash, lane 1 FNV-1a: two unrelated functions
const SEED1 = 0x811c9dc5 | 0;
const SEED2 = 0x2545f491;
// Stored hash lanes keep 30 bits so that they stay small integers in V8 (no boxed doubles).
const M30 = 0x3fffffff;
const URLISH = 256; // the token holds ':/'
const VALUE = 512; // a piece of the token is true, false or null

// What to do with a piece.
const KEEP = 0;
const MASK = 1;
const RUNS = 2;

/**
 * Masks messages. `fingerprint()` sets `h1`, `h2` (30 bits each) and `count`; `tokens()` returns
 * the masked tokens. Rules, in order, for each whitespace token (a `key="quoted value"` may hold
 * spaces): URLs keep their scheme; Windows drive paths, MAC and IPv6 addresses become `<*>`; the
 * rest splits into pieces at `, ; : = | " ' [ ] ( ) { } < > @ #`; a piece after `key=` is a value
 * (unless it opens a bracket: a type name); a piece is a variable if it is a path, true/false/null,
 * a host name, starts with a digit, has at least as many digits as letters, or is hexadecimal of five
 * or more characters; otherwise digit runs that stand apart from letters are masked (node-3, but
 * eth0 stays). Each whitespace token stays one token, so adjacent variables keep the message's shape
 * (`duration: <*> <*> active`, a duration then a count); variable-length lists are folded at the
 * template level instead (merge.ts), where a run of wildcards absorbs any number of tokens.
 * @example new MaskScanner().tokens('Served block blk_-42 to /10.0.0.1:5000') // ['Served', 'block', 'blk_-<*>', 'to', '<*>:<*>']
 */
export class MaskScanner {
  /** Fingerprint lanes and token count of the last scanned message. */
  h1 = 0;
  h2 = 0;
  count = 0;
  /** False when the scanner kept a digit that the skeleton hides: the skeleton cannot stand for this message. */
  exact = true;
  private collect = false;
  private out: string[] = [];
  // the token being built
  private t1 = 0;
  private t2 = 0;
  private endsWild = false;
  private empty = true;
  private str = '';
  constructor() {
    this.begin();
  }

  /** Computes the fingerprint of `message` into h1, h2 and count. */
  fingerprint(message: string): void {
    this.collect = false;
    this.run(message);
  }

  /** Returns the masked tokens of `message` (and sets the fingerprint). */
  tokens(message: string): string[] {
    this.collect = true;
    this.out = [];
    this.run(message);
    const out = this.out;
    this.out = [];
    return out;
  }

  private run(s: string): void {
    this.h1 = SEED1 & M30;
    this.h2 = SEED2 & M30;
    this.count = 0;
    this.exact = true;
    const n = s.length;
    let i = 0;
    while (i < n) {
      while (i < n && s.charCodeAt(i) <= 32) i++;
      if (i >= n) break;
      const start = i;
      let flags = 0;
      let prev = 0;
      let piece = i; // start of the current piece, to spot true/false/null between delimiters
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c <= 32) break;
        const k = cls(c);
        if (k & DELIM) {
          if ((c === 34 || c === 39) && prev === 61) {
            // key="quoted value": the value may hold spaces, keep it in this token
            const close = closingQuote(s, i);
            if (close > 0) i = close;
          }
          if (c === 58 && s.charCodeAt(i + 1) === 47) flags |= URLISH;
          if ((i - piece === 4 || i - piece === 5) && isValueWord(s, piece, i)) flags |= VALUE;
          piece = i + 1;
        }
        flags |= k;
        prev = c;
        i++;
      }
      this.begin();
      // letters, '-', '_' and delimiters only: nothing to mask unless the last piece is true/false/null
      if ((flags & (DIGIT | SLASH | EQUALS | DOT | VALUE)) === 0 && !((i - piece === 4 || i - piece === 5) && isValueWord(s, piece, i))) {
        let a1 = SEED1;
        let a2 = SEED2;
        for (let k = start; k < i; k++) {
          const c = s.charCodeAt(k);
          a1 = Math.imul(a1 ^ c, P1);
          a2 = (Math.imul(a2, P2) + c) | 0;
        }
        this.t1 = a1 & M30;
        this.t2 = a2 & M30;
        this.empty = false;
        if (this.collect) this.str = s.slice(start, i);
      } else {
        this.maskToken(s, start, i, flags);
      }
      this.end();
    }
  }

  private begin(): void {
    this.t1 = SEED1 & M30;
    this.t2 = SEED2 & M30;
    this.endsWild = false;
    this.empty = true;
    if (this.collect) this.str = '';
  }

  /** Folds the finished token into the line's fingerprint. */
  private end(): void {
    const h1 = Math.imul(this.h1 ^ this.t1, 0x9e3779b1);
    const h2 = Math.imul(this.h2 ^ this.t2, 0x85ebca77);
    this.h1 = (h1 ^ (h1 >>> 15)) & M30;
    this.h2 = (h2 ^ (h2 >>> 13)) & M30;
    this.count++;
    if (this.collect) this.out.push(this.str);
  }

  /** Appends s[a, b) to the token as it is. */
  private put(s: string, a: number, b: number): void {
    if (b <= a) return;
    let t1 = this.t1;
    let t2 = this.t2;
    for (let k = a; k < b; k++) {
      const c = s.charCodeAt(k);
      t1 = Math.imul(t1 ^ c, P1);
      t2 = (Math.imul(t2, P2) + c) | 0;
    }
    this.t1 = t1 & M30;
    this.t2 = t2 & M30;
    this.empty = false;
    this.endsWild = false;
    if (this.collect) this.str += s.slice(a, b);
  }

  private wild(): void {
    if (this.endsWild) return; // adjacent variables within a token are one variable
    // the three characters of '<*>'
    let t1 = Math.imul(this.t1 ^ 60, P1);
    let t2 = (Math.imul(this.t2, P2) + 60) | 0;
    t1 = Math.imul(t1 ^ 42, P1);
    t2 = (Math.imul(t2, P2) + 42) | 0;
    this.t1 = Math.imul(t1 ^ 62, P1) & M30;
    this.t2 = ((Math.imul(t2, P2) + 62) | 0) & M30;
    this.empty = false;
    this.endsWild = true;
    if (this.collect) this.str += WILDCARD;
  }

  /** Masks token [a, b) given the class flags of its characters. */
  private maskToken(s: string, a: number, b: number, flags: number): void {
    if (flags & URLISH) {
      const url = s.indexOf('://', a);
      if (url > a && url < b) {
        this.maskUrl(s, a, b, url);
        return;
      }
    }
    const colon = (flags & COLON) !== 0;
    const hexy = colon && (flags & DIGIT) !== 0;
    const drive = colon && (flags & SLASH) !== 0;
    let p = a;
    let afterKey = false; // the previous delimiter was '=' after a non-empty key: the piece is a value
    while (p < b) {
      const c0 = s.charCodeAt(p);
      if (drive && (cls(c0) & ALPHA) !== 0 && s.charCodeAt(p + 1) === 58 && (cls(s.charCodeAt(p + 2)) & SLASH) !== 0) {
        // C:\Windows\... up to the closing punctuation
        let q = p + 3;
        while (q < b && !endsDrivePath(s.charCodeAt(q))) q++;
        this.wild();
        p = q;
        afterKey = false;
        continue;
      }
      if (hexy && ((cls(c0) & (DIGIT | HEX)) !== 0 || (c0 === 58 && s.charCodeAt(p + 1) === 58))) {
        const hex = hexColonRun(s, p, b);
        if (hex > p) {
          this.wild();
          p = hex;
          afterKey = false;
          continue;
        }
      }
      // scan the piece, hashing it on the guess that it stays as it is
      let u1 = this.t1;
      let u2 = this.t2;
      let digits = 0;
      let letters = 0;
      let nonHex = 0;
      let slashes = 0;
      let dots = 0;
      let q = p;
      for (; q < b; q++) {
        const c = s.charCodeAt(q);
        const k = cls(c);
        if (k & DELIM) break;
        if (k & DIGIT) digits++;
        else if (k & ALPHA) {
          letters++;
          if ((k & HEX) === 0) nonHex++;
        } else {
          nonHex++;
          if (k & SLASH) slashes++;
          else if (k & DOT) dots++;
        }
        u1 = Math.imul(u1 ^ c, P1);
        u2 = (Math.imul(u2, P2) + c) | 0;
      }
      if (q > p) {
        // a value that opens a bracket is a type name (Intent{...}, Rect(...)): keep it, mask inside
        const kind = afterKey && !(q < b && isOpening(s.charCodeAt(q)))
          ? MASK
          : pieceKind(s, p, q, digits, letters, nonHex, slashes, dots);
        if (kind === KEEP) {
          this.t1 = u1 & M30;
          this.t2 = u2 & M30;
          this.empty = false;
          this.endsWild = false;
          if (this.collect) this.str += s.slice(p, q);
        } else if (kind === MASK) this.wild();
        else this.maskDigitRuns(s, p, q);
      }
      if (q >= b) break;
      const d = s.charCodeAt(q);
      afterKey = d === 61 && q > p && q + 1 < b && s.charCodeAt(q + 1) !== 61;
      if (afterKey && isQuote(s.charCodeAt(q + 1))) {
        const close = closingQuote(s, q + 1);
        if (close > 0 && close < b) {
          this.put(s, q, q + 2);
          this.wild();
          this.put(s, close, close + 1);
          p = close + 1;
          afterKey = false;
          continue;
        }
      }
      this.put(s, q, q + 1);
      p = q + 1;
    }
  }

  private maskUrl(s: string, a: number, b: number, sep: number): void {
    let schemeStart = sep;
    while (schemeStart > a && isSchemeChar(s.charCodeAt(schemeStart - 1))) schemeStart--;
    let end = b;
    while (end > sep + 3 && isTrailingPunct(s.charCodeAt(end - 1))) end--;
    if (schemeStart > a) this.maskToken(s, a, schemeStart, COLON | DIGIT | SLASH);
    for (let k = schemeStart; k < sep && this.exact; k++) {
      if ((cls(s.charCodeAt(k)) & DIGIT) !== 0 && inMarkerRun(s, k)) this.exact = false;
    }
    this.put(s, schemeStart, sep + 3);
    this.wild();
    this.put(s, end, b);
  }

  /** Masks digit runs that stand apart from letters: node-3 → node-<*>, but eth0 and ssh2 stay. */
  private maskDigitRuns(s: string, a: number, b: number): void {
    let last = a;
    let k = a;
    while (k < b) {
      if ((cls(s.charCodeAt(k)) & DIGIT) === 0) {
        k++;
        continue;
      }
      let e = k;
      while (e < b && (cls(s.charCodeAt(e)) & DIGIT) !== 0) e++;
      const before = k === a ? 0 : cls(s.charCodeAt(k - 1));
      const after = e === b ? 0 : cls(s.charCodeAt(e));
      if ((before & ALPHA) === 0 && (after & ALPHA) === 0) {
        this.put(s, last, k);
        this.wild();
        last = e;
      } else if (this.exact && inMarkerRun(s, k)) this.exact = false;
      k = e;
    }
    this.put(s, last, b);
  }
}

/** Decides a piece from the counts of its character classes. */
function pieceKind(s: string, a: number, b: number, digits: number, letters: number, nonHex: number, slashes: number, dots: number): number {
  const first = s.charCodeAt(a);
  if (slashes > 0 && b - a > 1) {
    // / \ ~, or ./ and ../ (a path relative to the working directory)
    const rooted = first === 47 || first === 92 || first === 126 || (first === 46 && (s.charCodeAt(a + 1) === 47 || (s.charCodeAt(a + 1) === 46 && s.charCodeAt(a + 2) === 47)));
    if (rooted || (slashes >= 2 && letters > 0)) return MASK; // a path
    if (letters === 0 && digits > 0) return RUNS; // 2016/9/27, 0/0
  }
  if (digits === 0) {
    if ((b - a === 4 || b - a === 5) && isValueWord(s, a, b)) return MASK;
    return dots > 0 && isHostName(s, a, b) ? MASK : KEEP;
  }
  const lead = first === 45 || first === 43 ? s.charCodeAt(a + 1) : first; // sign
  if ((cls(lead) & DIGIT) !== 0 || digits >= letters || (nonHex === 0 && b - a >= 5)) return MASK;
  if (dots > 0 && isHostName(s, a, b)) return MASK;
  return RUNS;
}
