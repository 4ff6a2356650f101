/**
 * What route modules (incidents/routes.ts, policy/routes.ts…) need from the HTTP layer: their
 * options, the request's Context, access levels, ETags and the problem schema for the OpenAPI document.
 */
import type { FastifyPluginCallback, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../incidents/service.js';
import type { Context, Role } from '../shared/context.js';
import { ERROR_CODES, InputError } from '../shared/errors.js';

/** Who may call a route: anyone, or at least this role. */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Defaults to viewer for GET/HEAD and responder for other methods (see server/auth.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every authorized request. */
    pfaContext: Context | null;
  }
}

export interface RouteOptions {
  deps: Deps;
}

/**
 * A route module: a Fastify plugin typed by the zod provider, given the service dependencies.
 * @example export const fooRoutes: RoutePlugin = (app, { deps }, done) => { app.get('/foo', …); done(); };
 */
export type RoutePlugin = FastifyPluginCallback<RouteOptions, RawServerDefault, ZodTypeProvider>;

/**
 * The Context of an authorized request, for service calls.
 * @example await createIncident(deps, contextOf(req), req.body)
 */
export function contextOf(request: FastifyRequest): Context {
  // Only reachable on a route the auth hook let through; a public route asking for it is a bug.
  if (!request.pfaContext) throw new Error(`route ${request.routeOptions.url ?? request.url} has no request context (is it public?)`);
  return request.pfaContext;
}

/**
 * A `preValidation` hook for routes whose body fields are all optional: a request without a body
 * (Fastify gives null) is validated as `{}`, so it takes the defaults instead of "expected object".
 * @example app.post('/captures', { preValidation: noBodyAsEmpty, schema: { body: captureRequestSchema } }, …)
 */
export function noBodyAsEmpty(request: FastifyRequest, _reply: unknown, done: () => void): void {
  request.body ??= {};
  done();
}

/**
 * The strong ETag of a versioned record.
 * @example etagFor(3) === '"3"'
 */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client based a change on, from `If-Match` (an ETag) and/or a `version` value.
 * Returns undefined when neither is given; both given must agree.
 * @example versionFrom('"3"', undefined) === 3
 */
export function versionFrom(ifMatch: string | undefined, explicit: number | undefined): number | undefined {
  let fromHeader: number | undefined;
  if (ifMatch !== undefined && ifMatch.trim() !== '') {
    const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
    // `*` would mean "whatever the current version is": a blind overwrite, which is what If-Match prevents.
    if (!m?.[1]) throw new InputError(`If-Match must be the ETag of one version, e.g. "3" (got ${JSON.stringify(ifMatch.slice(0, 40))})`);
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && explicit !== undefined && fromHeader !== explicit) {
    throw new InputError(`If-Match (${fromHeader}) and version (${explicit}) disagree`);
  }
  return fromHeader ?? explicit;
}

/**
 * The change needs a version (If-Match) and none was given. Still `invalid_input` in the code
 * catalogue; server/problem.ts answers it with 428 Precondition Required.
 */
export class PreconditionRequiredError extends InputError {}

/**
 * The path exists but not with this method. Still `invalid_input` in the code catalogue;
 * server/problem.ts answers it with 405 Method Not Allowed and an `Allow` header (RFC 9110).
 */
export class MethodNotAllowedError extends InputError {
  constructor(
    method: string,
    path: string,
    readonly allow: readonly string[],
  ) {
    super(`${path} does not take ${method}: it takes ${allow.join(', ')}`, { details: { reason: 'method_not_allowed', allow } });
  }
}

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI naming the error kind: urn:pfa:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES).describe('Stable error code; see docs/errors.md'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('Every invalid field, for invalid_input'),
    details: z.record(z.string(), z.unknown()).optional().describe('Machine-readable facts, e.g. current_version on version_conflict'),
    request_id: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'application/problem+json error body (RFC 9457)' });

/** Response schemas of the usual error statuses, for the OpenAPI document. */
export const problemResponses = { '4xx': problemSchema, '5xx': problemSchema } as const;
