import { describe, expect, it } from 'vitest';
import type { QuickHeader } from './family.js';
import { parseJsonGeneral, parseJsonLine, quickJsonGeneral, quickJsonLine } from './json.js';
import { forgetShapes, parseFlat, quickFlat } from './jsonflat.js';

/** Has the general reader meet the template's keys on many lines in a row, as a log's first lines do: its shape is learnt (alone). */
function learn(template: string): void {
  forgetShapes();
  // Another key list first, so that the run starts here; distinct lines (trailing spaces) so that each counts.
  parseJsonGeneral('{"another":"key list"}');
  for (let i = 0; i < 32; i++) parseJsonGeneral(`${template}${' '.repeat(i)}`);
}

/**
 * The quick answers agree: the same time and level, and the same message or none when the line holds
 * it as it is (the reader then looks for patterns in the line).
 */
function expectSameQuick(quick: QuickHeader | null, general: QuickHeader | null, line: string): void {
  if (quick === null || general === null || quick.message !== undefined) {
    expect(quick, line).toEqual(general);
    return;
  }
  const { message, ...rest } = general;
  expect(quick, line).toEqual(rest);
  expect(line.includes(message as string), line).toBe(true);
}

/** The fast path reads the line (not null) and gives the general reader's answers. */
function expectSame(line: string): void {
  const quick = quickFlat(line);
  const parsed = parseFlat(line);
  expect(quick, line).not.toBeNull();
  expect(parsed, line).not.toBeNull();
  expectSameQuick(quick, quickJsonGeneral(line), line);
  expect(parsed, line).toEqual(parseJsonGeneral(line));
}

const line5 = (ts: string, level: string, msg: string, extra = ''): string =>
  `{"ts":${ts},"level":${level},"logger":"md.feed.0","host":"gw01","msg":${msg}${extra}}`;

describe('the flat JSON fast path', () => {
  it("learns a key list from a run of lines that have it, not from a line or two (a line read twice counting once)", () => {
    forgetShapes();
    parseJsonGeneral('{"another":"key list"}');
    const line = (i: number): string => `{"ts":${1764152855 + i},"level":"info","msg":"m${i}"}`;
    for (let i = 0; i < 31; i++) {
      expect(quickFlat(line(i))).toBeNull();
      expectSameQuick(quickJsonLine(line(i)), quickJsonGeneral(line(i)), line(i));
      expect(parseJsonLine(line(i))).toEqual(parseJsonGeneral(line(i)));
    }
    expect(quickFlat(line(31))).toBeNull();
    quickJsonLine(line(31));
    expect(quickFlat(line(32))).not.toBeNull();
    // Lines whose keys change from one to the next are left to the general reader.
    forgetShapes();
    for (let i = 0; i < 100; i++) {
      const other = `{"ts":${1764152855 + i},"k${i}":1,"msg":"m"}`;
      quickJsonLine(other);
      parseJsonLine(other);
      expect(quickFlat(other)).toBeNull();
    }
  });

  it('reads epoch numbers digit for digit, whatever their unit and fraction', () => {
    learn(line5('1', '"info"', '"x"'));
    for (const ts of [
      '1764152855123456789', '9007199254740993123', '12345678901234567890', '123456789012345678901', '1764152855',
      '1764152855123', '1764152855123456', '1764152855.25', '1764152855.123456789123', '1764152855123.4567',
      '1764152855123456.9', '0', '0.5', '7', '99999999999', '100000000000', '-1', '-0', '1e9', '1.5E+9',
      '17641528551234567e2', '1e400', '0.000001', '1764152855123456789.5',
    ]) expectSame(line5(ts, '"info"', '"m"'));
  });

  it('reads times, levels and messages of every type as JSON.parse gives them', () => {
    learn(line5('1', '"info"', '"x"'));
    for (const ts of ['"2025-11-26T11:27:35.5+01:00"', '"1764152855123"', '" 1764152855 "', '"not a time"', '""', 'true', 'false', 'null']) {
      expectSame(line5(ts, '"info"', '"m"'));
    }
    for (const level of ['"ERROR"', '" warn "', '"D1"', '"xyz"', '""', '30', '50', '3', '30.0', '-1', '1e1', '0', 'true', 'null']) {
      expectSame(line5('1764152855', level, '"m"'));
    }
    for (const msg of ['"trailing  "', '"nbsp\u00a0"', '"ideographic space\u3000"', '"bom\ufeff"', '"del\u007f"', '"  leading"', '""', '"é 😀 \ud800 \u2028"', '1.50', '1e2', '-0', '1e400', '0.1', 'null', 'true', 'false']) {
      expectSame(line5('1764152855', '"info"', msg));
    }
  });

  it("takes JSON's white space wherever the grammar allows it", () => {
    learn(line5('1', '"info"', '"x"'));
    expectSame(' { "ts" : 1764152855 , "level" : "info" , "logger" : "a" , "host" : "b" , "msg" : "m" } ');
    expectSame('{\t"ts":\r\n1764152855,"level":"info","logger":"a","host":"b","msg":"m  "\n}\t\r');
    learn(line5('1', '"info"', '"x"'));
    // Python's json.dumps: a space after each colon and comma; the tight lines after it still read.
    expectSame('{"ts": 1764152855, "level": "info", "logger": "a", "host": "b", "msg": "m"}');
    expectSame(line5('1764152855', '"info"', '"tight again"'));
    expectSame('{"ts": 1764152855, "level": "info", "logger": "a", "host": "b", "msg": "a \\"quote\\""}');
  });

  it("rests the patterns of a key list whose lines they mostly cannot read, and agrees with the general reader throughout", () => {
    const nested = (i: number): string => `{"ts":${1764152855 + i},"level":"info","msg":"m","ctx":{"i":${i}}}`;
    const flat = (i: number): string => `{"ts":${1764152855 + i},"level":"info","msg":"m","ctx":${i}}`;
    learn(flat(0));
    expectSame(flat(1));
    const taken: boolean[] = [];
    for (let i = 0; i < 600; i++) {
      const line = i % 10 === 9 ? flat(i) : nested(i);
      if (line === flat(i)) taken.push(quickFlat(line) !== null);
      expectSameQuick(quickJsonLine(line), quickJsonGeneral(line), line);
    }
    // Read at first, then left to JSON.parse while the patterns rest, then read again.
    const rest = taken.indexOf(false);
    expect(rest).toBeGreaterThan(0);
    expect(taken.slice(rest)).toContain(true);
  });

  it('reads names (component, host, thread, pid) as strings, and numbers as String() writes them', () => {
    learn('{"time":1,"severity":"info","name":"n","hostname":"h","tid":1,"pid":1,"message":"m"}');
    expectSame('{"time":1764152855,"severity":"info","name":"api","hostname":"h1","tid":7.0,"pid":"42","message":"m"}');
    expectSame('{"time":1764152855,"severity":"info","name":5,"hostname":null,"tid":true,"pid":1e3,"message":"m"}');
    expectSame('{"time":1764152855,"severity":"info","name":"","hostname":"","tid":"main","pid":-0,"message":"m"}');
  });

  it("follows the general reader's roles: the first spelling in any case, MongoDB's numeric `s`, keys with pattern characters", () => {
    learn('{"TS":1,"Level":"info","MSG":"x","msg":"y"}');
    expectSame('{"TS":1764152855,"Level":"WARN","MSG":"upper","msg":"lower"}');
    learn('{"ts":1,"s":"I","msg":"x"}');
    expectSame('{"ts":1764152855,"s":3,"msg":"s is a count here"}');
    expectSame('{"ts":1764152855,"s":"D2","msg":"debug"}');
    const odd = '{"@timestamp":"2025-11-26T10:27:35Z","log.level":"error","a+b":1,"(x)":"y","[z]|^$":2,"é":"k","message":"m"}';
    learn(odd);
    expectSame(odd);
    expectSame(odd.replace('"m"', '"other"').replace('1,', '2.5,'));
    learn('{}');
    expectSame('{}');
    expectSame(' {  } ');
  });

  it("decodes a string's escapes (up to a few), wherever the string is", () => {
    learn(line5('1', '"info"', '"x"'));
    expectSame(line5('1764152855', '"info"', '"a \\"quoted\\" word"'));
    expectSame(line5('1764152855', '"info"', '"tab\\there, \\\\ and \\/ \\b\\f\\r \\u00e9 \\ud83d\\ude00 \\ud800 lone"'));
    expectSame(line5('1764152855', '"info"', '"line\\n"'));
    expectSame(line5('1764152855', '"info"', '"trailing escaped space\\u0020"'));
    expectSame(line5('1764152855', '"in\\u0066o"', '"m"'));
    expectSame(line5('1764152855', '"\\u0045RROR"', '"m"'));
    expectSame(line5('"2025-11-26T10:27:35\\u005a"', '"info"', '"m"'));
    expectSame(line5('1764152855', '"info"', '"m"').replace('"gw01"', '"g\\"w"'));
    expectSame(` { "ts" : 1764152855 , "level" : "info" , "logger" : "a\\tb" , "host" : "b" , "msg" : "${'\\n'.repeat(16)}" } `);
    learn('{"time":1,"severity":"info","name":"n","hostname":"h","tid":1,"pid":1,"message":"m"}');
    expectSame('{"time":1764152855,"severity":"info","name":"a\\u0062c","hostname":"h\\/1","tid":"t\\"1","pid":1,"message":"m"}');
    // Docker's json-file: every line's `log` ends in an escaped newline, or nearly every one.
    const docker = (log: string): string => `{"log":"${log}","stream":"stdout","time":"2025-11-26T10:27:35.123456789Z"}`;
    learn(docker('up\\n'));
    for (const log of ['GET /health 200\\n', 'no newline', '\\u001b[31mred\\u001b[0m\\n', 'tab\\tand quote \\"x\\"\\n', 'plain again']) expectSame(docker(log));
  });

  it('leaves to the general reader what it is not sure of: strings dense with escapes, repeated keys, nested values, broken JSON', () => {
    learn(line5('1', '"info"', '"x"'));
    const declined = [
      line5('1764152855', '"info"', `"${'\\u4e2d'.repeat(17)}"`),
      line5('1764152855', '"info"', `"${'\\n'.repeat(17)}"`),
      line5('1764152855', '"info"', '"bad \\q escape"'),
      line5('1764152855', '"info"', '"bad \\u12g4 escape"'),
      line5('1764152855', '"info"', '"bad \\u12"'),
      line5('1764152855', '"info"', '"ends in a backslash\\"'),
      line5('1764152855', '"info"', '"an escaped raw tab \\\t"'),
      '{"ts":1764152855,"level":"info","logger":"a","host":"b","msg":"m","msg":"again"}',
      '{"t\\u0073":1764152855,"level":"info","logger":"a","host":"b","msg":"m"}',
      line5('1764152855', '"info"', '{"nested":true}'),
      line5('1764152855', '"info"', '["a"]'),
      line5('01764152855', '"info"', '"m"'),
      line5('+1764152855', '"info"', '"m"'),
      line5('.5', '"info"', '"m"'),
      line5('1.', '"info"', '"m"'),
      line5('1e', '"info"', '"m"'),
      line5('1764152855', '"info"', '"raw\ttab"'),
      line5('1764152855', '"info"', '"raw\x01control"'),
      line5('1764152855', '"info"', '"unterminated'),
      line5('1764152855', '"info"', "'single'"),
      line5('1764152855', '"info"', 'nul'),
      line5('1764152855', '"info"', 'True'),
      `${line5('1764152855', '"info"', '"m"')}x`,
      `${line5('1764152855', '"info"', '"m"')},`,
      line5('1764152855', '"info"', '"m"').replace('}', ',}'),
      `\u00a0${line5('1764152855', '"info"', '"m"')}`,
      `\ufeff${line5('1764152855', '"info"', '"m"')}`,
      '', ' ', 'not json', '[1,2]', '{', '}',
    ];
    for (const line of declined) {
      expect(quickFlat(line), line).toBeNull();
      expect(parseFlat(line), line).toBeNull();
      expectSameQuick(quickJsonLine(line), quickJsonGeneral(line), line);
      expect(parseJsonLine(line), line).toEqual(parseJsonGeneral(line));
    }
  });

  it('agrees with the general reader on lines of other key lists, learnt or not', () => {
    learn(line5('1', '"info"', '"x"'));
    for (const line of [
      '{"level":"info","ts":1764152855,"logger":"a","host":"b","msg":"reordered"}',
      '{"ts":1764152855,"level":"info","msg":"fewer"}',
      '{"ts":1764152855,"level":"info","logger":"a","host":"b","msg":"more","err":"x"}',
      '{"ts":1764152855,"level":"info","logger":"a","host":"b","msg":"back to the first"}',
      '{"2":"x","1":"y","ts":1764152855,"msg":"index-like keys come first in Object.keys"}',
      '{"1":"y","2":"x","ts":1764152855,"msg":"index-like keys come first in Object.keys"}',
      '{"1":"y","2":"x","ts":1764152855,"msg":"index-like keys come first in Object.keys"}',
      '{"2":"x","1":"y","ts":1764152855,"msg":"index-like keys come first in Object.keys"}',
      '{"__proto__":"p","ts":1764152855,"msg":"own key"}',
      '{"__proto__":"p","ts":1764152855,"msg":"own key"}',
    ]) {
      expectSameQuick(quickJsonLine(line), quickJsonGeneral(line), line);
      expect(parseJsonLine(line), line).toEqual(parseJsonGeneral(line));
    }
  });

  it('reads lines of a megabyte as the general reader does', () => {
    learn(line5('1', '"info"', '"x"'));
    for (const msg of ['a'.repeat(1 << 20), `${'at f(A.java:1)\\n'.repeat(16)}${'b'.repeat(1 << 20)}`, '\\n'.repeat(300_000), 'c\\u00e9'.repeat(150_000)]) {
      const line = line5('1764152855', '"info"', `"${msg}"`);
      expectSameQuick(quickJsonLine(line), quickJsonGeneral(line), line);
      expect(parseJsonLine(line)).toEqual(parseJsonGeneral(line));
    }
  });

  it('leaves records of very many keys to JSON.parse', () => {
    const wide = `{"ts":1764152855,${Array.from({ length: 70 }, (_, i) => `"k${i}":${i}`).join(',')},"msg":"m"}`;
    learn(wide);
    expect(quickFlat(wide)).toBeNull();
    expectSameQuick(quickJsonLine(wide), quickJsonGeneral(wide), wide);
  });

  it('agrees with the general reader on thousands of mutated lines', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const templates = [
      line5('1764152855123456789', '"info"', '"session opened for user trader11"'),
      '{"time":1764152855.5,"severity":30,"name":"api","hostname":"h","tid":7,"pid":"42","message":"m"}',
      '{ "@timestamp" : "2025-11-26T10:27:35.123Z" , "log.level" : "warn" , "message" : "disk 91% full" }',
    ];
    const alphabet = ['"', '\\', '{', '}', '[', ']', ',', ':', '.', ' ', '\t', '0', '1', '9', 'e', 'E', '+', '-', 't', 'n', 'u', 'x', '\x01', 'é'];
    let fast = 0;
    for (const template of templates) {
      learn(template);
      for (let i = 0; i < 3000; i++) {
        let line = template;
        for (let k = rand(3); k >= 0; k--) {
          const at = rand(line.length + 1);
          const ch = alphabet[rand(alphabet.length)] as string;
          const op = rand(3);
          line = op === 0 ? line.slice(0, at) + ch + line.slice(at) : op === 1 ? line.slice(0, at) + line.slice(at + 1) : line.slice(0, at) + ch + line.slice(at + 1);
        }
        if (quickFlat(line) !== null) fast++;
        expectSameQuick(quickJsonLine(line), quickJsonGeneral(line), line);
        expect(parseJsonLine(line), line).toEqual(parseJsonGeneral(line));
      }
    }
    // Many mutations leave a valid line of the learnt shape (a digit or a letter of a value changed).
    expect(fast).toBeGreaterThan(1000);
  });
});
