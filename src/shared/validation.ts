/** Runs a zod schema and turns its failure into an InputError whose message names every bad field. */
import type { z } from 'zod';
import { InputError, type ErrorIssue } from './errors.js';

// zod's own English messages ("Invalid option: expected one of "a"|"b"", "Too small: expected number
// to be >=1"). A schema's own message never starts so, and is kept as written.
const ZOD_DEFAULT = /^(Invalid option|Invalid input|Too small|Too big):/;
const SHOWN_MAX = 60;

/**
 * A value as a message quotes it: short, one line, strings in quotes.
 * @example shownValue('bogus') === '"bogus"'
 */
export function shownValue(v: unknown): string {
  if (typeof v === 'string') {
    const quoted = JSON.stringify(v);
    return quoted.length > SHOWN_MAX ? `${quoted.slice(0, SHOWN_MAX - 2)}…"` : quoted;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null) return String(v);
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v;
}

const UNITS: Record<string, [one: string, many: string]> = { string: ['character', 'characters'], array: ['item', 'items'], set: ['item', 'items'], map: ['entry', 'entries'], file: ['byte', 'bytes'] };

/** The bound of a too_small / too_big issue in words: "must be at least 1", "must have at most 500 characters". */
function bound(word: 'at least' | 'at most' | 'more than' | 'less than' | 'exactly', limit: unknown, origin: string): string {
  const unit = UNITS[origin];
  const n = typeof limit === 'bigint' || typeof limit === 'number' ? limit.toString() : String(limit);
  return unit ? `must have ${word} ${n} ${n === '1' ? unit[0] : unit[1]}` : `must be ${word} ${n}`;
}

/**
 * One issue in the words the rest of pfa uses: `expected one of open, resolved (got "bogus")`
 * rather than zod's `Invalid option: expected one of "open"|"resolved"`.
 * @example issueMessage({ code: 'invalid_value', values: ['a', 'b'], input: 'c', path: [], message: 'Invalid option: …' }) // 'expected one of a, b (got "c")'
 */
export function issueMessage(i: z.core.$ZodIssue): string {
  const input: unknown = 'input' in i ? i.input : undefined;
  // zod says "expected string, received undefined" for a missing field; users think "required".
  if (!ZOD_DEFAULT.test(i.message)) return i.message;
  if (i.code === 'invalid_type' && (/received undefined$/.test(i.message) || ('input' in i && input === undefined))) return 'is required';
  const got = input === undefined ? '' : ` (got ${shownValue(input)})`;
  switch (i.code) {
    case 'invalid_value':
      return `expected ${i.values.length === 1 ? shownValue(i.values[0]) : `one of ${i.values.map(String).join(', ')}`}${got}`;
    case 'invalid_type':
      return `expected ${i.expected === 'array' ? 'a list' : i.expected}${got}`;
    case 'too_small':
      return `${bound(i.exact ? 'exactly' : i.inclusive === false ? 'more than' : 'at least', i.minimum, i.origin)}${got}`;
    case 'too_big':
      return `${bound(i.exact ? 'exactly' : i.inclusive === false ? 'less than' : 'at most', i.maximum, i.origin)}${got}`;
    default:
      return i.message;
  }
}

/** @example zodIssues(result.error)[0] // { path: 'status.0', message: 'expected one of open, resolved (got "bogus")' } */
export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: issueMessage(i) }));
}

/**
 * @example const input = validate(incidentCreateSchema, body, 'incident');
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  // reportInput: the issues carry the rejected value, so a message can say what it got.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw validationError(result.error, { prefix: `invalid ${what}: ` });
}

export interface ValidationErrorOptions {
  /** Text before the issues (`invalid filter: `). */
  prefix?: string;
  /** What an issue's path is called in the message (a field path by default; an option on a command line). */
  label?: (path: string) => string;
  /** Also quote the rejected value after a schema's own message, which does not say what it got. */
  showInput?: boolean;
}

/**
 * The InputError of a failed validation: the first three issues, each `label: message`, and how
 * many more; every issue in `issues`. Parse with `reportInput: true` for messages that quote the value.
 * @example throw validationError(result.error, { prefix: 'invalid incident: ' });
 */
export function validationError(error: z.ZodError, { prefix = '', label = (path) => path, showInput = false }: ValidationErrorOptions = {}): InputError {
  const issues = zodIssues(error);
  const shown = issues.slice(0, 3).map(({ path, message }, n) => {
    const raw = error.issues[n];
    const input: unknown = raw && 'input' in raw ? raw.input : undefined;
    const got = !showInput || input === undefined || / \(got .*\)$/.test(message) ? '' : ` (got ${shownValue(input)})`;
    const name = label(path);
    return `${name ? `${name}: ` : ''}${message}${got}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return new InputError(`${prefix}${shown.join('; ')}${more}`, { issues });
}
