import { describe, expect, it } from 'vitest';
import { levelHint, normalizeLevel, numericLevel } from './levels.js';

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
});
