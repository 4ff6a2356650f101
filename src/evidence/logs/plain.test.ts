import { describe, expect, it } from 'vitest';
import { parseLogText } from './parser.js';
import { leveledPlainParser, parseLeveled } from './plain.js';

describe('time-less files that lead with a level', () => {
  it("reads Python logging's default format: level, logger, message; a traceback continues its record", () => {
    const { results, stats } = parseLogText([
      'WARNING:root:config file not found, using defaults',
      'ERROR:risk.engine:limit breach on account 7',
      'Traceback (most recent call last):',
      '  File "/app/risk/engine.py", line 42, in check',
      'ZeroDivisionError: division by zero',
      'CRITICAL:root:shutting down',
    ].join('\n'));
    expect(stats.format).toBe('plain');
    expect(results.map((r) => (r.kind === 'record' ? [r.record.timestamp, r.record.level, r.record.component, r.record.message, r.record.flags ?? []] : r.kind))).toEqual([
      [null, 'warn', 'root', 'config file not found, using defaults', []],
      [null, 'error', 'risk.engine', 'limit breach on account 7', []],
      'continuation', 'continuation', 'continuation',
      [null, 'crit', 'root', 'shutting down', []],
    ]);
  });

  it("reads HAProxy's stderr and leaves prose alone", () => {
    expect(parseLeveled('[ALERT]    (1234) : Current worker (1240) exited with code 139')).toMatchObject({ level: 'alert', message: '(1234) : Current worker (1240) exited with code 139' });
    expect(parseLeveled('Error: something in prose')).toBeNull();
    expect(parseLeveled('NOTE: not a level')).toBeNull();
    // a file of prose with the odd level-led line stays plain: every line its own record
    expect(leveledPlainParser(['hello there', 'ERROR: boom', 'more prose', 'still prose'])).toBeNull();
    const { results } = parseLogText('hello there\nERROR: boom\nmore prose\n');
    expect(results.map((r) => r.kind)).toEqual(['record', 'record', 'record']);
  });
});
