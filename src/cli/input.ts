/**
 * Reading input for commands: files (or stdin), `--set path=value` pairs, checked option values,
 * and the usage error of a missing argument (JSON or YAML text: structured.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { fileErrorWords, fsErrorText, InputError } from '../shared/errors.js';
import { isCalendarDate } from '../shared/time.js';
import { validationError } from '../shared/validation.js';
import { EXIT } from './exit.js';

/** Reads a file (`-` for stdin) as text, with a clear error when it cannot be read. */
export function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file === '-' ? 'standard input' : file}: ${fsErrorText(err)}`);
  }
}

/**
 * Checks that every path names a readable file (or is `-`) before a command starts streaming them:
 * a directory otherwise fails deep in a read with an error that names no path.
 * @example requireFiles(['app.log', 'logs/']) // throws InputError('logs/: is a directory, not a file')
 */
export function requireFiles(paths: readonly string[]): void {
  for (const path of paths) {
    if (path === '-') continue;
    let directory: boolean;
    try {
      // pipes and devices (/dev/stdin, a fifo) are read as files
      directory = statSync(path).isDirectory();
    } catch (err) {
      throw new InputError(`${path}: ${fsErrorText(err)}`);
    }
    if (directory) throw new InputError(`${path}: ${fileErrorWords('EISDIR') ?? 'is a directory'}`);
  }
}

/**
 * Stops the command with a usage error (exit 2): a required argument is missing. Commander prints
 * the message and the hint to --help, as for the arguments it checks itself.
 * @example if (!file) usageError(cmd, "missing required argument 'file' (or --core with --binary)");
 */
export function usageError(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: EXIT.usage, code: 'pfa.missingArgument' });
}

/**
 * Validates values that came from options against a schema; the message names the options
 * (`--status: expected one of open, resolved, … (got "bogus")`), not the schema's field paths.
 * A field is named after the option of the same name (`failure_type` → `--failure-type`) unless
 * `names` says otherwise.
 * @example const filter = validateOptions(incidentListQuerySchema, { status: o.status, q: o.query }, { names: { q: '--query' } });
 */
export function validateOptions<S extends z.ZodType>(schema: S, value: unknown, { names = {} }: { names?: Record<string, string> } = {}): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // A schema's own message ("expected one of …") does not say what it got; on a command line it helps.
  throw validationError(result.error, { label: (path) => optionName(path, names), showInput: true });
}

/** `failure_type.0` → `--failure-type`: the option a field came from (list indexes dropped). */
function optionName(path: string, names: Record<string, string>): string {
  const field = path.split('.')[0] ?? '';
  if (field === '') return '';
  return Object.hasOwn(names, field) ? (names[field] as string) : `--${field.replace(/_/g, '-')}`;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Turns `a.b=text` (a string) and `a.b:=json` (a JSON value) pairs into a nested merge patch.
 * @example setPairsToPatch(['impact.trading.orders_lost:=437', 'title=DNS']) // { impact: { trading: { orders_lost: 437 } }, title: 'DNS' }
 */
export function setPairsToPatch(pairs: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z0-9_.]+)(:?=)([\s\S]*)$/.exec(pair);
    if (!m) throw new InputError(`invalid --set "${pair}": expected path=text or path:=json, e.g. impact.trading.orders_lost:=437`);
    const [, path = '', op, raw = ''] = m;
    let value: unknown = raw;
    if (op === ':=') {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new InputError(`invalid --set "${pair}": the value after := must be JSON (e.g. 437, true, null, ["a"])`);
      }
    }
    const keys = path.split('.');
    if (keys.some((k) => k === '')) throw new InputError(`invalid --set "${pair.slice(0, 80)}": the path has an empty segment`);
    // `node.__proto__ = v` would not set a field but replace (or silently ignore) the object's prototype.
    const forbidden = keys.find((k) => FORBIDDEN_KEYS.has(k));
    if (forbidden) throw new InputError(`invalid --set "${pair.slice(0, 80)}": "${forbidden}" is not a field name`);
    let node = patch;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) node[k] = value;
      else {
        const next = node[k];
        node = (typeof next === 'object' && next !== null ? next : (node[k] = {})) as Record<string, unknown>;
      }
    });
  }
  return patch;
}

/** Collects a repeatable option; also splits comma-separated values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/**
 * Commander parser of a whole-number option, bounded: a value outside [min, max] is a user error, not
 * a thousand worker threads or a year the clock cannot hold.
 * @example program.option('--workers <n>', 'threads', intOption('--workers', { min: 1, max: 64 }))
 */
/**
 * Commander parser of a calendar date option (`YYYY-MM-DD`, a day that exists).
 * @example dateOption('--date')('2025-11-26') === '2025-11-26'
 */
export function dateOption(name: string) {
  return (value: string): string => {
    const text = value.trim();
    if (!isCalendarDate(text)) throw new InputError(`${name} must be a date as YYYY-MM-DD, got "${value}"`);
    return text;
  };
}

export function intOption(name: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) {
  return (value: string): number => {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    if (!/^-?\d+$/.test(value.trim())) throw new InputError(`${name} must be a whole number ${range}, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InputError(`${name} must be a whole number ${range}, got ${value.trim()}`);
    return n;
  };
}
