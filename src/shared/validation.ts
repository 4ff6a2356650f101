/** Runs a zod schema and turns its failure into an InputError whose message names every bad field. */
import type { z } from 'zod';
import { InputError, type ErrorIssue } from './errors.js';

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    // zod says "expected string, received undefined" for a missing field; users think "required".
    message: i.code === 'invalid_type' && /received undefined$/.test(i.message) ? 'is required' : i.message,
  }));
}

/**
 * @example const input = validate(incidentCreateSchema, body, 'incident');
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const first = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  throw new InputError(`invalid ${what}: ${first.join('; ')}${more}`, { issues });
}
