/** GET /healthz: the server answers and its database does; public, for load balancers and probes. */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { UnavailableError } from '../shared/errors.js';
import { problemResponses, type RoutePlugin } from './kit.js';

/**
 * Runs a trivial query, throwing UnavailableError when the database does not answer.
 * @example await checkDatabase(store.db);
 */
export async function checkDatabase(db: Db): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    throw new UnavailableError('the database does not answer', err);
  }
}

const healthSchema = z.object({ status: z.literal('ok'), database: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoutes: RoutePlugin = (app, { deps }, done) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database check', security: [], response: { 200: healthSchema, ...problemResponses } },
    },
    async () => {
      await checkDatabase(deps.db);
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
  done();
};
