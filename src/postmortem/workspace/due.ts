/** Due dates of the action items the workspace creates: a calendar date or an instant, never free text. */
import { InputError } from '../../shared/errors.js';
import { normalizeTimestamp, parseTimestamp } from '../../shared/time.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A due date as stored: a calendar date stays a date (`2025-12-01`, as the record's own action items
 * write it), a time of day becomes RFC 3339 UTC. "tomorrow", "2025-02-30" or "12/01" are refused:
 * a due date that no tracker or overdue report can read is no due date.
 * @example parseDue('2025-12-01T11:00:00+01:00') === '2025-12-01T10:00:00Z'
 */
export function parseDue(input: string): string {
  const s = input.trim();
  try {
    if (DATE.test(s)) {
      parseTimestamp(s); // refuses 2025-02-30
      return s;
    }
    const normal = normalizeTimestamp(s);
    parseTimestamp(normal); // a zone offset can push a year-9999 date past what the record holds
    return normal;
  } catch {
    throw new InputError(`invalid due date "${s.slice(0, 60)}": expected a date such as 2025-12-01 or an RFC 3339 timestamp such as 2025-12-01T17:00:00Z`);
  }
}
