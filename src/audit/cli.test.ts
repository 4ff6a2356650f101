/** `pfa audit list --json` as a user runs it (needs `npm run build`): the same entries as the API. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Store } from '../db/database.js';
import { createIncident, updateIncident } from '../incidents/service.js';
import { apiClient } from '../server/inject.js';
import { cliContext } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { auditPageSchema } from './schema.js';

const BIN = resolve(import.meta.dirname, '../../bin/pfa.js');

describe.each(databases)('pfa audit list on $name', (database) => {
  let store: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, url, cleanup } = await freshStore(database));
  });
  afterEach(async () => cleanup());

  it('prints the page GET /api/v1/audit returns: snake_case, changes as an object', async () => {
    const deps = { db: store.db, config: DEFAULT_CONFIG };
    const inc = await createIncident(deps, cliContext(), buildIncident());
    await updateIncident(deps, cliContext(), inc.id, { title: 'renamed' }, inc.version);

    const cli = spawnSync(process.execPath, [BIN, '--db', url, '--json', 'audit', 'list', '--limit', '10'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const fromCli = auditPageSchema.parse(JSON.parse(cli.stdout));

    const api = apiClient(store.db);
    try {
      const fromApi = auditPageSchema.parse((await api.request('GET', '/api/v1/audit?limit=10')).json());
      expect(fromCli).toEqual(fromApi);
    } finally {
      await api.close();
    }
    expect(fromCli.items).toHaveLength(2);
    const entry = JSON.parse(cli.stdout) as { items: Record<string, unknown>[] };
    expect(Object.keys(entry.items[1] ?? {})).toEqual(['seq', 'at', 'actor', 'source', 'request_id', 'action', 'subject', 'changes', 'prev_hash', 'hash']);
    expect(entry.items[1]?.changes).toMatchObject({ version: 2, fields: [{ path: 'title' }] });
  });
});
