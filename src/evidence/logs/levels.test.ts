import { describe, expect, it } from 'vitest';
import { headerLevel, headerLevelIn, levelHint, markLevel, normalizeLevel, numericLevel } from './levels.js';

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

  it("reads MySQL's [Note] and [System] labels as info, in brackets and in that spelling only", () => {
    const line = '2025-11-26T10:27:35.123456Z 0 [Note] [MY-010311] [Server] Server socket created';
    expect(headerLevelIn(line, 31, 35)).toBe('info');
    expect(headerLevelIn('2025-11-26T10:27:37.1Z 0 [System] [MY-010910] [Server] Shutdown complete', 26, 32)).toBe('info');
    // a token that holds its brackets, as a level-led line writes it
    expect(headerLevelIn('[Note] up', 0, 6)).toBe('info');
    expect(headerLevel('[System]')).toBe('info');
    // bare, they begin a message; in other spellings, a component
    expect(headerLevelIn('10:27:35 Note that the book was stale', 9, 13)).toBeNull();
    expect(headerLevelIn('10:27:35 System halted', 9, 15)).toBeNull();
    expect(headerLevelIn('10:27:35 [SYSTEM] user logged in', 10, 16)).toBeNull();
    expect(headerLevelIn('10:27:35 [note] x', 10, 14)).toBeNull();
    expect(['Note', 'System', 'note'].map((w) => headerLevel(w))).toEqual([null, null, null]);
    expect(['Note', '[Note]', 'System'].map((w) => normalizeLevel(w))).toEqual([null, null, null]);
    // a reader skipping lines below info still parses them in full; one below notice does not
    expect(levelHint('info').test(line)).toBe(true);
    expect(levelHint('notice').test(line)).toBe(false);
  });
});
