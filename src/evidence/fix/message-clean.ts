/**
 * The common shape of a logged message read in one pass over its characters: a one-character
 * separator and every piece between separators `digits=value`. The CheckSum and BodyLength sums are
 * taken in the same pass, so a message costs one read of its text and no slices but the values asked for.
 */
import { byteSums, checksumValue, digitsValue, judgeFraming } from './framing.js';
import { ParsedMessage, type TagIndex } from './parsed.js';
import type { FixIssue, FixMessage } from './types.js';

const CODE_EQ = 61;
const CODE_0 = 48;
const CODE_9 = 57;
const SOH_CODE = 1;
const MAX_TAG_DIGITS = 10;

// Fields are gathered here and copied out at their exact count: growing fresh arrays by push
// allocated more than twice the bytes for a message of the usual 15–20 fields.
const TAGS: number[] = [];
const BOUNDS: number[] = [];

/**
 * Parses `text[start…end)` as `parseFixMessage` does when the message has the clean shape, or
 * returns null (two separators in a row, a piece that is not a field, a separator that is a digit, `=`
 * or not ASCII), and the general parser reads it. Same fields, bounds, issues and sums either way.
 * @example parseCleanMessage('8=FIX.4.4|9=5|35=0|10=161|', 0, 25, '|', true)?.msgType === '0'
 */
export function parseCleanMessage(text: string, start: number, end: number, separator: string, validate: boolean): FixMessage | null {
  const issues: FixIssue[] = [];
  const messageEnd = readCleanFields(text, start, end, separator, validate, TAGS, BOUNDS, issues);
  if (messageEnd < 0) return null;
  return new ParsedMessage(text, start, messageEnd, separator, TAGS.slice(0, TAGS.length), BOUNDS.slice(0, BOUNDS.length), issues);
}

/**
 * The clean-shape reading itself, into arrays the caller owns (a message reused from line to line
 * reads straight into its own): sets `tags` and `bounds` to exactly the message's fields and
 * `issues` to its defects (and each field's tag into `index`, when given), and returns where the
 * message ends, or -1 when it is not of the shape (the arrays then hold nothing meaningful).
 * @example readCleanFields('8=FIX.4.4|9=5|35=0|10=161|', 0, 25, '|', true, tags, bounds, issues) === 25
 */
export function readCleanFields(
  text: string,
  start: number,
  end: number,
  separator: string,
  validate: boolean,
  tags: number[],
  bounds: number[],
  issues: FixIssue[],
  index: TagIndex | null = null,
): number {
  const sep = separator.charCodeAt(0);
  if (separator.length !== 1 || sep === CODE_EQ || (sep >= CODE_0 && sep <= CODE_9) || sep >= 0x80) return -1;
  let count = 0;
  // Wire byte sum of the fields before CheckSum (a separator is one SOH byte), and the OR of their
  // character codes, which tells whether they were all ASCII (one byte each).
  let sum = 0;
  let high = 0;
  let lengthAt = -1;
  let typeAt = -1;
  let bodyStart = -1;
  let checksumStart = -1;
  let messageEnd = end;
  let pos = start;
  index?.next();
  while (pos < end) {
    let tag = 0;
    let tagSum = 0;
    let i = pos;
    // The character that ends the digits is kept to be checked for `=`, not read again.
    let c = text.charCodeAt(i);
    while (c >= CODE_0 && c <= CODE_9 && i < end) {
      tag = tag * 10 + (c - CODE_0);
      tagSum += c;
      c = text.charCodeAt(++i);
    }
    // As the general parser: 1 to 10 digits, then `=` before the end.
    if (c !== CODE_EQ || i === pos || i - pos > MAX_TAG_DIGITS || i >= end) return -1;
    let j = i + 1;
    let valueSum = 0;
    let valueHigh = 0;
    for (; j < end; j++) {
      const v = text.charCodeAt(j);
      if (v === sep) break;
      valueSum += v;
      valueHigh |= v;
    }
    tags[count] = tag;
    bounds[2 * count] = i + 1;
    bounds[2 * count + 1] = j;
    index?.note(tag, count);
    count++;
    if (tag === 35 && typeAt < 0) typeAt = count - 1;
    if (tag === 10) {
      checksumStart = pos;
      messageEnd = Math.min(j + 1, end);
      break;
    }
    // The separator ending the field is one SOH byte (a field that ends the text instead has no CheckSum after it to check).
    sum += tagSum + CODE_EQ + valueSum + SOH_CODE;
    high |= valueHigh;
    if (tag === 9 && bodyStart < 0) {
      lengthAt = count - 1;
      bodyStart = Math.min(j + 1, end);
    }
    pos = j + 1;
  }
  return finish(text, start, separator, validate, tags, bounds, issues, count, typeAt, lengthAt, bodyStart, checksumStart, messageEnd, sum, high);
}

/**
 * `readCleanFields` of `text`, reading the characters from `bytes`, the same text one byte per
 * character (an ASCII block copied out once): a byte array is read faster than a string's characters.
 * Bounds and values still refer to `text`.
 * @example readCleanBytes(Buffer.from(line, 'latin1'), line, 24, line.length, '\x01', true, tags, bounds, issues, index)
 */
export function readCleanBytes(
  bytes: Uint8Array,
  text: string,
  start: number,
  end: number,
  separator: string,
  validate: boolean,
  tags: number[],
  bounds: number[],
  issues: FixIssue[],
  index: TagIndex | null = null,
): number {
  const sep = separator.charCodeAt(0);
  if (separator.length !== 1 || sep === CODE_EQ || (sep >= CODE_0 && sep <= CODE_9) || sep >= 0x80) return -1;
  let count = 0;
  let sum = 0;
  let high = 0;
  let lengthAt = -1;
  let typeAt = -1;
  let bodyStart = -1;
  let checksumStart = -1;
  let messageEnd = end;
  let pos = start;
  index?.next();
  // The same loop as readCleanFields, on bytes (undefined past the end reads as no digit, no `=`).
  while (pos < end) {
    let tag = 0;
    let tagSum = 0;
    let i = pos;
    let c = bytes[i] ?? -1;
    while (c >= CODE_0 && c <= CODE_9 && i < end) {
      tag = tag * 10 + (c - CODE_0);
      tagSum += c;
      c = bytes[++i] ?? -1;
    }
    if (c !== CODE_EQ || i === pos || i - pos > MAX_TAG_DIGITS || i >= end) return -1;
    let j = i + 1;
    let valueSum = 0;
    let valueHigh = 0;
    for (; j < end; j++) {
      const v = bytes[j] ?? -1;
      if (v === sep) break;
      valueSum += v;
      valueHigh |= v;
    }
    tags[count] = tag;
    bounds[2 * count] = i + 1;
    bounds[2 * count + 1] = j;
    index?.note(tag, count);
    count++;
    if (tag === 35 && typeAt < 0) typeAt = count - 1;
    if (tag === 10) {
      checksumStart = pos;
      messageEnd = Math.min(j + 1, end);
      break;
    }
    sum += tagSum + CODE_EQ + valueSum + SOH_CODE;
    high |= valueHigh;
    if (tag === 9 && bodyStart < 0) {
      lengthAt = count - 1;
      bodyStart = Math.min(j + 1, end);
    }
    pos = j + 1;
  }
  return finish(text, start, separator, validate, tags, bounds, issues, count, typeAt, lengthAt, bodyStart, checksumStart, messageEnd, sum, high);
}

/** The arrays trimmed to the message's fields and its issues set, from what the reading loop found. */
function finish(
  text: string,
  start: number,
  separator: string,
  validate: boolean,
  tags: number[],
  bounds: number[],
  issues: FixIssue[],
  count: number,
  typeAt: number,
  lengthAt: number,
  bodyStart: number,
  checksumStart: number,
  messageEnd: number,
  sum: number,
  high: number,
): number {
  // Trimmed by pop: setting `length` is a call into the runtime, and a reused array changes length every message.
  while (tags.length > count) tags.pop();
  while (bounds.length > 2 * count) bounds.pop();
  while (issues.length > 0) issues.pop();
  if (typeAt < 0) issues.push('missing_msg_type');
  if (!validate) return messageEnd;
  const hasChecksum = checksumStart >= 0;
  const bodyEnd = hasChecksum ? checksumStart : messageEnd;
  const ascii = high < 0x80;
  const sums = ascii ? null : byteSums(text, start, bodyEnd, bodyStart, separator);
  const checksum = sums ? sums.checksum : sum % 256;
  const bodyBytes = sums ? sums.bodyBytes : bodyStart >= 0 ? bodyEnd - bodyStart : 0;
  const declared = lengthAt < 0 ? -1 : digitsValue(text, bounds[2 * lengthAt] ?? 0, bounds[2 * lengthAt + 1] ?? 0);
  const last = count - 1;
  const stated = hasChecksum ? checksumValue(text, bounds[2 * last] ?? 0, bounds[2 * last + 1] ?? 0) : -1;
  judgeFraming(issues, declared, hasChecksum, stated, checksum, bodyBytes);
  return messageEnd;
}
