/**
 * The skeleton of a message: its characters with every number-like run (a run of hex digits that
 * holds a decimal digit) replaced by a marker of its length, digit count and first character. Every
 * masking decision of the scanner depends only on the skeleton, so two messages with the same
 * skeleton get the same masked tokens, except where the scanner keeps digits that a marker hid
 * (MaskScanner.exact tells). A skeleton costs one light pass and lets most lines skip the scanner.
 */
import * as chars from './chars.js';

// Imported bindings are live: V8 re-reads and checks them at every use, even in optimized loops.
// Local copies are constants it folds into the code (measured ~25 % faster on the skeleton pass).
const { ALPHA, CLASS, DELIM, DIGIT, HEX, SLASH, cls } = chars;

const P1 = 0x01000193;
const P2 = 31;
const SEED1 = 0x811c9dc5 | 0;
const SEED2 = 0x2545f491;
const M30 = 0x3fffffff;
const PIECE = -1; // marker of a whole digit-led piece: no char code or run marker is negative

/**
 * Whether the digit-bearing hex run [a, b) (with `digits` decimal digits) is replaced by a marker:
 * a run of digits only, unless a letter touches it (eth0, ssh2 and u0 stay literal, the scanner may
 * keep them); a run mixing digits and a-f letters when it is five characters or longer (a hash or
 * an address; A8 in Thunderbird_A8 stays literal).
 */
export function isMarkerRun(s: string, a: number, b: number, digits: number): boolean {
  if (digits < b - a) return b - a >= 5;
  const before = a > 0 ? (CLASS[s.charCodeAt(a - 1)] as number) : 0;
  const after = b < s.length ? (CLASS[s.charCodeAt(b)] as number) : 0;
  return ((before | after) & ALPHA) === 0;
}

let lane2 = 0;

/**
 * Hashes the skeleton of `s`: returns the first 30-bit lane; skeletonLane2() gives the second.
 * Besides the run markers, a whole piece that the scanner masks whatever is in it becomes a single
 * marker: one that starts with a digit (or a sign and a digit) and holds no slash, or a path that
 * starts with '/' or '\\' — provided no ':' comes right before it (nor right after it, unless the
 * piece holds a non-hex character such as the dots of an IP address and no '/' follows the ':').
 * (A plain function with a module-level second result: V8 inlines it, a method it did not.)
 * @example const a = skeletonHash('took 12 ms'); skeletonHash('took 5712 ms') === a // true
 */
export function skeletonHash(s: string): number {
  let h1 = SEED1;
  let h2 = SEED2;
  // lanes and index after the last character that is not a hex digit: where a run would start
  let r1 = h1;
  let r2 = h2;
  let runStart = 0;
  let digits = 0;
  // the current piece (text between delimiters or spaces), when it starts with a digit or a slash
  let pieceAt = 0; // where the next piece starts
  let led = 0; // the piece starts with a digit (1) or a slash (2)
  let q1 = h1; // lanes at the start of the piece
  let q2 = h2;
  let slash = false;
  let plain = false; // the piece holds a character that is neither a hex digit nor a digit
  let colonBefore = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = CLASS[c] as number;
    if ((k & (DIGIT | HEX)) !== 0) {
      if (k & DIGIT) {
        digits++;
        if (i === pieceAt) {
          led = 1;
          q1 = h1;
          q2 = h2;
          slash = false;
          plain = false;
        }
      }
      h1 = Math.imul(h1 ^ c, P1);
      h2 = (Math.imul(h2, P2) + c) | 0;
      continue;
    }
    if (digits > 0 && isMarkerRun(s, runStart, i, digits)) {
      h1 = marker1(r1, s, runStart, i, digits);
      h2 = marker2(r2, s, runStart, i, digits);
    }
    if (c <= 32 || (k & DELIM) !== 0) {
      if (led !== 0 && wholePiece(led, slash, i - pieceAt) && !colonBefore && (c !== 58 || (plain && s.charCodeAt(i + 1) !== 47))) {
        h1 = Math.imul(q1 ^ PIECE, P1);
        h2 = (Math.imul(q2, P2) + PIECE) | 0;
      }
      colonBefore = c === 58;
      led = 0;
      pieceAt = i + 1;
    } else {
      if (i === pieceAt && ((k & SLASH) !== 0 || ((c === 45 || c === 43) && i + 1 < n && ((CLASS[s.charCodeAt(i + 1)] as number) & DIGIT) !== 0))) {
        led = (k & SLASH) !== 0 ? 2 : 1;
        q1 = h1;
        q2 = h2;
        slash = false;
      }
      if (k & SLASH) slash = true;
      plain = true;
    }
    h1 = Math.imul(h1 ^ c, P1);
    h2 = (Math.imul(h2, P2) + c) | 0;
    r1 = h1;
    r2 = h2;
    runStart = i + 1;
    digits = 0;
  }
  if (digits > 0 && isMarkerRun(s, runStart, n, digits)) {
    h1 = marker1(r1, s, runStart, n, digits);
    h2 = marker2(r2, s, runStart, n, digits);
  }
  if (led !== 0 && wholePiece(led, slash, n - pieceAt) && !colonBefore) {
    h1 = Math.imul(q1 ^ PIECE, P1);
    h2 = (Math.imul(q2, P2) + PIECE) | 0;
  }
  lane2 = h2 & M30;
  return h1 & M30;
}

/** A digit-led piece without a slash (always a number to the scanner), or a path of two or more characters. */
function wholePiece(led: number, slash: boolean, length: number): boolean {
  return led === 1 ? !slash : led === 2 && length >= 2;
}

/** The second lane of the last skeletonHash() call. */
export function skeletonLane2(): number {
  return lane2;
}

// A marker is two codes above any char code: the run's length with its first character's kind, then its digit count.
function marker1(h: number, s: string, a: number, b: number, digits: number): number {
  const m1 = 0x10000 + (b - a) * 2 + ((CLASS[s.charCodeAt(a)] as number) & DIGIT);
  return Math.imul(Math.imul(h ^ m1, P1) ^ (0x10000 + digits), P1);
}

function marker2(h: number, s: string, a: number, b: number, digits: number): number {
  const m1 = 0x10000 + (b - a) * 2 + ((CLASS[s.charCodeAt(a)] as number) & DIGIT);
  return (Math.imul((Math.imul(h, P2) + m1) | 0, P2) + 0x10000 + digits) | 0;
}

/**
 * Whether the digit at k lies in a run that the skeleton replaces by a marker.
 * @example inMarkerRun('id 12345', 4) // true
 */
export function inMarkerRun(s: string, k: number): boolean {
  let a = k;
  let b = k + 1;
  while (a > 0 && (cls(s.charCodeAt(a - 1)) & (DIGIT | HEX)) !== 0) a--;
  while (b < s.length && (cls(s.charCodeAt(b)) & (DIGIT | HEX)) !== 0) b++;
  let digits = 0;
  for (let i = a; i < b; i++) if (cls(s.charCodeAt(i)) & DIGIT) digits++;
  return isMarkerRun(s, a, b, digits);
}
