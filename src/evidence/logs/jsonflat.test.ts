import { describe, expect, it } from 'vitest';
import { parseJsonGeneral, parseJsonLine, quickJsonGeneral, quickJsonLine } from './json.js';
import { parseFlat, quickFlat } from './jsonflat.js';

/** Has the general reader meet the template twice in a row, as a log's first lines do: its shape is learnt. */
function learn(template: string): void {
  parseJsonGeneral(template);
  parseJsonGeneral(template);
}

/** The fast path reads the line (not null) and gives exactly the general reader's answers. */
function expectSame(line: string): void {
  const quick = quickFlat(line);
  const parsed = parseFlat(line);
  expect(quick, line).not.toBeNull();
  expect(parsed, line).not.toBeNull();
  expect(quick, line).toEqual(quickJsonGeneral(line));
  expect(parsed, line).toEqual(parseJsonGeneral(line));
}

const line5 = (ts: string, level: string, msg: string, extra = ''): string =>
  `{"ts":${ts},"level":${level},"logger":"md.feed.0","host":"gw01","msg":${msg}${extra}}`;

describe('the flat JSON fast path', () => {
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

  it('leaves to the general reader what it is not sure of: escapes, repeated keys, nested values, broken JSON', () => {
    learn(line5('1', '"info"', '"x"'));
    const declined = [
      line5('1764152855', '"info"', '"a \\"quoted\\" word"'),
      line5('1764152855', '"info"', '"tab\\there"'),
      line5('1764152855', '"in\\u0066o"', '"m"'),
      line5('"2025-11-26T10:27:35\\u005a"', '"info"', '"m"'),
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
      expect(quickJsonLine(line), line).toEqual(quickJsonGeneral(line));
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
      expect(quickJsonLine(line), line).toEqual(quickJsonGeneral(line));
      expect(parseJsonLine(line), line).toEqual(parseJsonGeneral(line));
    }
  });

  it('leaves records of very many keys to JSON.parse', () => {
    const wide = `{"ts":1764152855,${Array.from({ length: 70 }, (_, i) => `"k${i}":${i}`).join(',')},"msg":"m"}`;
    learn(wide);
    expect(quickFlat(wide)).toBeNull();
    expect(quickJsonLine(wide)).toEqual(quickJsonGeneral(wide));
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
        expect(quickJsonLine(line), line).toEqual(quickJsonGeneral(line));
        expect(parseJsonLine(line), line).toEqual(parseJsonGeneral(line));
      }
    }
    // Many mutations leave a valid line of the learnt shape (a digit or a letter of a value changed).
    expect(fast).toBeGreaterThan(1000);
  });
});
