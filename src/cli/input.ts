/** Reading structured input for commands: JSON or YAML files (or stdin), and `--set path=value` pairs. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../shared/errors.js';

/** Reads a file (`-` for stdin) as text, with a clear error when it cannot be read. */
export function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file === '-' ? 'standard input' : file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Parses JSON or YAML text (JSON is YAML, but JSON errors read better from JSON.parse). */
export function parseStructured(text: string, name: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new InputError(`${name} is not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new InputError(`${name} is not valid YAML: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
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
export function intOption(name: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InputError(`${name} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InputError(`${name} must be between ${min} and ${max}, got ${value}`);
    return n;
  };
}
