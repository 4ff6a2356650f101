/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with, served at
 * /api/openapi.json and browsable at /api/docs (swagger-ui with its bundled assets: works offline).
 */
import fastifySwagger, { type SwaggerTransformObject } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { noBodyAsEmpty } from './kit.js';

export const DOCS_PATH = '/api/docs';
export const OPENAPI_PATH = '/api/openapi.json';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Error responses are problem documents: give them their media type instead of application/json. */
function problemMediaType(doc: Json): void {
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item)) {
      const responses = isObject(op) && isObject(op.responses) ? op.responses : {};
      for (const res of Object.values(responses)) {
        const content = isObject(res) && isObject(res.content) ? res.content : undefined;
        const json = content?.['application/json'];
        if (content && isObject(json) && isObject(json.schema) && typeof json.schema.$ref === 'string' && json.schema.$ref.endsWith('/Problem')) {
          content['application/problem+json'] = json;
          delete content['application/json'];
        }
      }
    }
  }
}

// Carries "this route takes no body" from a route to its operation (@fastify/swagger copies `x-` keys
// of a route's schema into the operation); optionalBodies turns it into requestBody.required and drops it.
const OPTIONAL_BODY = 'x-pfa-optional-body';

/**
 * @fastify/swagger marks every declared body required, since Fastify itself refuses a missing one. A
 * route with noBodyAsEmpty reads a missing body as `{}`: there the body is optional, and the document
 * must say so, or a generated client would send `{}` where nothing is needed (or refuse to send nothing).
 */
const transform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const hooks = [input.route.preValidation ?? []].flat();
  if (out.schema.body !== undefined && hooks.includes(noBodyAsEmpty)) return { ...out, schema: { ...out.schema, [OPTIONAL_BODY]: true } };
  return out;
};

function optionalBodies(doc: Json): void {
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) {
    for (const op of Object.values(isObject(item) ? item : {})) {
      if (!isObject(op) || !(OPTIONAL_BODY in op)) continue;
      if (isObject(op.requestBody)) op.requestBody.required = false;
      delete op[OPTIONAL_BODY];
    }
  }
}

const transformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input);
  problemMediaType(doc);
  optionalBodies(doc);
  return doc;
};

/**
 * Registers the document generator (before any route, so it sees them all), the UI and the JSON route.
 * @example registerOpenApi(app, { version: '0.1.0' });
 */
export function registerOpenApi(app: FastifyInstance, { version = '0.1.0' }: { version?: string } = {}): void {
  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'pfa API',
        version,
        description:
          'Post-failure analysis for trading infrastructure. Send `Authorization: Bearer <token>` (create one with `pfa token create`). ' +
          'Reads need the viewer role, writes responder. Errors are application/problem+json with a stable `code` (see docs/errors.md).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'pfa_… API token' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'incidents', description: 'Incident records and their lifecycle' },
        { name: 'policy', description: 'Post-mortem policy and deadlines' },
        { name: 'audit', description: 'Hash-chained audit trail' },
        { name: 'system', description: 'Health' },
      ],
    },
    transform,
    transformObject,
  });
  void app.register(fastifySwaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, (_req, reply) => reply.send(app.swagger()));
  // Someone who opens the server's address in a browser lands on the API's documentation, not a 404.
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect(`${DOCS_PATH}/`));
}
