/**
 * The skeleton hash of skeleton.ts over the UTF-8 bytes of a line, so that a file can be mined
 * without decoding the lines that hit the cache. The code mirrors skeletonHash() line for line
 * (kept as a copy: V8 optimizes a loop over a Uint8Array and one over a string separately).
 * Non-ASCII bytes are letters, as non-ASCII characters are, so two lines with the same byte
 * skeleton decode to lines with the same string skeleton; for ASCII lines both hashes are equal.
 */
import * as chars from './chars.js';

// Imported bindings are live: V8 re-reads and checks them at every use, even in optimized loops.
// Local copies are constants it folds into the code (measured ~25 % faster on the skeleton pass).
const { ALPHA, DELIM, DIGIT, HEX, SLASH } = chars;
/** The classes of byte values (the first 256 entries of CLASS). */
const BYTE_CLASS = chars.CLASS.slice(0, 256);

const P1 = 0x01000193;
const P2 = 31;
const SEED1 = 0x811c9dc5 | 0;
const SEED2 = 0x2545f491;
const M30 = 0x3fffffff;
const PIECE = -1;

let lane2 = 0;

function isMarkerRunBytes(buf: Uint8Array, start: number, end: number, a: number, b: number, digits: number): boolean {
  if (digits < b - a) return b - a >= 5;
  const before = a > start ? (BYTE_CLASS[buf[a - 1] as number] as number) : 0;
  const after = b < end ? (BYTE_CLASS[buf[b] as number] as number) : 0;
  return ((before | after) & ALPHA) === 0;
}

function marker1(h: number, buf: Uint8Array, a: number, b: number, digits: number): number {
  const m1 = 0x10000 + (b - a) * 2 + ((BYTE_CLASS[buf[a] as number] as number) & DIGIT);
  return Math.imul(Math.imul(h ^ m1, P1) ^ (0x10000 + digits), P1);
}

function marker2(h: number, buf: Uint8Array, a: number, b: number, digits: number): number {
  const m1 = 0x10000 + (b - a) * 2 + ((BYTE_CLASS[buf[a] as number] as number) & DIGIT);
  return (Math.imul((Math.imul(h, P2) + m1) | 0, P2) + 0x10000 + digits) | 0;
}

function wholePiece(led: number, slash: boolean, length: number): boolean {
  return led === 1 ? !slash : led === 2 && length >= 2;
}

/**
 * Skeleton hash of the bytes [start, end); skeletonBytesLane2() gives the second lane.
 * @example skeletonHashBytes(new TextEncoder().encode('took 12 ms'), 0, 10) === skeletonHash('took 12 ms') // true
 */
export function skeletonHashBytes(buf: Uint8Array, start: number, end: number): number {
  let h1 = SEED1;
  let h2 = SEED2;
  let r1 = h1;
  let r2 = h2;
  let runStart = start;
  let digits = 0;
  let pieceAt = start;
  let led = 0;
  let q1 = h1;
  let q2 = h2;
  let slash = false;
  let plain = false;
  let colonBefore = false;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    const k = BYTE_CLASS[c] as number;
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
    if (digits > 0 && isMarkerRunBytes(buf, start, end, runStart, i, digits)) {
      h1 = marker1(r1, buf, runStart, i, digits);
      h2 = marker2(r2, buf, runStart, i, digits);
    }
    if (c <= 32 || (k & DELIM) !== 0) {
      if (led !== 0 && wholePiece(led, slash, i - pieceAt) && !colonBefore && (c !== 58 || (plain && (i + 1 >= end || buf[i + 1] !== 47)))) {
        h1 = Math.imul(q1 ^ PIECE, P1);
        h2 = (Math.imul(q2, P2) + PIECE) | 0;
      }
      colonBefore = c === 58;
      led = 0;
      pieceAt = i + 1;
    } else {
      if (i === pieceAt && ((k & SLASH) !== 0 || ((c === 45 || c === 43) && i + 1 < end && ((BYTE_CLASS[buf[i + 1] as number] as number) & DIGIT) !== 0))) {
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
  if (digits > 0 && isMarkerRunBytes(buf, start, end, runStart, end, digits)) {
    h1 = marker1(r1, buf, runStart, end, digits);
    h2 = marker2(r2, buf, runStart, end, digits);
  }
  if (led !== 0 && wholePiece(led, slash, end - pieceAt) && !colonBefore) {
    h1 = Math.imul(q1 ^ PIECE, P1);
    h2 = (Math.imul(q2, P2) + PIECE) | 0;
  }
  lane2 = h2 & M30;
  return h1 & M30;
}

/** The second lane of the last skeletonHashBytes() call. */
export function skeletonBytesLane2(): number {
  return lane2;
}
