import { describe, expect, it } from 'vitest';
import { intOption, setPairsToPatch } from './input.js';
import { checkDatabaseUrl } from './runtime.js';

describe('--set pairs', () => {
  it('builds nested merge patches from text and JSON values', () => {
    expect(setPairsToPatch(['impact.trading.orders_lost:=437', 'title=DNS'])).toEqual({ impact: { trading: { orders_lost: 437 } }, title: 'DNS' });
  });

  it('refuses prototype keys and empty path segments instead of silently dropping them', () => {
    for (const pair of ['summary.__proto__=1', '__proto__.polluted=1', 'constructor.prototype.x=1', 'a..b=1', '.=1']) {
      expect(() => setPairsToPatch([pair]), pair).toThrow(/invalid --set/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('database URLs', () => {
  it('passes file paths and postgres URLs, refuses other schemes', () => {
    for (const ok of ['/tmp/x.db', ':memory:', 'postgres://u:p@h/db', 'postgresql://h/db', 'C:/data/pfa.db']) expect(checkDatabaseUrl(ok)).toBe(ok);
    expect(() => checkDatabaseUrl('mysql://h/db')).toThrow(/unsupported database URL scheme "mysql:"/);
    expect(() => checkDatabaseUrl('sqlite:///tmp/x.db')).toThrow(/unsupported/);
  });
});

describe('whole-number options', () => {
  it('takes whole numbers within bounds and names the option otherwise', () => {
    const workers = intOption('--workers', { min: 1, max: 64 });
    expect(workers('2')).toBe(2);
    expect(() => workers('1000')).toThrow(/--workers must be between 1 and 64, got 1000/);
    expect(() => workers('0')).toThrow(/between 1 and 64/);
    expect(() => workers('2.5')).toThrow(/--workers must be a whole number/);
    expect(intOption('--limit')('0')).toBe(0);
  });
});
