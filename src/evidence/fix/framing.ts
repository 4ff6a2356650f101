/**
 * BodyLength(9) and CheckSum(10) of a parsed message, checked to flag it, never to drop it: the sums
 * are those of the wire bytes, each printed separator standing for the one SOH byte it was.
 */
import type { FixIssue, FixMessage } from './types.js';

const CODE_0 = 48;
const CODE_9 = 57;

/** Flags the framing defects of `message`, read from `text[start…messageEnd)`, into `issues`. */
export function checkFraming(
  text: string,
  start: number,
  messageEnd: number,
  message: FixMessage,
  bodyStart: number,
  checksumStart: number,
  issues: FixIssue[],
): void {
  const lengthAt = message.tags.indexOf(9);
  const declared = lengthAt < 0 ? -1 : digitsValue(message.value(lengthAt));
  const bodyEnd = checksumStart >= 0 ? checksumStart : messageEnd;
  const sums = byteSums(text, start, bodyEnd, bodyStart, message.separator);
  const stated = checksumStart < 0 ? -1 : checksumValue(message.value(message.tags.length - 1));
  judgeFraming(issues, declared, checksumStart >= 0, stated, sums.checksum, sums.bodyBytes);
}

/**
 * The framing verdict from what the message states and what its bytes sum to: `declared` is the
 * BodyLength (-1 when absent or not digits), `stated` the CheckSum (-1 when not 1–3 digits),
 * `checksum` and `bodyBytes` what the bytes give.
 */
export function judgeFraming(issues: FixIssue[], declared: number, hasChecksum: boolean, stated: number, checksum: number, bodyBytes: number): void {
  if (declared < 0) issues.push('missing_body_length');
  else if (!hasChecksum && declared > bodyBytes) issues.push('truncated');
  else if (declared !== bodyBytes) issues.push('body_length_mismatch');
  if (!hasChecksum) issues.push('missing_checksum');
  else if (stated !== checksum) issues.push('checksum_mismatch');
}

/**
 * The number written by `text[from…to)` when it is all digits (at least one), else -1.
 * @example digitsValue('x9=125', 3, 6) === 125
 */
export function digitsValue(text: string, from = 0, to = text.length): number {
  if (to <= from) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < CODE_0 || c > CODE_9) return -1;
    n = n * 10 + (c - CODE_0);
  }
  // Past 15 digits the running product may round differently from Number(): take its reading.
  return to - from > 15 ? Number(text.slice(from, to)) : n;
}

/** A CheckSum as the standard writes it, 1 to 3 digits, else -1. */
export function checksumValue(text: string, from = 0, to = text.length): number {
  return to - from > 3 ? -1 : digitsValue(text, from, to);
}

/**
 * Sum of the bytes from `start` to `end` modulo 256 (the CheckSum) and the byte count from
 * `bodyStart` (the BodyLength), reading each printed separator as the one SOH byte it stands for
 * and other characters as their UTF-8 bytes.
 */
export function byteSums(text: string, start: number, end: number, bodyStart: number, separator: string): { checksum: number; bodyBytes: number } {
  if (separator.length === 1) {
    // Fast path for ASCII with a one-character separator: each printed separator is one SOH byte.
    const sepCode = separator.charCodeAt(0);
    let sum = 0;
    let seps = 0;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      sum += c;
      if (c === sepCode) seps++;
    }
    if (ascii) return { checksum: (sum - seps * (sepCode - 1)) % 256, bodyBytes: bodyStart >= 0 ? end - bodyStart : 0 };
  }
  const sepCode = separator.charCodeAt(0);
  const sepLen = separator.length;
  let sum = 0;
  let bodyBytes = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    let value: number;
    let bytes = 1;
    let width = 1;
    if (c === sepCode && (sepLen === 1 || text.startsWith(separator, i))) {
      value = 1;
      width = sepLen;
    } else if (c < 0x80) {
      value = c;
    } else {
      const cp = text.codePointAt(i) ?? c;
      width = cp > 0xffff ? 2 : 1;
      const encoded = utf8Bytes(cp);
      value = encoded.reduce((a, b) => a + b, 0);
      bytes = encoded.length;
    }
    sum += value;
    if (bodyStart >= 0 && i >= bodyStart) bodyBytes += bytes;
    i += width;
  }
  return { checksum: sum % 256, bodyBytes };
}

function utf8Bytes(cp: number): number[] {
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}
