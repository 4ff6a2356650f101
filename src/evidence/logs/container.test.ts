import { describe, expect, it } from 'vitest';
import { wrapperOf } from './container.js';
import { createLogParser, parseLogText } from './parser.js';

const rows = (lines: string[]): (string | null)[][] =>
  parseLogText(lines.join('\n'), { year: 2025 }).results.map((r) => (r.kind === 'record' ? [r.record.timestamp, r.record.level, r.record.message] : [r.kind]));
const docker = (log: string, stream: string, time: string): string => JSON.stringify({ log: `${log}\n`, stream, time });

describe('container wrappers', () => {
  it("Docker json-file: the wrapper's time, the inner line's level and message (its header stripped)", () => {
    expect(rows([
      docker('2025-11-26 10:27:35,123 INFO  [main] c.e.oms.App - started', 'stdout', '2025-11-26T10:27:35.124000001Z'),
      docker('2025-11-26 10:27:35,123 ERROR [main] a.B - boom', 'stderr', '2025-11-26T10:27:37.000000001Z'),
      docker('java.lang.IllegalStateException: boom', 'stderr', '2025-11-26T10:27:37.000000002Z'),
      docker('\tat a.B.run(B.java:42)', 'stderr', '2025-11-26T10:27:37.000000003Z'),
      docker('2025-11-26 10:27:38,500 INFO  [main] c.e.oms.App - on stderr', 'stderr', '2025-11-26T10:27:38.5Z'),
    ])).toEqual([
      ['2025-11-26T10:27:35.124000001Z', 'info', 'started'],
      ['2025-11-26T10:27:37.000000001Z', 'error', 'boom'],
      ['2025-11-26T10:27:37.000000002Z', null, 'java.lang.IllegalStateException: boom'],
      ['2025-11-26T10:27:37.000000003Z', null, '\tat a.B.run(B.java:42)'],
      ['2025-11-26T10:27:38.5Z', 'info', 'on stderr'],
    ]);
  });

  it('CRI: JSON inner lines, lines leading with a level, and lines with no header kept whole', () => {
    expect(rows([
      '2025-11-26T10:27:35.123456789Z stderr F {"level":"error","msg":"boom","ts":1764152855.1}',
      '2025-11-26T10:27:36.000000000Z stdout F {"level":"info","msg":"up"}',
      '2025-11-26T10:27:36.500000000Z stdout P {"level":"warn","msg":"part one ',
      '2025-11-26T10:27:36.500000001Z stdout F of a line"}',
      '2025-11-26T10:27:37.000000000Z stderr F panic: boom',
      '2025-11-26T10:27:37.100000000Z stdout F WARNING: disk 91% full',
      '2025-11-26T10:27:38.000000000Z stderr F ',
    ])).toEqual([
      ['2025-11-26T10:27:35.123456789Z', 'error', 'boom'],
      ['2025-11-26T10:27:36.000000000Z', 'info', 'up'],
      ['2025-11-26T10:27:36.500000000Z', null, '{"level":"warn","msg":"part one'],
      ['2025-11-26T10:27:36.500000001Z', null, 'of a line"}'],
      ['2025-11-26T10:27:37.000000000Z', null, 'panic: boom'],
      ['2025-11-26T10:27:37.100000000Z', 'warn', 'disk 91% full'],
      ['2025-11-26T10:27:38.000000000Z', null, ''],
    ]);
  });

  it("gives a reader's quick look the inner level, so a selective read does not skip the errors", () => {
    const lines = [
      docker('{"level":"info","msg":"up"}', 'stdout', '2025-11-26T10:27:35Z'),
      docker('{"level":"error","msg":"boom"}', 'stdout', '2025-11-26T10:27:36Z'),
    ];
    const p = createLogParser({ sample: lines });
    const seen: (string | null)[] = [];
    for (const line of lines) p.pushQuick(line, { want: (_ns, level, exact) => (seen.push(exact ? level : 'inexact'), false) });
    expect(seen).toEqual(['info', 'error']);
  });

  it('is recognized once per file, on most sampled lines', () => {
    expect(wrapperOf(['2025-11-26T10:27:35.1Z stderr F boom', 'x'])).toBe('cri');
    expect(wrapperOf([docker('x', 'stdout', '2025-11-26T10:27:35Z')])).toBe('docker');
    expect(wrapperOf(['{"msg":"x","ts":1}', '2025-11-26T10:27:35Z stdout is not a stream mark'])).toBeNull();
    // A JSON log that is not Docker's keeps its own level and message.
    expect(rows(['{"level":"warn","log":"2025-11-26 10:27:35,123 ERROR x - y","ts":1764152855}'])).toEqual([['2025-11-26T10:27:35Z', 'warn', '2025-11-26 10:27:35,123 ERROR x - y']]);
  });
});
