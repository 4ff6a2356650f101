import { describe, expect, it } from 'vitest';
import { levelHint, markLevel, normalizeLevel, numericLevel } from './levels.js';

describe('levels', () => {
  it('keeps fatal apart from crit, as application logs write it (FATAL, F, PANIC, pino 60)', () => {
    expect(['FATAL', 'fatal:', '[Fatal]', 'F', 'PANIC', 'A'].map((w) => normalizeLevel(w))).toEqual(['fatal', 'fatal', 'fatal', 'fatal', 'fatal', 'fatal']);
    expect(['CRITICAL', 'crit', 'C', 'kern.crit'].map((w) => normalizeLevel(w))).toEqual(['crit', 'crit', 'crit', 'crit']);
    expect(numericLevel(60)).toBe('fatal');
    expect(numericLevel(2)).toBe('crit');
  });

  it('ranks fatal above crit: a lowest level of crit or error takes fatal lines, one of alert does not', () => {
    expect(levelHint('crit').test('2025-11-26 10:27:35 FATAL book crossed')).toBe(true);
    expect(levelHint('error').test('2025-11-26 10:27:35 FATAL book crossed')).toBe(true);
    expect(levelHint('alert').test('2025-11-26 10:27:35 FATAL book crossed')).toBe(false);
  });

  it("knows the Go loggers' short spellings, Apache's trace levels and Redis' marks", () => {
    expect(['INF', 'WRN', 'TRC', 'FTL', 'PNC', 'ERRO', 'DEBU', 'FATA', 'PANI', 'dpanic', 'core:trace3'].map((w) => normalizeLevel(w)))
      .toEqual(['info', 'warn', 'trace', 'fatal', 'fatal', 'error', 'debug', 'fatal', 'fatal', 'crit', 'trace']);
    expect(['#', '*', '.', '-', 'x'].map((m) => markLevel(m))).toEqual(['warn', 'notice', 'debug', null, null]);
    // a warning mark is severe enough for a reader skipping lines below warn; a notice mark is not
    expect(levelHint('warn').test('1234:M 26 Nov 2025 10:28:02.200 # Background saving error')).toBe(true);
    expect(levelHint('warn').test('1234:M 26 Nov 2025 10:28:02.200 * Background saving started')).toBe(false);
  });
});
