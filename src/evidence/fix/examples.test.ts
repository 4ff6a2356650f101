// The FIX lines of the shared example file (QuickFIX acceptance-test messages, a QuickFIX/J perf-test
// message, QuickFIX C++ and QuickFIX/J log lines), read as they are.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixEventsFromText } from './events.js';
import { parseFixLine } from './line.js';
import { getField, getFieldAll } from './message.js';
import type { FixRecord } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const file = path.resolve(repoRoot, '../shared/data/example-lines.txt');
const text = readFileSync(file, 'utf8');
const lines = text.split('\n');

/** The line under the `# src:` comment that contains `marker`. */
function exampleAfter(marker: string, nth = 0): { line: string; no: number } {
  const hits = lines.flatMap((l, i) => (l.startsWith('# src:') && l.includes(marker) ? [i + 1] : []));
  const i = hits[nth];
  if (i === undefined) throw new Error(`no example for ${marker}`);
  return { line: lines[i] ?? '', no: i + 1 };
}

function message(record: FixRecord | null): Extract<FixRecord, { kind: 'message' }> {
  if (record?.kind !== 'message') throw new Error('expected a message');
  return record;
}

describe('example-lines.txt, FIX section', () => {
  it('reads the acceptance-test Logon (^A separators, I/E markers, placeholder times)', () => {
    const { line } = exampleAfter('1a_ValidLogonMsgSeqNumTooHigh');
    const r = message(parseFixLine(line));
    expect(r.message.separator).toBe('^A');
    expect(r.message.msgType).toBe('A');
    expect(getField(r.message, 108)).toBe('30');
    expect(getField(r.message, 34)).toBe('5');
    // 52=<TIME>: nothing dates it; no BodyLength or CheckSum in the script form.
    expect(r.ns).toBeNull();
    expect(r.message.issues).toEqual(['missing_body_length', 'missing_checksum']);
  });

  it('reads the ResendRequest and SequenceReset of the acceptance tests', () => {
    const resend = message(parseFixLine(exampleAfter('ResendRequest 7=BeginSeqNo').line));
    expect([getField(resend.message, 7), getField(resend.message, 16)]).toEqual(['1', '0']);
    const reset = message(parseFixLine(exampleAfter('11a_NewSeqNoGreater').line));
    expect(reset.message.msgType).toBe('4');
    expect(getField(reset.message, 36)).toBe('25');
  });

  it('validates the verbatim ExecutionReport with SOH and with | and keeps its parties group', () => {
    for (const nth of [0, 1]) {
      const { line } = nth === 0 ? exampleAfter('MessageParsePerfTest') : exampleAfter('SOH rendered as |');
      const r = message(parseFixLine(line));
      expect(r.message.separator).toBe(nth === 0 ? '\x01' : '|');
      expect(r.message.issues).toEqual([]);
      expect(getFieldAll(r.message, 448)).toEqual(['AAA35791', '8', 'FIX11']);
      expect(getField(r.message, 150)).toBe('D');
      expect(r).toMatchObject({ ns: 1143162358_000000000n, timeSource: 'sending_time' });
    }
  });

  it('flags the message whose checksum lost its separator, and keeps it', () => {
    const r = message(parseFixLine(exampleAfter('testMessageWithoutChecksum').line));
    expect(r.message.issues).toContain('missing_checksum');
    expect(getField(r.message, 452)).toBe('3610=016');
    expect(getField(r.message, 11)).toBe('9fef3663330e209e1bce');
  });

  it('keeps the nine fractional digits of a QuickFIX C++ messages log', () => {
    const r = message(parseFixLine(exampleAfter('QuickFIX/C++ <prefix>.messages.log').line));
    expect(r).toMatchObject({ style: 'file', ns: 1768487400_123456789n, digits: 9, timeSource: 'log' });
    expect(r.message.issues).toEqual([]);
  });

  it('turns the engine event lines into failure and session events with full-precision times', () => {
    const { events } = fixEventsFromText(text, { file: 'example-lines.txt' });
    const engine = events.filter((e) => e.metadata.log_style === 'file');
    expect(engine.map((e) => [e.event_type, e.timestamp, e.metadata.direction ?? null])).toEqual([
      ['logon', '2026-01-15T14:30:01.250000000Z', 'out'],
      ['logon', '2026-01-15T14:30:01.254310000Z', 'in'],
      ['sequence_too_low', '2026-01-15T14:30:05Z', null],
      ['resend_request', '2026-01-15T14:30:05Z', 'out'],
      ['heartbeat_timeout', '2026-01-15T14:31:31.260000000Z', null],
      ['disconnect', '2026-01-15T14:31:31.260100000Z', null],
      ['heartbeat_timeout', '2026-01-15T14:31:35Z', null],
    ]);
    expect(engine[2]?.metadata).toMatchObject({ session: 'SENDER→TARGET', expected_seq_num: 5, received_seq_num: 3 });
  });

  it('reads the whole file: kernel lines ignored, no heartbeat gap invented between unrelated samples', () => {
    const { events, stats } = fixEventsFromText(text);
    expect(stats).toMatchObject({ messages: 10, engineLines: 9 });
    expect(events.filter((e) => e.event_type === 'heartbeat_gap')).toEqual([]);
    // Two Logon messages and the two logon notices of the event-log sample (other times, other sessions).
    expect(events.filter((e) => e.event_type === 'logon')).toHaveLength(4);
    expect(events.filter((e) => e.event_type === 'resend_request')).toHaveLength(2);
    expect(events.filter((e) => e.event_type === 'sequence_reset')).toHaveLength(1);
    // The tutorial line with a `<` marker before the message is still read, its checksum flagged.
    const tutorial = message(parseFixLine(exampleAfter('deepvcode').line));
    expect(tutorial).toMatchObject({ style: 'prefixed', ns: 1672567201_789000000n, direction: null });
    expect(tutorial.message.issues).toContain('checksum_mismatch');
  });
});
