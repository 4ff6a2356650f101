/**
 * The JSON body parser of the API. Fastify's own answers every failure with "Body is not valid
 * JSON", even a valid body it refuses for a `__proto__` key; this one says what is wrong and where.
 */
import type { FastifyRequest } from 'fastify';
import { InputError, isPfaError } from '../shared/errors.js';

/** Media types parsed as JSON: plain JSON, and RFC 7396 merge patches. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * Refuses keys that would reach an object's prototype once the body is merged or spread: `__proto__`
 * anywhere, and a `constructor` object carrying `prototype`.
 */
function guardKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'))) {
    throw new InputError(`the request body has a "${key}" key, which is refused: it could reach object prototypes`, {
      issues: [{ path: key, message: 'forbidden key' }],
    });
  }
  return value;
}

/**
 * Fastify content-type parser (`parseAs: 'string'`) for JSON bodies.
 * @example app.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string' }, parseJsonBody);
 */
export function parseJsonBody(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(new InputError('the request body is empty: send a JSON document (or no Content-Type: application/json header)'), undefined);
    return;
  }
  try {
    done(null, JSON.parse(text, guardKeys));
  } catch (err) {
    if (isPfaError(err)) return done(err, undefined);
    // V8's message names the position ("Unexpected token } in JSON at position 12"): enough to find it.
    const why = err instanceof Error ? err.message : String(err);
    done(new InputError(`the request body is not valid JSON: ${why.slice(0, 200)}`), undefined);
  }
}
