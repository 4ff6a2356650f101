import { describe, expect, it } from 'vitest';
import { createZone } from './zone.js';

const utc = (s: string): number => Date.parse(s);

describe('createZone', () => {
  it('reads UTC and fixed offsets', () => {
    expect(createZone('UTC').toUtc(utc('2025-11-26T10:00:00Z'))).toEqual([utc('2025-11-26T10:00:00Z')]);
    expect(createZone('+02:00').toUtc(utc('2025-11-26T10:00:00Z'))).toEqual([utc('2025-11-26T08:00:00Z')]);
    expect(createZone('-0530').toUtc(utc('2025-11-26T10:00:00Z'))).toEqual([utc('2025-11-26T15:30:00Z')]);
    expect(createZone('UTC+1').offsetAt(0)).toBe(60);
  });

  it('follows an IANA zone across DST', () => {
    const ny = createZone('America/New_York');
    expect(ny.toUtc(utc('2025-07-01T12:00:00.250Z'))).toEqual([utc('2025-07-01T16:00:00.250Z')]); // EDT
    expect(ny.toUtc(utc('2025-12-01T12:00:00Z'))).toEqual([utc('2025-12-01T17:00:00Z')]); // EST
    expect(ny.offsetAt(utc('2025-07-01T16:00:00Z'))).toBe(-240);
  });

  it('returns both instants of an ambiguous local time, earlier first', () => {
    // 2025-11-02 01:30 happens twice in New York (EDT, then EST).
    expect(createZone('America/New_York').toUtc(utc('2025-11-02T01:30:00Z'))).toEqual([
      utc('2025-11-02T05:30:00Z'),
      utc('2025-11-02T06:30:00Z'),
    ]);
  });

  it('moves a local time inside a spring-forward gap past the jump', () => {
    // 2025-03-09 02:30 does not exist in New York; read with EST it is 07:30Z = 03:30 EDT.
    expect(createZone('America/New_York').toUtc(utc('2025-03-09T02:30:00Z'))).toEqual([utc('2025-03-09T07:30:00Z')]);
  });

  it('handles zones east of UTC and half-hour offsets', () => {
    expect(createZone('Europe/London').toUtc(utc('2025-07-01T12:00:00Z'))).toEqual([utc('2025-07-01T11:00:00Z')]);
    expect(createZone('Asia/Kolkata').toUtc(utc('2025-07-01T12:00:00Z'))).toEqual([utc('2025-07-01T06:30:00Z')]);
  });

  it('rejects unknown zones and absurd offsets', () => {
    expect(() => createZone('Mars/Olympus')).toThrow(/invalid time zone/);
    expect(() => createZone('+25:00')).toThrow(/offset/);
  });
});
