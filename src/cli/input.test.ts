import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from '../shared/errors.js';
import { EXIT } from './exit.js';
import { intOption, readInput, requireFiles, setPairsToPatch, usageError, validateOptions } from './input.js';
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
    expect(() => workers('1000')).toThrow(/--workers must be a whole number from 1 to 64, got 1000/);
    expect(() => workers('0')).toThrow(/from 1 to 64, got 0/);
    // -1 is a whole number: what is wrong with it is the range.
    expect(() => workers('-1')).toThrow(/--workers must be a whole number from 1 to 64, got -1$/);
    expect(() => workers('2.5')).toThrow(/--workers must be a whole number from 1 to 64, got "2.5"/);
    expect(() => intOption('--limit')('-3')).toThrow(/--limit must be a whole number 0 or more, got -3/);
    expect(intOption('--limit')('0')).toBe(0);
  });
});

describe('file arguments', () => {
  it('names the path that is a directory or missing, before anything is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-input-'));
    try {
      const file = join(dir, 'app.log');
      writeFileSync(file, 'x\n');
      expect(() => requireFiles([file, '-'])).not.toThrow();
      expect(() => requireFiles([file, dir])).toThrow(new InputError(`${dir}: is a directory, not a file`));
      expect(() => requireFiles([join(dir, 'nope.log')])).toThrow(new InputError(`${join(dir, 'nope.log')}: no such file or directory`));
      expect(() => readInput(join(dir, 'nope.log'))).toThrow(/^cannot read .*nope\.log: no such file or directory$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('usage errors', () => {
  it('stop the command with exit 2 and the message on stderr, as commander does for its own checks', () => {
    let stderr = '';
    const cmd = new Command('crash').exitOverride().configureOutput({ writeErr: (s) => (stderr += s) });
    let thrown: unknown;
    try {
      usageError(cmd, "missing required argument 'file'");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CommanderError);
    expect((thrown as CommanderError).exitCode).toBe(EXIT.usage);
    expect(stderr).toBe("error: missing required argument 'file'\n");
  });
});

describe('option values checked against a schema', () => {
  const schema = z.object({ status: z.array(z.enum(['open', 'resolved'])).optional(), failure_type: z.string().refine((s) => s.includes('_'), 'expected a snake_case name').optional() });
  const messageOf = (value: unknown) => {
    try {
      validateOptions(schema, value);
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('names the option, the values it takes and what it got', () => {
    expect(messageOf({ status: ['open', 'bogus'] })).toBe('--status: expected one of open, resolved (got "bogus")');
    // a schema's own message gets the value too
    expect(messageOf({ failure_type: 'oom' })).toBe('--failure-type: expected a snake_case name (got "oom")');
    expect(validateOptions(schema, { status: ['open'] })).toEqual({ status: ['open'] });
    // a field filled from an option of another name
    expect(() => validateOptions(schema, { failure_type: 'x' }, { names: { failure_type: '--type' } })).toThrow(/^--type: expected a snake_case name/);
  });
});
