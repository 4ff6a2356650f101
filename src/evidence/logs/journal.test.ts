import { describe, expect, it } from 'vitest';
import { parseJournal, quickJournal } from './journal.js';
import { parseLogText } from './parser.js';

describe('systemd journal (journalctl -o json)', () => {
  it('reads the realtime timestamp, priority, host, identifier and pid', () => {
    const line = '{"__REALTIME_TIMESTAMP":"1764152855123456","__MONOTONIC_TIMESTAMP":"99","PRIORITY":"3","_HOSTNAME":"gw1","SYSLOG_IDENTIFIER":"sshd","_PID":"42","_SYSTEMD_UNIT":"ssh.service","MESSAGE":"Failed password for root"}';
    const { results, stats } = parseLogText(line);
    expect(stats.format).toBe('journal');
    expect(results[0]).toMatchObject({
      kind: 'record',
      record: { timestamp: '2025-11-26T10:27:35.123456Z', level: 'error', rawLevel: '3', host: 'gw1', process: 'sshd', pid: '42', component: 'ssh.service', message: 'Failed password for root', dialect: 'journal-json' },
    });
  });

  it("takes the sender's time (_SOURCE_REALTIME_TIMESTAMP) over the journal's when the entry has one, as journalctl does", () => {
    const late = '{"__REALTIME_TIMESTAMP":"1764152857000000","_SOURCE_REALTIME_TIMESTAMP":"1764152855123456","PRIORITY":"3","MESSAGE":"queue full"}';
    const [r] = parseLogText(late).results;
    expect(r).toMatchObject({ kind: 'record', record: { timestamp: '2025-11-26T10:27:35.123456Z' } });
    // Not microseconds: the journal's own time stands.
    const odd = '{"__REALTIME_TIMESTAMP":"1764152857000000","_SOURCE_REALTIME_TIMESTAMP":"later","MESSAGE":"x"}';
    expect(parseLogText(odd).results[0]).toMatchObject({ record: { timestamp: '2025-11-26T10:27:37.000000Z' } });
  });

  it('decodes a MESSAGE given as a byte array, replacing invalid bytes', () => {
    expect(parseJournal('{"__REALTIME_TIMESTAMP":"1","MESSAGE":[104,195,169,255,10]}')).toMatchObject({ message: 'hé\uFFFD' });
  });

  it('keeps every value of a MESSAGE the entry holds more than once (exported as an array of values)', () => {
    const r = parseJournal('{"__REALTIME_TIMESTAMP":"1764152855123456","PRIORITY":"0","MESSAGE":["multi","valued",[98,121,116,101,115]]}');
    expect(r !== null && r !== 'malformed' && r.message).toBe('multi\nvalued\nbytes');
  });

  it('rejects entries whose timestamp is not microseconds', () => {
    expect(parseJournal('{"__REALTIME_TIMESTAMP":"soon","MESSAGE":"x"}')).toBe('malformed');
    expect(parseJournal('{"MESSAGE":"no realtime"}')).toBeNull();
  });

  describe('quick header', () => {
    const T = '"__REALTIME_TIMESTAMP":"1764152855123456"';
    /** quickJournal must say what parseJournal says (a record or not, its time, level and message), however the line is written. */
    const same = (line: string): void => {
      const full = parseJournal(line);
      const quick = quickJournal(line);
      if (full === null || full === 'malformed') {
        expect(quick, line).toBeNull();
        return;
      }
      expect(quick, line).toMatchObject({ time: full.time, level: full.level, levelExact: true, message: full.message });
    };

    it('agrees with the full parse on escapes, bytes, numbers, odd order, repeats and bad values', () => {
      for (const line of [
        `{"__CURSOR":"s=1;i=2",${T},"PRIORITY":"3","_HOSTNAME":"gw1","MESSAGE":"Failed password for root"}`,
        `{"MESSAGE":"last first","PRIORITY":"4",${T}}`,
        `{${T},"MESSAGE":"quoted \\"x\\" and \\\\ and \\u00e9 and tab\\t  \\n"}`,
        `{${T},"MESSAGE":"  trailing spaces   "}`,
        `{${T},"PRIORITY":"6","MESSAGE":[104,195,169,255,10]}`,
        `{${T},"MESSAGE":["multi","valued",[98,121,116,101,115]]}`,
        `{${T},"MESSAGE":null}`,
        `{${T},"MESSAGE":42}`,
        `{${T},"MESSAGE":true}`,
        `{${T}}`,
        `{${T},"PRIORITY":3,"MESSAGE":"a number"}`,
        `{${T},"PRIORITY":3.0,"MESSAGE":"a number written with a point"}`,
        `{${T},"PRIORITY":"8","MESSAGE":"out of range"}`,
        `{${T},"PRIORITY":"03","MESSAGE":"two digits"}`,
        `{${T},"PRIORITY":" 3","MESSAGE":"a space"}`,
        `{${T},"PRIORITY":"\\u0033","MESSAGE":"escaped digit"}`,
        `{${T},"PRIORITY":null,"MESSAGE":"null priority"}`,
        `{${T},"PRIORITY":["3"],"MESSAGE":"priority twice"}`,
        `{${T},"PRIORITY":"3","PRIORITY":"6","MESSAGE":"repeated: the last wins"}`,
        `{${T},"MESSAGE":"first","MESSAGE":"second"}`,
        '{"__REALTIME_TIMESTAMP":1764152855123456,"MESSAGE":"time as a number"}',
        '{"__REALTIME_TIMESTAMP":1.764152855123456e15,"MESSAGE":"time with an exponent"}',
        '{"__REALTIME_TIMESTAMP":12345678901234567890,"MESSAGE":"time too long as a number"}',
        '{"__REALTIME_TIMESTAMP":"99999999999999999","MESSAGE":"17 digits, beyond 2^53"}',
        '{"__REALTIME_TIMESTAMP":"9007199254740993","MESSAGE":"just beyond 2^53"}',
        '{"__REALTIME_TIMESTAMP":"123456789012345678","MESSAGE":"18 digits"}',
        '{"__REALTIME_TIMESTAMP":"","MESSAGE":"empty"}',
        '{"__REALTIME_TIMESTAMP":"-1","MESSAGE":"negative"}',
        '{"__REALTIME_TIMESTAMP":"\\u0031764152855123456","MESSAGE":"escaped digit"}',
        '{"__REALTIME_TIMESTAMP":"soon","MESSAGE":"not a time"}',
        `{${T},"_SOURCE_REALTIME_TIMESTAMP":"1764152850000000","MESSAGE":"sender's time"}`,
        `{"_SOURCE_REALTIME_TIMESTAMP":"1764152850000000",${T},"MESSAGE":"sender's time first"}`,
        `{${T},"_SOURCE_REALTIME_TIMESTAMP":"later","MESSAGE":"sender's time unreadable"}`,
        `{${T},"_SOURCE_REALTIME_TIMESTAMP":"0","MESSAGE":"sender's time zero"}`,
        `{${T},"_SOURCE_REALTIME_TIMESTAMP":1764152850000000,"MESSAGE":"sender's time as a number"}`,
        `{${T},"__REALTIME_TIMESTAMP":"1764152800000000","MESSAGE":"time repeated"}`,
        `{"x":"\\"__REALTIME_TIMESTAMP\\":\\"1764152855123456\\"","MESSAGE":"the key only inside a value"}`,
        `{"x":{${T}},"MESSAGE":"the key only in a nested object"}`,
        `{"x":{"PRIORITY":"0"},${T},"PRIORITY":"6","MESSAGE":"nested priority"}`,
        `{"__REALTIME\\u005fTIMESTAMP":"1764152855123456","MESSAGE":"escaped key"}`,
        `{ ${T} , "PRIORITY" : "3" , "MESSAGE" : "spaced" }`,
        `{${T},"MESSAGE":"trailing comma",}`,
        `{${T},"MESSAGE":"raw\ttab"}`,
        `{${T},"MESSAGE":"cut`,
        `{${T},"PRIORITY":"3"} trailing`,
        `[${T}]`,
        `${T}`,
        '{"MESSAGE":"no realtime"}',
        '{}',
        'not json at all',
      ]) {
        same(line);
      }
    });

    it('reads the common line without JSON.parse', () => {
      const parse = JSON.parse;
      let calls = 0;
      JSON.parse = ((text: string) => {
        calls++;
        return parse(text) as unknown;
      }) as typeof JSON.parse;
      try {
        const q = quickJournal(`{"__CURSOR":"s=1",${T},"PRIORITY":"3","_PID":"7","MESSAGE":"boom "}`);
        expect(q).toMatchObject({ time: { kind: 'epoch', ns: 1764152855123456000n, digits: 6 }, level: 'error', message: 'boom' });
      } finally {
        JSON.parse = parse;
      }
      expect(calls).toBe(0);
    });
  });
});
