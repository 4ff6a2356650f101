import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { parseCleanMessage, readCleanBytes, readCleanFields } from './message-clean.js';
import { detectSeparator, fixFields, getField, parseFixMessage, parseGeneral } from './message.js';
import { ParsedMessage, TagIndex } from './parsed.js';
import type { FixIssue, FixMessage } from './types.js';

/** Every character one byte of UTF-8. */
function isAscii(s: string): boolean {
  return Buffer.byteLength(s, 'utf8') === s.length;
}

const ORDER: ReadonlyArray<readonly [number, string]> = [
  [35, 'D'], [34, '7'], [49, 'TW44'], [52, '20251126-10:27:35.123'], [56, 'ISLD'], [11, 'ORD-1'], [38, '100'], [44, '10.5'], [54, '1'], [55, 'IBM'],
];

/** Everything a reader of a message can see. */
function seen(m: FixMessage): unknown {
  return { begin: m.beginString, type: m.msgType, separator: m.separator, tags: [...m.tags], fields: fixFields(m), issues: [...m.issues], raw: m.raw };
}

/** The general parser's reading of `text[start…end)`, for comparison. */
function general(text: string, start = 0, end = text.length, validate = true): unknown {
  return seen(parseGeneral(text, start, end, detectSeparator(text, start, end), validate));
}

const good = encodeFixMessage('FIX.4.4', ORDER, { separator: '|' });
const soh = encodeFixMessage('FIX.4.4', ORDER);

// Messages of the clean shape, some well framed and some not: the fast path must read each as the general parser does.
const CLEAN: Array<[string, string]> = [
  ['a well-framed pipe message', good],
  ['a well-framed SOH message', soh],
  ['a wrong checksum', good.replace(/10=\d{3}\|$/, '10=000|')],
  ['a checksum of four digits', good.replace(/10=(\d{3})\|$/, '10=0$1|')],
  ['a checksum that is not a number', good.replace(/10=\d{3}\|$/, '10=abc|')],
  ['an empty checksum', good.replace(/10=\d{3}\|$/, '10=|')],
  ['a body one character longer', good.replace('55=IBM', '55=IBMX')],
  ['a body length that is not a number', good.replace(/\|9=\d+\|/, '|9=x1|')],
  ['a body length of twenty digits', good.replace(/\|9=(\d+)\|/, '|9=0000000000000000000$1|')],
  ['no body length', good.replace(/\|9=\d+\|/, '|')],
  ['no checksum (a truncated line)', good.slice(0, good.indexOf('|10='))],
  ['no checksum, cut in the middle of a value', good.slice(0, good.indexOf('55=IB') + 5)],
  ['no MsgType', good.replace('|35=D|', '|')],
  ['empty values', encodeFixMessage('FIX.4.4', [[35, '0'], [58, ''], [49, 'A'], [56, '']], { separator: '|' })],
  ['= inside a value', encodeFixMessage('FIX.4.2', [[35, '3'], [58, 'bad: 21=4 (a=b)'], [45, '2']], { separator: '|' })],
  ['non-ASCII text (UTF-8 sums)', encodeFixMessage('FIX.4.4', [[35, 'j'], [58, 'Zürich – ордер отклонён 🚀']], { separator: '|' })],
  ['non-ASCII text with a wrong checksum', encodeFixMessage('FIX.4.4', [[35, 'j'], [58, 'Zürich']], { separator: '|' }).replace(/10=\d{3}\|$/, '10=001|')],
  ['a tag of ten digits', good.replace('|55=IBM|', '|1234567890=x|')],
  ['tags with leading zeros, CheckSum too', good.replace('|35=D|', '|035=D|').replace(/\|10=/, '|010=')],
  ['fields after the checksum', `${good}58=after|`],
  ['a repeated tag', good.replace('|55=IBM|', '|55=IBM|55=MSFT|')],
  ['a second BodyLength', good.replace('|35=D|', '|35=D|9=5|')],
  ['a caret-free one-character separator', good.replaceAll('|', ';')],
  ['FIXT and a two-character MsgType', encodeFixMessage('FIXT.1.1', [[35, 'AE'], [49, 'A'], [56, 'B']], { separator: '|' })],
];

// Not of the clean shape: the fast path must decline (the general parser then reads them).
const NOT_CLEAN: Array<[string, string]> = [
  ['a | inside a value (a piece without tag=)', '8=FIX.4.4|9=30|35=3|58=price|qty mismatch|45=3|10=000|'],
  ['two separators in a row', good.replace('|55=IBM|', '|55=IBM||')],
  ['a tag of eleven digits', good.replace('|55=IBM|', '|12345678901=x|')],
  ['a piece starting with =', good.replace('|55=IBM|', '|=IBM|')],
  ['a multi-character separator', encodeFixMessage('FIX.4.4', ORDER, { separator: '^A' })],
  ['a separator that is not ASCII', encodeFixMessage('FIX.4.4', ORDER, { separator: '\u2401' })],
  ['a space-padded separator', encodeFixMessage('FIX.4.4', ORDER, { separator: ' | ' })],
];

describe('parseCleanMessage', () => {
  it.each(CLEAN)('reads %s as the general parser does', (_name, text) => {
    const fast = parseCleanMessage(text, 0, text.length, detectSeparator(text, 0, text.length), true);
    expect(fast).not.toBeNull();
    expect(seen(fast as FixMessage)).toEqual(general(text));
    expect(seen(parseFixMessage(text))).toEqual(general(text));
  });

  it.each(CLEAN)('reads %s without validation as the general parser does', (_name, text) => {
    const fast = parseCleanMessage(text, 0, text.length, detectSeparator(text, 0, text.length), false);
    expect(seen(fast as FixMessage)).toEqual(general(text, 0, text.length, false));
  });

  it.each(NOT_CLEAN)('leaves %s to the general parser', (_name, text) => {
    expect(parseCleanMessage(text, 0, text.length, detectSeparator(text, 0, text.length), true)).toBeNull();
    expect(seen(parseFixMessage(text))).toEqual(general(text));
  });

  it('reads a message inside a longer text, bounded by start and end', () => {
    const line = `20251126-10:27:35.123 : ${good}  \r\n20251126-10:27:36 : 8=FIX.4.4|9=5|`;
    const start = line.indexOf('8=FIX');
    const end = line.indexOf('  \r\n');
    expect(seen(parseFixMessage(line, start, end))).toEqual(general(line, start, end));
    // An end in the middle of a tag's digits: the digits past it are not the tag's.
    const cut = line.indexOf('|55=') + 2;
    expect(seen(parseFixMessage(line, start, cut))).toEqual(general(line, start, cut));
  });

  it('gives the same as the general parser on many damaged copies of a message', () => {
    // Deterministic damage: drop, double or replace one character of well-framed messages.
    const texts = [good, soh, encodeFixMessage('FIX.4.2', [[35, '8'], [11, 'A|B'], [39, '8'], [150, '8'], [58, 'x=y']], { separator: '|' })];
    const replacements = ['|', '=', '0', '9', 'A', ' ', '\x01', 'é'];
    let compared = 0;
    for (const text of texts) {
      for (let i = 0; i < text.length; i++) {
        const variants = [text.slice(0, i) + text.slice(i + 1), text.slice(0, i) + text.charAt(i) + text.slice(i), ...replacements.map((r) => text.slice(0, i) + r + text.slice(i + 1))];
        for (const v of variants) {
          expect(seen(parseFixMessage(v)), v).toEqual(general(v));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

/** readCleanBytes of an ASCII text, as the reused message then shows it; null where it declines. */
function fromBytes(text: string, start = 0, end = text.length): unknown {
  const tags: number[] = [];
  const bounds: number[] = [];
  const issues: FixIssue[] = [];
  const separator = detectSeparator(text, start, end);
  // Bytes past the text, as a buffer kept from block to block has: they must not be read as the text's.
  const bytes = Buffer.from(`${text}9=12|=`, 'latin1');
  const messageEnd = readCleanBytes(bytes, text, start, end, separator, true, tags, bounds, issues);
  return messageEnd < 0 ? null : seen(new ParsedMessage(text, start, messageEnd, separator, tags, bounds, issues));
}

describe('readCleanBytes', () => {
  const ascii = [...CLEAN, ...NOT_CLEAN].filter(([, text]) => isAscii(text));

  it.each(ascii)('reads %s from its bytes as from its characters', (_name, text) => {
    const chars = parseCleanMessage(text, 0, text.length, detectSeparator(text, 0, text.length), true);
    expect(fromBytes(text)).toEqual(chars === null ? null : seen(chars));
  });

  it('reads damaged copies and cut ends from bytes as from characters', () => {
    for (const text of [good, soh]) {
      for (let i = 0; i < text.length; i++) {
        for (const v of [text.slice(0, i) + text.slice(i + 1), text.slice(0, i) + '=' + text.slice(i + 1), text.slice(0, i) + '|' + text.slice(i + 1)]) {
          const chars = parseCleanMessage(v, 0, v.length, detectSeparator(v, 0, v.length), true);
          expect(fromBytes(v), v).toEqual(chars === null ? null : seen(chars));
        }
        const cut = parseCleanMessage(text, 0, i, detectSeparator(text, 0, i), true);
        expect(fromBytes(text, 0, i)).toEqual(cut === null ? null : seen(cut));
      }
    }
  });
});

describe('readCleanFields into arrays reused from message to message', () => {
  it('leaves each message as a fresh parse would, longer or shorter than the one before', () => {
    const tags: number[] = [];
    const bounds: number[] = [];
    const issues: FixIssue[] = [];
    const index = new TagIndex();
    const reused = new ParsedMessage('', 0, 0, '|', tags, bounds, issues);
    reused.index = index;
    const long = encodeFixMessage('FIX.4.4', [...ORDER, [58, 'a longer message'], [2048, 'past the index'], [5000, 'x'], [55, 'again']], { separator: '|' });
    const broken = good.replace(/10=\d{3}\|$/, '10=000|').replace('|35=D|', '|');
    for (const text of [long, good, broken, long, soh, good]) {
      const separator = detectSeparator(text, 0, text.length);
      const end = readCleanFields(text, 0, text.length, separator, true, tags, bounds, issues, index);
      expect(end).toBeGreaterThan(0);
      reused.reset(text, 0, end, separator);
      expect(seen(reused)).toEqual(general(text));
      // Field lookups through the index find what a search along the tags finds, first occurrences included.
      for (const tag of [8, 9, 10, 11, 34, 35, 43, 55, 58, 2047, 2048, 5000, 0, -1, 1.5]) expect(getField(reused, tag)).toBe(getField(parseGeneral(text, 0, text.length, separator, true), tag));
    }
  });

  it('declines what the general parser must read, the arrays then being left to the next message', () => {
    const tags: number[] = [];
    const bounds: number[] = [];
    const issues: FixIssue[] = [];
    const text = '8=FIX.4.4|9=30|35=3|58=price|qty mismatch|45=3|10=000|';
    expect(readCleanFields(text, 0, text.length, '|', true, tags, bounds, issues)).toBe(-1);
    expect(readCleanFields(good, 0, good.length, '|', true, tags, bounds, issues)).toBe(good.length);
    expect(new ParsedMessage(good, 0, good.length, '|', tags, bounds, issues).issues).toEqual([]);
  });
});
