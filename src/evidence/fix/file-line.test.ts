import { describe, expect, it } from 'vitest';
import { encodeFixMessage } from './encode.js';
import { eventToJson } from './events.js';
import { LineReader } from './file-line.js';
import { parseFixLine, parseFixLineIn } from './line.js';
import { detectSeparator, fixFields, parseGeneral } from './message.js';
import { FixEventStream } from './stream.js';
import { parseFixTime } from './time.js';
import type { FixMessage, FixRecord } from './types.js';

type Fields = ReadonlyArray<readonly [number, string | number]>;

function msg(from: string, to: string, seq: number, type: string, fields: Fields = [], sep = '\x01'): string {
  return encodeFixMessage('FIX.4.4', [[35, type], [34, seq], [49, from], [52, '20251126-10:00:00.000'], [56, to], ...fields], { separator: sep });
}

/** A record as a reader can see it, the message's fields spelled out. */
function seen(r: FixRecord | null): unknown {
  if (r === null || r.kind !== 'message') return r;
  const m: FixMessage = r.message;
  return { ...r, message: { begin: m.beginString, type: m.msgType, separator: m.separator, fields: fixFields(m), issues: [...m.issues], raw: m.raw } };
}

/**
 * The record the general path makes of a FileLog line: the prefix's time (the FileLog pattern, read by
 * regex) and the message as the general parser reads it.
 */
function generalFileRecord(line: string, origin: { file: string; line: number }): unknown {
  const prefix = /^(\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) ?: ?/.exec(line);
  const time = parseFixTime(prefix?.[1] ?? '');
  if (!prefix || !time || !line.startsWith('8=FIX', prefix[0].length)) throw new Error(`not a FileLog message line: ${line}`);
  const start = prefix[0].length;
  const end = line.trimEnd().length;
  const message = parseGeneral(line, start, end, detectSeparator(line, start, end), true);
  return seen({ kind: 'message', style: 'file', ns: time.ns, digits: time.digits, timeSource: 'log', direction: null, session: null, message, ...origin });
}

function repeat(lines: string[], n: number): string[] {
  return Array.from({ length: n }, () => lines).flat();
}

/** Every character one byte of UTF-8. */
function isAscii(s: string): boolean {
  return Buffer.byteLength(s, 'utf8') === s.length;
}

const HB = msg('TW44', 'ISLD', 12, '0');
const ORDER = msg('TW44', 'ISLD', 13, 'D', [[11, 'ORD-1'], [55, 'IBM']], '|');

// FileLog message lines the fast path takes.
const FILE_LINES = [
  `20251126-10:27:35.123456789 : ${HB}`,
  `20251126-10:27:35.123: ${HB}`,
  `20251126-10:27:35 :${ORDER}`,
  `20251126-10:27:35.5:${ORDER}`,
  `20251126-10:27:35.123 : ${ORDER}  \r`,
  `20251126-10:27:35.123 : ${ORDER.replace(/10=\d{3}\|$/, '10=000|')}`,
  `20251126-10:27:35.123 : ${ORDER.slice(0, ORDER.indexOf('|10='))}`,
  `20251126-10:27:35.123 : 8=FIX.4.4|9=30|35=3|58=price|qty mismatch|45=3|10=000|`,
  `20251126-10:27:35.123 : ${msg('A', 'B', 1, 'j', [[58, 'Zürich – отклонён']], '|')}`,
  `20251126-10:27:35.123 : ${encodeFixMessage('FIX.4.4', [[35, '0'], [49, 'A'], [56, 'B']], { separator: '^A' })}`,
];

// Lines of other shapes: the fast path declines them, the general path reads them as before.
const OTHER_LINES = [
  `20251126-10:27:35.123  : ${HB}`,
  `20251126-10:27:35.123 : IN ${HB}`,
  `20251126-10:27:35.123 : 18=FIX.4.4|`,
  `20251131-10:27:35.123 : ${HB}`,
  `20251126-10:27:35. : ${HB}`,
  `20251126-10:27:35.1234567890 : ${HB}`,
  `20251126-10:27:35.123 : Timed out waiting for heartbeat`,
  `20251126-10:27:35.123 : MsgSeqNum too high, expecting 8 but received 12: ${HB}`,
  `<20251126-10:27:35.250, FIX.4.4:TW44->ISLD, outgoing>`,
  `  (${HB})`,
  HB,
  '',
  '   ',
  '20251126-10:27:35.123 : ',
];

describe('parseFixLineIn and LineReader', () => {
  it.each(FILE_LINES)('read the FileLog line %j as the general path does', (line) => {
    const origin = { file: 'm.log', line: 7 };
    const block = `x\n${line}\n20251126-10:27:36 : 8=FIX.4.4|`;
    const from = 2;
    const to = from + line.length;
    expect(seen(parseFixLineIn(block, from, to, origin))).toEqual(generalFileRecord(line, origin));
    expect(seen(parseFixLine(line, origin))).toEqual(generalFileRecord(line, origin));
    const read = new LineReader().read(block, from, to, origin);
    // The reader takes the clean shape only; the rest it leaves to parseFixLineIn.
    if (read !== null) expect(seen(read)).toEqual(generalFileRecord(line, origin));
    else expect(line).toMatch(/qty mismatch|\^A/);
  });

  it.each(OTHER_LINES)('leave %j to the general path', (line) => {
    const block = `${line}\n${HB}`;
    expect(new LineReader().read(block, 0, line.length, { line: 1 })).toBeNull();
    expect(seen(parseFixLineIn(block, 0, line.length, { line: 1 }))).toEqual(seen(parseFixLine(line, { line: 1 })));
  });

  it('reads a long block of lines (its bytes copied out when ASCII) as each line alone', () => {
    const lines = [...FILE_LINES, ...OTHER_LINES];
    const ascii = lines.filter((l) => isAscii(l));
    // Long enough to be read as bytes: one of ASCII lines, one with a line that is not ASCII.
    for (const block of [repeat(ascii, 40), repeat(lines, 40)]) {
      const text = block.join('\n');
      expect(text.length).toBeGreaterThan(4096);
      const reader = new LineReader();
      let at = 0;
      block.forEach((line, i) => {
        const origin = { file: 'm.log', line: i + 1 };
        const read = reader.read(text, at, at + line.length, origin);
        expect(seen(read ?? parseFixLineIn(text, at, at + line.length, origin))).toEqual(seen(parseFixLine(line, origin)));
        at += line.length + 1;
      });
    }
  });

  it('gives a record without file or line keys when the origin has none, as parseFixLine does', () => {
    const line = `20251126-10:27:35.123 : ${HB}`;
    const r = parseFixLineIn(line, 0, line.length);
    expect(r).not.toHaveProperty('file');
    expect(r).not.toHaveProperty('line');
    expect(r).toMatchObject({ kind: 'message', ns: 1764152855_123000000n, digits: 3 });
  });
});

describe('FixEventStream.pushLine', () => {
  const day = [
    `20251126-10:00:00.000000001 : ${msg('TW44', 'ISLD', 1, 'A', [[98, 0], [108, 30]])}`,
    `20251126-10:00:00.004000000 : ${msg('ISLD', 'TW44', 1, 'A', [[98, 0], [108, 30]])}`,
    `20251126-10:00:01.000000000 : ${msg('TW44', 'ISLD', 2, 'D', [[11, 'ORD-1'], [55, 'IBM']])}`,
    `20251126-10:00:01.001000000 : ${msg('ISLD', 'TW44', 2, '8', [[11, 'ORD-1'], [39, 8], [150, 8], [58, 'Order exceeds limit']])}`,
    `20251126-10:00:02.000000000 : ${msg('TW44', 'ISLD', 3, 'D', [[11, 'ORD-2'], [55, 'MSFT']])}`,
    `20251126-10:00:02.500000000 : ${msg('TW44', 'ISLD', 4, 'D', [[11, 'ORD-3'], [55, 'MSFT']], '|')}`,
    `20251126-10:00:03.001000000 : ${msg('ISLD', 'TW44', 3, '3', [[45, 3], [372, 'D'], [373, 5], [58, 'bad | value']], '|')}`,
    `20251126-10:00:30.000000000 : ${msg('TW44', 'ISLD', 5, '0')}`,
    '-- not a FIX line --',
    `20251126-10:03:00.000000000 : ${msg('ISLD', 'TW44', 4, '0')}`,
    `20251126-10:03:00.100000000 : ${msg('ISLD', 'TW44', 5, '8', [[11, 'ORD-2'], [39, 8], [150, 8]]).replace(/10=\d{3}(.)$/, '10=999$1')}`,
    `20251126-10:03:00.200000000 : Disconnecting`,
    `20251126-10:03:01.000000000 : ${msg('TW44', 'ISLD', 6, '5', [[58, 'bye']])}`,
  ];

  function run(feed: (s: FixEventStream, text: string, lines: string[]) => unknown[]): unknown {
    const s = new FixEventStream();
    s.describeSource('FIX.4.4-TW44-ISLD.messages.log', { session: { beginString: 'FIX.4.4', senderCompId: 'TW44', targetCompId: 'ISLD' } });
    const events = feed(s, day.join('\n'), day);
    return { events: [...events, ...s.finish()].map((e) => eventToJson(e as Parameters<typeof eventToJson>[0])), stats: s.stats() };
  }

  it('finds the events and statistics that push finds, nothing of the reused record kept in them', () => {
    const origin = (n: number): { file: string; line: number } => ({ file: 'FIX.4.4-TW44-ISLD.messages.log', line: n });
    const pushed = run((s, _text, lines) => lines.flatMap((l, i) => [...s.push(l, origin(i + 1))]));
    const pushedLines = run((s, text, lines) => {
      const out: unknown[] = [];
      let at = 0;
      lines.forEach((l, i) => {
        out.push(...s.pushLine(text, at, at + l.length, origin(i + 1)));
        at += l.length + 1;
      });
      return out;
    });
    expect(pushedLines).toEqual(pushed);
    expect(JSON.stringify(pushed, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toContain('Order exceeds limit');
  });
});

describe('FixEventStream sessions, found again from message to message', () => {
  it('keeps each BeginString and CompID pair its own session, either direction, however they alternate', () => {
    const line = (begin: string, from: string, to: string, seq: number): string =>
      `20251126-10:00:${String(seq).padStart(2, '0')}.000 : ${encodeFixMessage(begin, [[35, '0'], [34, seq], [49, from], [56, to]])}`;
    const lines = [
      line('FIX.4.4', 'A', 'B', 1),
      line('FIX.4.4', 'B', 'A', 2),
      line('FIX.4.2', 'A', 'B', 3),
      line('FIX.4.2', 'B', 'A', 4),
      line('FIX.4.4', 'A', 'C', 5),
      line('FIX.4.4', 'B', 'A', 6),
      line('FIX.4.4', 'A', 'B', 7),
      line('FIX.4.4', 'C', 'A', 8),
      line('FIX.4.2', 'A', 'B', 9),
    ];
    const s = new FixEventStream();
    let at = 0;
    const text = lines.join('\n');
    for (const l of lines) {
      s.pushLine(text, at, at + l.length, { line: 1 });
      at += l.length + 1;
    }
    const counts = s.stats().sessions.map((x) => [x.beginString, x.session, x.messages, x.firstTimestamp]);
    expect(counts).toEqual([
      ['FIX.4.4', 'A→B', 4, '2025-11-26T10:00:01.000Z'],
      ['FIX.4.2', 'A→B', 3, '2025-11-26T10:00:03.000Z'],
      ['FIX.4.4', 'A→C', 2, '2025-11-26T10:00:05.000Z'],
    ]);
  });
});
