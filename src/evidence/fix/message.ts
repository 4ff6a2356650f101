/**
 * Tag=value parsing of one FIX message as logs print it (SOH, `|` or `^A` between fields), keeping
 * every field in order and checking BodyLength and CheckSum only to flag, never to drop.
 */
import { checkFraming } from './framing.js';
import { parseCleanMessage } from './message-clean.js';
import { ParsedMessage } from './parsed.js';
import type { FixIssue, FixMessage } from './types.js';

const SOH = '\x01';
const CARET_A = '^A';
const CODE_EQ = 61;
const CODE_0 = 48;
const CODE_9 = 57;

/**
 * Index where a FIX message (`8=FIX…`) starts in `line`, or -1. The `8` must not continue a
 * longer number, so `18=FIX` is not a start, while markers glued in front (`I8=`, `<8=`) are fine.
 * @example findMessageStart('20251126-10:27:35.123 : 8=FIX.4.4|9=5|') === 24
 */
export function findMessageStart(line: string, from = 0): number {
  let i = line.indexOf('8=FIX', from);
  while (i > 0) {
    const prev = line.charCodeAt(i - 1);
    if (prev < CODE_0 || prev > CODE_9) return i;
    i = line.indexOf('8=FIX', i + 1);
  }
  return i;
}

/**
 * The field separator, read from what stands between the BeginString value and BodyLength(9),
 * which the standard puts right after it: one character (SOH, `|`, `;`) or the spellings logs and
 * documents use for SOH (`^A`, `<SOH>`, `\x01`, `␁`, ` | `). Without a `9=` there, the character
 * after the value (or `^A`).
 * @example detectSeparator('8=FIX.4.4|9=12|35=0|', 0) === '|'
 */
export function detectSeparator(text: string, start: number, end = text.length): string {
  let p = start + 2;
  while (p < end && isBeginStringChar(text.charCodeAt(p))) p++;
  if (p >= end) return SOH;
  // The usual case, one character and then `9=` (what the search below finds first), without the search.
  if (p + 1 < end && text.charCodeAt(p + 1) === 57 && text.charCodeAt(p + 2) === CODE_EQ) return text.charAt(p);
  const bodyLength = text.indexOf('9=', p + 1);
  if (bodyLength > p && bodyLength - p <= MAX_SEPARATOR && bodyLength < end && isSeparatorRun(text, p, bodyLength)) {
    return bodyLength - p === 1 ? text.charAt(p) : text.slice(p, bodyLength);
  }
  if (text.startsWith(CARET_A, p)) return CARET_A;
  return text.charAt(p);
}

// `<SOH>` and `\u0001` are the longest spellings of the separator seen in logs.
const MAX_SEPARATOR = 6;

/** No digit or `=` inside: the run is a separator, not a field of a message without BodyLength. */
function isSeparatorRun(text: string, from: number, to: number): boolean {
  if (to - from >= 4 && ESCAPED_SOH.has(text.slice(from, to))) return true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= CODE_0 && c <= CODE_9) || c === CODE_EQ) return false;
  }
  return true;
}

/** SOH as an escape sequence, digits included. */
const ESCAPED_SOH: ReadonlySet<string> = new Set(['\\x01', '\\001', '\\u0001']);

function isBeginStringChar(c: number): boolean {
  // FIX.4.4, FIXT.1.1, FIX.5.0SP2: letters, digits and dots.
  return (c >= CODE_0 && c <= CODE_9) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46;
}

export interface ParseMessageOptions {
  /** Check BodyLength(9) and CheckSum(10); costs one pass over the bytes. Default true. */
  validate?: boolean;
}

/**
 * Parses the message that starts at `start` (the `8` of `8=FIX`) and runs at most to `end`. The
 * message ends after its CheckSum field; without one (truncated line) it runs to `end`. A piece
 * between separators that is not `digits=value` is glued back onto the previous value, so a `|`
 * inside a Text field of a pipe-rendered log survives.
 * @example parseFixMessage('8=FIX.4.4|9=5|35=0|10=161|').msgType === '0'
 */
export function parseFixMessage(text: string, start = 0, end = text.length, { validate = true }: ParseMessageOptions = {}): FixMessage {
  const separator = detectSeparator(text, start, end);
  return parseCleanMessage(text, start, end, separator, validate) ?? parseGeneral(text, start, end, separator, validate);
}

/** Any message, whatever its separator and however broken its fields: the reference for the clean path. */
export function parseGeneral(text: string, start: number, end: number, separator: string, validate: boolean): FixMessage {
  const sepLen = separator.length;
  const tags: number[] = [];
  // Value i runs from bounds[2i] to bounds[2i+1]: sliced only when read, as most values never are.
  const bounds: number[] = [];
  const issues: FixIssue[] = [];
  let bodyStart = -1;
  let checksumStart = -1;
  let messageEnd = end;
  let pos = start;
  while (pos < end) {
    // Read the tag digits up to '=' in the same pass that finds where the value starts.
    let tag = 0;
    let i = pos;
    for (; i < end && i - pos < 10; i++) {
      const c = text.charCodeAt(i);
      if (c === CODE_EQ || c < CODE_0 || c > CODE_9) break;
      tag = tag * 10 + (c - CODE_0);
    }
    const isField = i > pos && i < end && text.charCodeAt(i) === CODE_EQ;
    let fieldEnd = text.indexOf(separator, isField ? i + 1 : pos);
    if (fieldEnd < 0 || fieldEnd > end) fieldEnd = end;
    if (isField && i < fieldEnd) {
      tags.push(tag);
      bounds.push(i + 1, fieldEnd);
      if (tag === 9 && bodyStart < 0) bodyStart = Math.min(fieldEnd + sepLen, end);
      if (tag === 10) {
        checksumStart = pos;
        messageEnd = Math.min(fieldEnd + sepLen, end);
        break;
      }
    } else if (fieldEnd > pos) {
      // Not `tag=value`: a separator inside the previous value, or garbage; keep the text.
      // The previous value then simply runs on to here, separator included.
      if (bounds.length > 0) bounds[bounds.length - 1] = fieldEnd;
      if (!issues.includes('malformed_field')) issues.push('malformed_field');
    }
    pos = fieldEnd + sepLen;
  }
  const message = new ParsedMessage(text, start, messageEnd, separator, tags, bounds, issues);
  if (message.msgType === null) issues.push('missing_msg_type');
  if (validate) checkFraming(text, start, messageEnd, message, bodyStart, checksumStart, issues);
  return message;
}

/**
 * A copy of `s` that does not keep its source alive. V8 substrings point into their parent, so a
 * value kept past its line (an unanswered ClOrdID, an event's metadata) would otherwise pin a whole
 * read buffer of the log in memory.
 * @example detach(line.slice(10, 20))
 */
export function detach(s: string): string {
  return ` ${s}`.slice(1);
}

/**
 * First value of `tag`, or null. Repeating groups keep every occurrence: see `getFieldAll`.
 * @example getField(parseFixMessage('8=FIX.4.4|35=D|55=IBM|'), 55) === 'IBM'
 */
export function getField(message: FixMessage, tag: number): string | null {
  const i = message instanceof ParsedMessage ? message.fieldIndex(tag) : message.tags.indexOf(tag);
  return i < 0 ? null : message.value(i);
}

/**
 * `getField(message, tag)`, answered with `a` or `b` (strings kept from earlier messages) when the
 * value is the same text: no new string per message for a value that repeats, such as a CompID.
 * @example const sender = getFieldAs(message, 49, last.sender, last.target);
 */
export function getFieldAs(message: FixMessage, tag: number, a: string | null, b: string | null): string | null {
  if (!(message instanceof ParsedMessage)) return getField(message, tag);
  const i = message.fieldIndex(tag);
  if (i < 0) return null;
  if (a !== null && message.valueIs(i, a)) return a;
  if (b !== null && message.valueIs(i, b)) return b;
  return message.value(i);
}

/**
 * Every value of `tag`, in message order (e.g. each PartyID(448) of a parties group).
 * @example getFieldAll(parseFixMessage('8=FIX.4.4|453=2|448=A|448=B|'), 448) // ['A', 'B']
 */
export function getFieldAll(message: FixMessage, tag: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < message.tags.length; i++) if (message.tags[i] === tag) out.push(message.value(i));
  return out;
}

/**
 * Every field as `[tag, value]`, in message order.
 * @example fixFields(parseFixMessage('8=FIX.4.4|35=0|')) // [[8, 'FIX.4.4'], [35, '0']]
 */
export function fixFields(message: FixMessage): Array<[number, string]> {
  return message.tags.map((tag, i) => [tag, message.value(i)]);
}
