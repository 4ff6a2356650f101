import { describe, expect, it } from 'vitest';
import { matchTimestamp, parseTimeText, timeKey } from './timestamp.js';

const fields = (s: string, pos = 0): unknown => {
  const m = matchTimestamp(s, pos);
  return m && m.value.kind === 'wall'
    ? [m.value.year, m.value.month, m.value.day, m.value.hour, m.value.minute, m.value.second, m.value.frac, m.value.offsetMin, s.slice(pos, m.end)]
    : m?.value ?? null;
};

describe('matchTimestamp', () => {
  it.each([
    ['2025-11-26T10:27:35.123456789Z rest', [2025, 11, 26, 10, 27, 35, '123456789', 0, '2025-11-26T10:27:35.123456789Z']],
    ['2025-11-26 10:27:35,123 ERROR', [2025, 11, 26, 10, 27, 35, '123', null, '2025-11-26 10:27:35,123']],
    ['2025-11-26 10:27:35 +0200 x', [2025, 11, 26, 10, 27, 35, '', 120, '2025-11-26 10:27:35 +0200']],
    ['2025/11/26 10:27:35 msg', [2025, 11, 26, 10, 27, 35, '', null, '2025/11/26 10:27:35']],
    ['081109 203615 148 INFO', [2008, 11, 9, 20, 36, 15, '', null, '081109 203615']],
    ['17/06/09 20:10:40 INFO', [2017, 6, 9, 20, 10, 40, '', null, '17/06/09 20:10:40']],
    ['03-17 16:13:38.811  1702', [null, 3, 17, 16, 13, 38, '811', null, '03-17 16:13:38.811']],
    ['20171223-22:15:29:606|x', [2017, 12, 23, 22, 15, 29, '606', null, '20171223-22:15:29:606']],
    ['20171224-0:0:0:9|x', [2017, 12, 24, 0, 0, 0, '009', null, '20171224-0:0:0:9']],
    // FIX's UTCTimestamp is UTC whatever --tz says; HealthApp's `:606` milliseconds above are local
    ['20260115-14:30:00.123456789 : 8=FIX', [2026, 1, 15, 14, 30, 0, '123456789', 0, '20260115-14:30:00.123456789']],
    ['Nov  6 10:27:35 host', [null, 11, 6, 10, 27, 35, '', null, 'Nov  6 10:27:35']],
    ['Sun Dec 04 04:47:44 2005] [notice]', [2005, 12, 4, 4, 47, 44, '', null, 'Sun Dec 04 04:47:44 2005']],
    ['Wed, 26 Nov 2025 10:27:35 GMT', [2025, 11, 26, 10, 27, 35, '', 0, 'Wed, 26 Nov 2025 10:27:35 GMT']],
    ['26/Nov/2025:10:27:35 +0100]', [2025, 11, 26, 10, 27, 35, '', 60, '26/Nov/2025:10:27:35 +0100']],
    ['2005-06-03-15.42.50.675872 R02', [2005, 6, 3, 15, 42, 50, '675872', null, '2005-06-03-15.42.50.675872']],
    ['I1126 10:27:35.123456 12345 f.cc:1]', [null, 11, 26, 10, 27, 35, '123456', null, 'I1126 10:27:35.123456']],
  ])('reads %j', (line, expected) => {
    expect(fields(line)).toEqual(expected);
  });

  it('reads epochs of every unit and keeps nanoseconds exact', () => {
    expect(fields('1131566461 x')).toEqual({ kind: 'epoch', ns: 1131566461_000000000n, digits: 0 });
    expect(fields('1764152855123 x')).toEqual({ kind: 'epoch', ns: 1764152855123_000000n, digits: 3 });
    expect(fields('1764152855123456789 x')).toEqual({ kind: 'epoch', ns: 1764152855123456789n, digits: 9 });
  });

  it('refuses what only looks like a time', () => {
    expect(fields('2025-13-26 10:27:35')).toBeNull();
    expect(fields('2025-02-30 10:27:35')).toBeNull();
    expect(fields('12345678 not a time')).toBeNull();
    expect(fields('0000000001 too early for an epoch')).toBeNull();
    expect(fields('at com.foo.Bar')).toBeNull();
    expect(fields('2005.11.09-dn228')).toBeNull(); // a bare date must stand alone
  });

  it('gives the glog level letter', () => {
    expect(matchTimestamp('E1126 10:27:35.1 1 x.go:2] boom')?.level).toBe('E');
  });
});

describe('parseTimeText', () => {
  it('reads whole values: RFC 3339, epochs as text, fractional epochs', () => {
    expect(parseTimeText('2025-11-26T10:27:35.5+01:00')).toMatchObject({ kind: 'wall', hour: 10, offsetMin: 60, frac: '5' });
    expect(parseTimeText('1764152855.123456')).toEqual({ kind: 'epoch', ns: 1764152855_123456000n, digits: 6 });
    expect(parseTimeText('2025-11-26T10:27:35Z trailing')).toBeNull();
  });
});

describe('shape pre-checks', () => {
  it('still read every digit-led shape whose separators are checked before its regex', () => {
    expect(matchTimestamp('1/2/2025 10:27:35 x', 0)?.value).toMatchObject({ year: 2025, month: 1, day: 2, hour: 10 });
    expect(matchTimestamp('1-11-2025 10:27:35 x', 0)?.value).toMatchObject({ year: 2025, month: 11, day: 1 });
    expect(matchTimestamp('26.11.2025 10:27:35 x', 0)?.value).toMatchObject({ year: 2025, month: 11, day: 26 });
    expect(matchTimestamp('26.1.2025 10:27:35 x', 0)?.value).toMatchObject({ year: 2025, month: 1, day: 26 });
    expect(matchTimestamp('25-11-26 10:27:35 x', 0)?.value).toMatchObject({ year: 2025, month: 11, day: 26 });
    expect(matchTimestamp('2005-06-03-15.42.50.675872 x', 0)?.value).toMatchObject({ year: 2005, hour: 15, frac: '675872' });
    expect(matchTimestamp('2005-06-03-15:42:50 x', 0)?.value).toMatchObject({ year: 2005, hour: 15, minute: 42 });
    expect(matchTimestamp('03-17 16:13:38.811 x', 0)?.value).toMatchObject({ year: null, month: 3, day: 17 });
    expect(matchTimestamp('26-Nov-2025 10:27:35 x', 0)?.value).toMatchObject({ year: 2025, month: 11 });
    expect(matchTimestamp('Nov 26 10:27:35 x', 0)?.value).toMatchObject({ month: 11, day: 26 });
    expect(matchTimestamp('Wed Nov 26 10:27:35 2025', 0)?.value).toMatchObject({ year: 2025, month: 11 });
    expect(matchTimestamp('No 26 10:27:35', 0)).toBeNull();
    expect(matchTimestamp('Nov', 0)).toBeNull();
  });
});

describe('zone abbreviations', () => {
  it('gives the offset of an unambiguous abbreviation and leaves an ambiguous one to the tz option', () => {
    expect(matchTimestamp('2025-11-26 11:27:35.123 CET [1] x', 0)?.value).toMatchObject({ hour: 11, offsetMin: 60 });
    expect(matchTimestamp('2025-07-01 10:00:00 EDT x', 0)?.value).toMatchObject({ offsetMin: -240 });
    expect(matchTimestamp('Wed Nov 26 10:27:35 CEST 2025', 0)?.value).toMatchObject({ year: 2025, offsetMin: 120 });
    const cst = matchTimestamp('2025-11-26 10:27:35 CST x', 0);
    expect(cst?.value).toMatchObject({ offsetMin: null });
    expect(cst?.end).toBe('2025-11-26 10:27:35 CST'.length);
    // a capitalised word that is no zone stays out of the time
    expect(matchTimestamp('2025-11-26 10:27:35 INFO x', 0)?.end).toBe(19);
    expect(matchTimestamp('2025-11-26 10:27:35 ESTONIA x', 0)?.end).toBe(19);
  });
});

describe('timeKey', () => {
  const key = (s: string, pos = 0): ReturnType<typeof timeKey> => {
    const m = matchTimestamp(s, pos);
    return m && timeKey(s, m);
  };
  const digits = (s: string, at: number, n: number): number => Number(s.slice(at, at + n));

  it.each([
    '2025-11-26 10:27:35,123 INFO x',
    '2025-11-26T10:27:35.123456789Z x',
    '2025/11/26 10:27:35 msg',
    '2025-11-26 10:27:35 +0200 x',
    '081109 203615 148 INFO',
    '17/06/09 20:10:40 INFO',
    '03-17 16:13:38.811 D x',
    '20260115-14:30:00.123456789 : 8=FIX',
    '20251126T102735.5Z x',
    'Nov  6 10:27:35 host',
    'Sun Dec 04 04:47:44 2005] [notice]',
    'Wed, 26 Nov 2025 10:27:35 GMT x',
    '26/Nov/2025:10:27:35 +0100]',
    '2005-06-03-15.42.50.675872 R02',
    'I1126 10:27:35.123456 12345 f.cc:1]',
    '26.11.2025 10:27:35 x',
  ])('finds the minutes, seconds and fraction of %j', (line) => {
    const m = matchTimestamp(line);
    const k = m && timeKey(line, m);
    if (!m || m.value.kind !== 'wall' || !k) throw new Error('no key');
    expect([digits(line, k.minute, 2), digits(line, k.second, 2), line.slice(k.fracFrom, k.fracTo)]).toEqual([m.value.minute, m.value.second, m.value.frac]);
    expect(k.key).toBe(m.end + 1);
  });

  it('says what may follow the time: the line end, a closing mark, or a word that is no zone', () => {
    expect(key('2025-11-26 10:27:35,123')).toMatchObject({ key: 23, tail: '$' });
    expect(key('[2025-11-26 10:27:35.123] [info] x', 1)).toMatchObject({ key: 25, tail: '' });
    expect(key('2025-11-26 10:27:35.123|x')).toMatchObject({ key: 24, tail: '' });
    const spaced = key('2025-11-26 10:27:35,123\tINFO x');
    expect(spaced?.key).toBe(24);
    const after = new RegExp(spaced?.tail ?? '', 'y');
    const ok = (rest: string): boolean => ((after.lastIndex = 0), after.test(rest));
    expect(['INFO x', 'ESTONIA x', 'main', '', '[x]'].map(ok)).toEqual([true, true, true, true, true]);
    expect(['UTC x', '  CET x', 'Z', '+0200', '-05:00', '42 x'].map(ok)).toEqual([false, false, false, false, false, false]);
  });

  it('has none when the time could read on, or is not written digit for digit', () => {
    expect(key('2025-11-26 10:27:35 UTC x')?.key).toBe(24); // the zone is part of the time, and fixed
    expect(key('2025-11-26 10:27:35  UTC x')).toBeNull(); // a zone after two spaces is no zone, but could be
    expect(key('2025-11-26 10:27:35 42 x')).toBeNull();
    expect(key('03-17 16:13:38.811  1702 x')).toBeNull();
    // HDFS' and glog's shapes read nothing after the time: a number may follow
    expect(key('081109 203615 148 INFO x')).toMatchObject({ key: 14, tail: '' });
    expect(key('I1126 10:27:35.123456 12345 f.cc:1] x')).toMatchObject({ key: 22, tail: '' });
    expect(key('2025-11-26 10:27:35,x')).toBeNull();
    expect(key('2025-11-26 10:27:35x')).toBeNull();
    expect(key('2025-11-26 10:27 x')).toBeNull(); // no seconds
    expect(key('2025-11-26 1:27:35 x')?.minute).toBe(13);
    expect(key('2025-11-26 10:7:35 x')).toBeNull();
    expect(key('20171223-22:15:29:606|x')).toBeNull(); // a millisecond count
    expect(key('1764152855123 x')).toBeNull();
    expect(key('2005.11.09 x')).toBeNull();
  });
});

describe('times of day without a date', () => {
  const dateless = (s: string): unknown => {
    const m = matchTimestamp(s, 0, true);
    return m && m.value.kind === 'wall' ? [m.value.year, m.value.month, m.value.day, m.value.hour, m.value.minute, m.value.second, m.value.frac, m.value.offsetMin, s.slice(0, m.end)] : null;
  };

  it('reads HH:mm:ss with a fraction or a zone only where asked (a header start)', () => {
    expect(dateless('10:27:35.123 [main] ERROR a.B - boom')).toEqual([null, 0, 0, 10, 27, 35, '123', null, '10:27:35.123']);
    expect(dateless('23:59:59,999999 x')).toEqual([null, 0, 0, 23, 59, 59, '999999', null, '23:59:59,999999']);
    expect(dateless('10:27:35 +0200 x')).toEqual([null, 0, 0, 10, 27, 35, '', 120, '10:27:35 +0200']);
    expect(matchTimestamp('10:27:35.123 x', 0)).toBeNull();
    expect(parseTimeText('10:27:35')).toBeNull();
  });

  it('refuses impossible or short clock readings', () => {
    for (const s of ['24:00:01 x', '10:60:00 x', '1:02:03 x', '10:27 x', '102:27:35 x']) expect(dateless(s)).toBeNull();
  });

  it('keys a time of day like any wall time, for the next lines of its hour', () => {
    const line = '10:27:35.123 [main] INFO a.B - x';
    const m = matchTimestamp(line, 0, true);
    expect(m && timeKey(line, m)).toEqual({ key: 13, minute: 3, second: 6, fracFrom: 9, fracTo: 12, tail: expect.any(String) as string });
  });
});

describe('12-hour clocks', () => {
  it('reads AM and PM after the time, and keys no such line for the memo', () => {
    expect(fields('11/26/2025 10:27:35 PM ERROR boom')).toEqual([2025, 11, 26, 22, 27, 35, '', null, '11/26/2025 10:27:35 PM']);
    expect(fields('11/26/2025 12:05:00 AM x')).toEqual([2025, 11, 26, 0, 5, 0, '', null, '11/26/2025 12:05:00 AM']);
    expect(fields('11/26/2025 12:05:00.5pm x')).toEqual([2025, 11, 26, 12, 5, 0, '5', null, '11/26/2025 12:05:00.5pm']);
    expect(fields('Nov 26 2025 1:02:03 p.m. x')).toEqual([2025, 11, 26, 13, 2, 3, '', null, 'Nov 26 2025 1:02:03 p.m.']);
    // a 24-hour time, a zone, or a word that only starts like the mark stays as it was
    expect(fields('11/26/2025 22:27:35 PM x')).toEqual([2025, 11, 26, 22, 27, 35, '', null, '11/26/2025 22:27:35']);
    expect(fields('2025-11-26 10:27:35 PMC started')).toEqual([2025, 11, 26, 10, 27, 35, '', null, '2025-11-26 10:27:35']);
    const line = '11/26/2025 10:27:35 PM ERROR boom';
    const m = matchTimestamp(line, 0);
    expect(m && timeKey(line, m)).toBeNull();
  });
});
