import { describe, expect, it } from 'vitest';
import { parseJournal } from './journal.js';
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
});
