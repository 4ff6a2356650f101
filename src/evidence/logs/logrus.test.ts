import { describe, expect, it } from 'vitest';
import { bracketLevelParser, parseBracketLevel } from './logrus.js';
import { parseLogText } from './parser.js';

const rows = (lines: string[]): (string | null)[][] =>
  parseLogText(lines.join('\n'), { year: 2025 }).results.map((r) => (r.kind === 'record' ? [r.record.timestamp, r.record.level, r.record.message] : [r.kind]));

describe("logrus' terminal format", () => {
  it('reads the level and the bracketed time, keeping the padded fields in the message', () => {
    expect(rows([
      'INFO[2025-11-26T10:27:35Z] starting risk engine                          version=2.1.0',
      'ERRO[2025-11-26T10:28:02+01:00] failed to connect   error="connection refused"',
      'FATA[2025-11-26T10:28:04.5Z] cannot continue',
      '\tsecond line of the message',
    ])).toEqual([
      ['2025-11-26T10:27:35Z', 'info', 'starting risk engine                          version=2.1.0'],
      ['2025-11-26T09:28:02Z', 'error', 'failed to connect   error="connection refused"'],
      ['2025-11-26T10:28:04.5Z', 'fatal', 'cannot continue'],
      ['continuation'],
    ]);
  });

  it('keeps the level of a line with seconds since start, which has no absolute time', () => {
    const { results, stats } = parseLogText('INFO[0000] up\nERRO[0042] boom  key=v\nDEBU[0042] tick', { year: 2025 });
    expect(stats.format).toBe('text');
    expect(results.map((r) => (r.kind === 'record' ? [r.record.timestamp, r.record.level, r.record.message, r.record.extra?.uptime] : []))).toEqual([
      [null, 'info', 'up', '0000'], [null, 'error', 'boom  key=v', '0042'], [null, 'debug', 'tick', '0042'],
    ]);
  });

  it('wants a level word and a time in the bracket, on most sampled lines', () => {
    expect(parseBracketLevel('main[2025-11-26T10:27:35Z] x')).toBeNull();
    expect(parseBracketLevel('INFO[main] x')).toBeNull();
    expect(bracketLevelParser(['INFO[0000] up', 'plain', 'plain'])).toBeNull();
    expect(bracketLevelParser(['INFO[0000] up', 'WARN[0001] x', 'plain'])).not.toBeNull();
  });
});
