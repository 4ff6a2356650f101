/**
 * The HTTP API as a Fastify instance: zod validation through the type provider, problem+json
 * errors, token authorization on /api/v1, and the generated OpenAPI document. Testable with `app.inject`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { analysisRoutes } from '../analysis/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { captureRoutes } from '../capture/routes.js';
import { alertWebhookRoutes } from '../evidence/alerts/index.js';
import { evidenceRoutes } from '../evidence/routes.js';
import { timelineRoutes } from '../evidence/timeline/routes.js';
import type { Deps } from '../incidents/service.js';
import { incidentRoutes } from '../incidents/routes.js';
import { policyRoutes } from '../policy/routes.js';
import { postmortemRoutes } from '../postmortem/routes.js';
import { bigintsAsStrings } from '../shared/json.js';
import { installAuth, type Authenticator } from './auth.js';
import { healthRoutes } from './health.js';
import { JSON_MEDIA_TYPES, parseJsonBody } from './json-body.js';
import { registerOpenApi } from './openapi.js';
import { frameworkErrorHandler, registerProblemHandlers } from './problem.js';

export const API_PREFIX = '/api/v1';

/** Largest request body: an incident with pasted logs and backtraces fits; a runaway upload does not. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

export interface AppOptions {
  deps: Deps;
  auth: Authenticator;
  /** Pino logger; by default warnings and errors go to stdout. */
  logger?: FastifyBaseLogger;
  bodyLimit?: number;
}

const CLIENT_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** A caller's X-Request-Id is kept (it ties our audit entries to their logs) when it is short and plain. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Responses are typed against their schemas at compile time; at run time they are plain JSON (bigints as strings). */
function jsonSerializer() {
  return (data: unknown) => JSON.stringify(data, bigintsAsStrings);
}

/**
 * Builds the API server (not listening: call `listen`, or `inject` in tests).
 * @example const app = buildApp({ deps, auth: tokenAuthenticator(deps.db) }); const res = await app.inject({ url: '/api/v1/healthz' });
 */
export function buildApp({ deps, auth, logger, bodyLimit = DEFAULT_BODY_LIMIT }: AppOptions) {
  const app = Fastify({
    loggerInstance: logger ?? pino({ level: 'warn' }),
    bodyLimit,
    genReqId: requestIdOf,
    // Ids are also stored in audit entries; keep them out of reach of prototype tricks in JSON bodies
    // (server/json-body.ts refuses such keys in the bodies it parses; these cover Fastify's own parser).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(jsonSerializer);
  registerProblemHandlers(app);
  // Bodies are JSON (RFC 7396 merge patches too, as application/merge-patch+json). No route takes
  // text: a JSON document sent as text/plain is refused with a clear message instead of "expected object".
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string' }, parseJsonBody);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

  registerOpenApi(app);
  void app.register(
    (api, _opts, done) => {
      installAuth(api, auth);
      void api.register(healthRoutes, { deps });
      void api.register(incidentRoutes, { deps });
      void api.register(policyRoutes, { deps });
      void api.register(auditRoutes, { deps });
      void api.register(alertWebhookRoutes, { deps });
      void api.register(analysisRoutes, { deps });
      void api.register(postmortemRoutes, { deps });
      void api.register(evidenceRoutes, { deps });
      void api.register(timelineRoutes, { deps });
      void api.register(captureRoutes, { deps });
      done();
    },
    { prefix: API_PREFIX },
  );
  return app;
}

export type App = ReturnType<typeof buildApp>;
