import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { validate, zodIssues } from './validation.js';

const filter = z.object({
  status: z.array(z.enum(['open', 'resolved', 'closed'])).optional(),
  kind: z.enum(['sys', 'inc']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  title: z.string().max(5).optional(),
  tags: z.array(z.string()).min(1).optional(),
  severity: z.enum(['P0', 'P1'], { message: 'expected P0 or P1 (P0 critical)' }).optional(),
  name: z.string(),
});

const messageOf = (value: unknown): string => {
  try {
    validate(filter, value, 'filter');
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('no error');
};

describe('validate', () => {
  it('says which values an enum takes and what it got, in plain words', () => {
    expect(messageOf({ name: 'x', status: ['bogus'] })).toBe('invalid filter: status.0: expected one of open, resolved, closed (got "bogus")');
    expect(messageOf({ name: 'x', kind: 'foo' })).toBe('invalid filter: kind: expected one of sys, inc (got "foo")');
    expect(messageOf({ name: 'x', kind: 'foo' })).not.toMatch(/Invalid option|"\|"/);
  });

  it('words bounds and types without zod jargon', () => {
    expect(messageOf({ name: 'x', limit: 0 })).toBe('invalid filter: limit: must be at least 1 (got 0)');
    expect(messageOf({ name: 'x', limit: 501 })).toBe('invalid filter: limit: must be at most 500 (got 501)');
    expect(messageOf({ name: 'x', title: 'too long' })).toBe('invalid filter: title: must have at most 5 characters (got "too long")');
    expect(messageOf({ name: 'x', tags: [] })).toBe('invalid filter: tags: must have at least 1 item (got a list)');
    expect(messageOf({ name: 7 })).toBe('invalid filter: name: expected string (got 7)');
    expect(messageOf({})).toBe('invalid filter: name: is required');
  });

  it("keeps a schema's own message", () => {
    expect(messageOf({ name: 'x', severity: 'P9' })).toBe('invalid filter: severity: expected P0 or P1 (P0 critical)');
  });

  it('shortens a long rejected value', () => {
    const msg = messageOf({ name: 'x', kind: 'k'.repeat(500) });
    expect(msg.length).toBeLessThan(150);
    expect(msg).toMatch(/\(got "k+…"\)$/);
  });

  it('gives the same words to callers that run the schema themselves', () => {
    const r = filter.safeParse({ name: 'x', kind: 'foo' });
    expect(r.success).toBe(false);
    if (!r.success) expect(zodIssues(r.error)).toEqual([{ path: 'kind', message: 'expected one of sys, inc' }]);
  });
});
