/**
 * Request authorization as a table of rules: reads need viewer, writes need responder, unless a
 * route says otherwise in `config.access`. The authenticated principal becomes the request's Context.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type Principal } from '../auth/index.js';
import type { Db } from '../db/database.js';
import { roleAtLeast } from '../shared/context.js';
import { NotAllowedError } from '../shared/errors.js';
import type { Access } from './kit.js';

/** Turns an Authorization header into a principal, or throws AuthenticationError. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Principal>;
}

/**
 * Authenticates with the store's API tokens. `localWhenNoTokens` (for a loopback-only server) lets
 * requests without a token in as the local admin while no active token exists.
 * @example const auth = tokenAuthenticator(store.db, { localWhenNoTokens: true });
 */
export function tokenAuthenticator(db: Db, { localWhenNoTokens = false }: { localWhenNoTokens?: boolean } = {}): Authenticator {
  return { authenticate: (authorization) => authenticate({ db }, authorization, { localWhenNoTokens }) };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The access a route needs: its own `config.access`, else by method.
 * @example accessFor('POST', undefined) === 'responder'
 */
export function accessFor(method: string, declared: Access | undefined): Access {
  return declared ?? (READ_METHODS.has(method) ? 'viewer' : 'responder');
}

/**
 * Adds the authorization hook to an (encapsulated) instance: every route registered in it is checked.
 * @example app.register(async (api) => { installAuth(api, auth); api.register(incidentRoutes, { deps }); });
 */
export function installAuth(app: FastifyInstance, auth: Authenticator): void {
  app.decorateRequest('pfaContext', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Unknown routes answer 404 to everyone: no need to authenticate to learn a path does not exist.
    if (request.is404) return;
    const access = accessFor(request.method, request.routeOptions.config.access);
    if (access === 'public') return;
    const who = await auth.authenticate(request.headers.authorization);
    if (!roleAtLeast(who.role, access)) {
      throw new NotAllowedError(`${request.method} ${request.routeOptions.url ?? ''} needs the ${access} role; token "${who.name}" has ${who.role}`, {
        needed: access,
        role: who.role,
      });
    }
    request.pfaContext = { actor: who.name, source: 'api', requestId: request.id, role: who.role };
  });
}
