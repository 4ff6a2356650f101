import { describe, expect, it } from 'vitest';
import { logfmtPairs, parseLogfmt } from './logfmt.js';

describe('logfmt', () => {
  it('reads ts, level and a quoted msg with escapes', () => {
    expect(parseLogfmt('ts=2025-11-26T10:27:35.123Z level=warn msg="disk \\"nvme0\\" slow" dev=nvme0 logger=io')).toMatchObject({
      time: { year: 2025, frac: '123', offsetMin: 0 }, level: 'warn', rawLevel: 'warn', message: 'disk "nvme0" slow', component: 'io', dialect: 'logfmt',
    });
  });

  it('uses the remaining pairs as the message when there is no msg', () => {
    expect(parseLogfmt('time=1764152855 lvl=info method=GET path=/orders status=200')).toMatchObject({
      time: { kind: 'epoch', ns: 1764152855_000000000n }, level: 'info', message: 'method=GET path=/orders status=200',
    });
  });

  it('needs at least two pairs, the first at the start', () => {
    expect(parseLogfmt('hello ts=1 level=info')).toBeNull();
    expect(parseLogfmt('8=FIX.4.4|9=12|35=0')).toBeNull();
    expect(logfmtPairs('a=1 bare b="x y"')).toEqual([['a', '1', 0, 3], ['b', 'x y', 9, 16]]);
  });
});

describe('logfmt details', () => {
  it('keeps words outside pairs in the message and reads the host', () => {
    const r = parseLogfmt('ts=2025-11-26T10:21:05Z level=error no msg key here host=gw-01');
    expect(r).toMatchObject({ message: 'no msg key here host=gw-01', host: 'gw-01', level: 'error' });
  });
});
