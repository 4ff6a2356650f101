import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { detectSeparator, findMessageStart, getField, getFieldAll, parseFixMessage } from './message.js';
import { parseFixTime } from './time.js';

const ORDER: ReadonlyArray<readonly [number, string]> = [
  [35, 'D'], [34, '7'], [49, 'TW44'], [52, '20251126-10:27:35.123'], [56, 'ISLD'],
  [11, 'ORD-1'], [21, '1'], [38, '100'], [40, '2'], [44, '10.5'], [54, '1'], [55, 'IBM'], [60, '20251126-10:27:35.120'],
];

describe('parseFixMessage', () => {
  it.each([
    ['SOH', '\x01'],
    ['pipe', '|'],
    ['caret-A', '^A'],
  ])('reads every field and validates a message with %s separators', (_name, separator) => {
    const text = encodeFixMessage('FIX.4.4', ORDER, { separator });
    const m = parseFixMessage(text);
    expect(m.separator).toBe(separator);
    expect(m.msgType).toBe('D');
    expect(m.beginString).toBe('FIX.4.4');
    expect(getField(m, 11)).toBe('ORD-1');
    expect(getField(m, 55)).toBe('IBM');
    expect(m.tags).toEqual([8, 9, ...ORDER.map(([t]) => t), 10]);
    expect(m.issues).toEqual([]);
    expect(m.raw).toBe(text);
  });

  it('keeps every occurrence of a repeating group in order', () => {
    const text = encodeFixMessage('FIX.4.4', [[35, '8'], [453, '3'], [448, 'AAA'], [452, '3'], [448, 'BBB'], [452, '4'], [448, 'CCC'], [452, '36']], { separator: '|' });
    const m = parseFixMessage(text);
    expect(getFieldAll(m, 448)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(getFieldAll(m, 452)).toEqual(['3', '4', '36']);
    expect(getField(m, 448)).toBe('AAA');
    expect(m.issues).toEqual([]);
  });

  it('splits a field at its first = only, so values may contain =', () => {
    const text = encodeFixMessage('FIX.4.2', [[35, '3'], [58, 'bad value: 21=4 (a=b)'], [45, '2']], { separator: '|' });
    const m = parseFixMessage(text);
    expect(getField(m, 58)).toBe('bad value: 21=4 (a=b)');
    expect(getField(m, 45)).toBe('2');
  });

  it('flags a wrong checksum and a wrong body length but keeps the message', () => {
    const good = encodeFixMessage('FIX.4.4', ORDER, { separator: '|' });
    const badSum = good.replace(/10=\d{3}\|$/, '10=000|');
    expect(parseFixMessage(badSum).issues).toEqual(['checksum_mismatch']);
    const altered = good.replace('55=IBM', '55=IBMX');
    const m = parseFixMessage(altered);
    expect(m.issues).toEqual(expect.arrayContaining(['body_length_mismatch', 'checksum_mismatch']));
    expect(getField(m, 55)).toBe('IBMX');
  });

  it('flags a truncated last message and keeps the fields it has', () => {
    const good = encodeFixMessage('FIX.4.4', ORDER, { separator: '\x01' });
    const cut = good.slice(0, good.indexOf('\x0154=') + 4);
    const m = parseFixMessage(cut);
    expect(m.issues).toEqual(expect.arrayContaining(['truncated', 'missing_checksum']));
    expect(getField(m, 44)).toBe('10.5');
    expect(getField(m, 54)).toBe('');
    expect(m.msgType).toBe('D');
  });

  it('flags missing BodyLength, CheckSum and MsgType', () => {
    const m = parseFixMessage('8=FIX.4.4|49=A|56=B|');
    expect(m.issues).toEqual(['missing_msg_type', 'missing_body_length', 'missing_checksum']);
  });

  it('glues a piece without tag=value back onto the previous value (a | inside Text)', () => {
    const m = parseFixMessage('8=FIX.4.4|9=30|35=3|58=price|qty mismatch|45=3|10=000|');
    expect(getField(m, 58)).toBe('price|qty mismatch');
    expect(getField(m, 45)).toBe('3');
    expect(m.issues).toContain('malformed_field');
  });

  it('counts non-ASCII text by its UTF-8 bytes, as the wire does', () => {
    const text = encodeFixMessage('FIX.4.4', [[35, 'j'], [58, 'Zürich – ордер отклонён']], { separator: '|' });
    expect(parseFixMessage(text).issues).toEqual([]);
  });

  it('stops at the checksum field and ignores what follows', () => {
    const text = `${encodeFixMessage('FIX.4.4', [[35, '0']], { separator: '|' })})`;
    const m = parseFixMessage(text);
    expect(m.issues).toEqual([]);
    expect(m.raw.endsWith('|')).toBe(true);
  });

  it('skips validation when asked', () => {
    expect(parseFixMessage('8=FIX.4.4|35=0|', 0, undefined, { validate: false }).issues).toEqual([]);
  });
});

describe('findMessageStart and detectSeparator', () => {
  it('finds 8=FIX behind prefixes but not inside a longer tag', () => {
    expect(findMessageStart('I8=FIX.4.4^A35=A^A')).toBe(1);
    expect(findMessageStart('x 18=FIX.4.4|28=FIX|8=FIX.4.2|')).toBe(20);
    expect(findMessageStart('no message here')).toBe(-1);
  });

  it('reads the separator after the BeginString', () => {
    expect(detectSeparator('8=FIXT.1.1\x019=5', 0)).toBe('\x01');
    expect(detectSeparator('8=FIX.5.0SP2|9=5', 0)).toBe('|');
    expect(detectSeparator('8=FIX.4.4^A9=5', 0)).toBe('^A');
  });
});

describe('parseFixTime', () => {
  it.each([
    ['20251126-10:27:35', 1764152855_000000000n, 0],
    ['20251126-10:27:35.1', 1764152855_100000000n, 1],
    ['20251126-10:27:35.123', 1764152855_123000000n, 3],
    ['20251126-10:27:35.123456', 1764152855_123456000n, 6],
    ['20251126-10:27:35.123456789', 1764152855_123456789n, 9],
  ])('reads %s at full precision', (text, ns, digits) => {
    expect(parseFixTime(text)).toEqual({ ns, digits });
  });

  it.each(['00000000-00:00:00.000', '<TIME>', '20251131-10:00:00', '20251126-24:00:00', '20251126-10:27:35.', '20251126-10:27:35.1234567890'])(
    'refuses %s',
    (text) => {
      expect(parseFixTime(text)).toBeNull();
    },
  );
});

describe('detectSeparator: SOH as logs and documents spell it', () => {
  it.each([
    ['<SOH>', '<SOH>'],
    ['\\x01', '\\x01'],
    ['space-pipe-space', ' | '],
    ['space-pipe (bridge logs)', ' |'],
    ['U+2401', '\u2401'],
  ])('reads and validates a message printed with %s', (_name, separator) => {
    const text = encodeFixMessage('FIX.4.4', ORDER, { separator });
    expect(detectSeparator(text, 0)).toBe(separator);
    const m = parseFixMessage(text);
    expect(m.separator).toBe(separator);
    expect(getField(m, 11)).toBe('ORD-1');
    expect(getField(m, 60)).toBe('20251126-10:27:35.120');
    expect(m.issues).toEqual([]);
  });

  it('falls back to the character after BeginString when BodyLength does not follow', () => {
    expect(detectSeparator('8=FIX.4.4|35=0|49=A|56=B|10=000|', 0)).toBe('|');
    // Separators lost in a paste: no run stands between the values, nothing is invented.
    expect(detectSeparator('8=FIX.4.49=6535=A34=1', 0)).toBe('=');
  });
});
