/**
 * The one mapping from errors to HTTP: every error code to its status, and every failure (ours,
 * Fastify's, unexpected) to an application/problem+json body (RFC 9457) with a stable code.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionError } from '../db/dialect.js';
import { InputError, isPfaError, NotFoundError, PfaError, UnavailableError, type ErrorCode, type ErrorIssue } from '../shared/errors.js';
import { MethodNotAllowedError, PreconditionRequiredError } from './kit.js';

const PROBLEMS: Record<ErrorCode, { status: number; title: string }> = {
  invalid_input: { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  not_allowed: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  version_conflict: { status: 409, title: 'Version conflict' },
  invalid_transition: { status: 409, title: 'Invalid transition' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

// Statuses some invalid_input errors get (see httpStatus), with their own titles.
const STATUS_TITLES: Partial<Record<number, string>> = { 405: 'Method not allowed', 428: 'Precondition required' };

/**
 * The HTTP status of an error: the only place that knows status numbers.
 * @example httpStatus(new NotFoundError('x')) === 404
 */
export function httpStatus(err: PfaError): number {
  // A missing If-Match is bad input like any other, but HTTP has a precise answer for it.
  if (err instanceof PreconditionRequiredError) return 428;
  if (err instanceof MethodNotAllowedError) return 405;
  return PROBLEMS[err.code].status;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  issues?: ErrorIssue[];
  details?: Record<string, unknown>;
  request_id?: string;
}

/**
 * The problem document of an error.
 * @example problemOf(new NotFoundError('incident X not found'), 'req-1').status === 404
 */
export function problemOf(err: PfaError, requestId?: string): Problem {
  const status = httpStatus(err);
  return {
    type: `urn:pfa:problem:${err.code}`,
    title: STATUS_TITLES[status] ?? PROBLEMS[err.code].title,
    status,
    detail: err.message,
    code: err.code,
    ...(err.issues.length ? { issues: err.issues } : {}),
    ...(Object.keys(err.details).length ? { details: err.details } : {}),
    ...(requestId ? { request_id: requestId } : {}),
  };
}

interface HttpishError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  validation?: { instancePath?: string; message?: string }[];
  validationContext?: string;
}

function asHttpish(err: unknown): HttpishError {
  return typeof err === 'object' && err !== null ? err : {};
}

function validationError(e: HttpishError): InputError {
  const part = e.validationContext ?? 'body';
  const prefix = part === 'body' ? '' : `${part === 'querystring' ? 'query' : part}.`;
  const issues: ErrorIssue[] = (e.validation ?? []).map((v) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    return { path: path ? `${prefix}${path}` : prefix.replace(/\.$/, ''), message: v.message ?? 'invalid' };
  });
  const shown = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return new InputError(`invalid ${part === 'querystring' ? 'query' : part}: ${shown.join('; ')}${more}`, { issues });
}

/**
 * Classifies anything thrown while serving a request. `expected` is false for bugs and unknown
 * failures: their message is replaced by a generic one (it may hold internals) and they are logged.
 * @example classify(new SyntaxError('x')).expected === false
 */
export function classify(err: unknown): { error: PfaError; expected: boolean } {
  if (isPfaError(err)) return { error: err, expected: true };
  const e = asHttpish(err);
  if (Array.isArray(e.validation)) return { error: validationError(e), expected: true };
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
  const message = typeof e.message === 'string' ? e.message : 'bad request';
  // Fastify's own client errors (bad JSON, body too large, bad content type…) carry a 4xx status.
  if (status === 413) return { error: new PfaError('payload_too_large', 'request body is larger than the server accepts'), expected: true };
  if (status === 404) return { error: new NotFoundError(message), expected: true };
  if (status === 415) {
    return { error: new InputError('unsupported Content-Type: send the body as application/json', { details: { reason: typeof e.code === 'string' ? e.code : 'unsupported_media_type' } }), expected: true };
  }
  if (status >= 400 && status < 500) return { error: new InputError(message, { details: typeof e.code === 'string' ? { reason: e.code } : {} }), expected: true };
  if (isConnectionError(err)) return { error: new UnavailableError('the database cannot be reached; retry later', err), expected: true };
  return { error: new PfaError('internal', 'internal error; the server log has the details'), expected: false };
}

function sendProblem(reply: FastifyReply, problem: Problem, allow?: readonly string[]): FastifyReply {
  if (problem.code === 'unauthenticated') void reply.header('www-authenticate', 'Bearer realm="pfa"');
  if (allow) void reply.header('allow', allow.join(', '));
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/**
 * Fastify's router answers a path it cannot route (bad percent-encoding, a parameter over
 * `maxParamLength`) before any handler runs; this option makes those answers problems too.
 * @example Fastify({ frameworkErrors: frameworkErrorHandler })
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let error: PfaError;
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') error = new InputError('a path segment is too long (an id has at most 100 characters)', { details: { reason: err.code } });
  else if (err.code === 'FST_ERR_BAD_URL') error = new InputError('the URL path is not valid percent-encoded UTF-8', { details: { reason: err.code } });
  else error = classify(err).error;
  void reply.header('x-request-id', request.id);
  void sendProblem(reply, problemOf(error, request.id));
}

/**
 * The methods each route path takes, learnt as routes are added, so that a known path asked with
 * another method is told apart from an unknown one (405 with `Allow`, not 404).
 */
class RouteMethods {
  private readonly byPattern = new Map<string, { re: RegExp; methods: Set<string> }>();

  add(url: string, method: string | string[]): void {
    let entry = this.byPattern.get(url);
    if (!entry) {
      entry = { re: patternRegex(url), methods: new Set() };
      this.byPattern.set(url, entry);
    }
    for (const m of Array.isArray(method) ? method : [method]) entry.methods.add(m.toUpperCase());
  }

  /** The methods some route takes at `path`, sorted; empty when no route matches it. */
  allowed(path: string): string[] {
    const out = new Set<string>();
    for (const { re, methods } of this.byPattern.values()) if (re.test(path)) for (const m of methods) out.add(m);
    return [...out].sort();
  }
}

/** A Fastify route path as a regex: `:param` (with an optional `(regex)`) is one segment, `*` the rest. */
function patternRegex(url: string): RegExp {
  const parts = url.split(/(:[A-Za-z_$][\w$]*(?:\([^)]*\))?|\*)/);
  const body = parts.map((p, i) => (i % 2 === 0 ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p === '*' ? '.*' : '[^/]+')).join('');
  return new RegExp(`^${body}/?$`);
}

/**
 * Installs the error and not-found handlers on the root instance (plugins inherit them).
 * @example registerProblemHandlers(app);
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  const routes = new RouteMethods();
  app.addHook('onRoute', (r) => routes.add(r.url, r.method));
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { error, expected } = classify(err);
    if (!expected) request.log.error({ err }, 'unexpected error while serving %s %s', request.method, request.url);
    else if (error.code === 'unavailable') request.log.warn({ err }, 'dependency unavailable');
    return sendProblem(reply, problemOf(error, request.id));
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const allow = routes.allowed(path);
    if (allow.length > 0 && !allow.includes(request.method)) {
      const err = new MethodNotAllowedError(request.method, path, allow);
      return sendProblem(reply, problemOf(err, request.id), allow);
    }
    return sendProblem(reply, problemOf(new NotFoundError(`no route ${request.method} ${path}`), request.id));
  });
}
