/**
 * Test support: a store with a row in every table, through the services that write them (the demo
 * incidents and their reviews, a published post-mortem, stored evidence, a removed timeline entry, an
 * API token), and the comparison of two stores row by row.
 */
import { createHash } from 'node:crypto';
import { createToken } from '../auth/service.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Store } from '../db/database.js';
import { TABLE_NAMES, type TableName } from '../db/tables.js';
import { loadDemo } from '../demo/index.js';
import { addEvidence } from '../evidence/service.js';
import { createIncident, type Deps } from '../incidents/service.js';
import { reviewStep } from '../postmortem/review/service.js';
import { insertDismissals } from '../postmortem/workspace/store.js';
import { cliContext } from '../shared/context.js';
import { buildIncident } from '../test/factories.js';
import { rng } from '../test/random.js';
import { allRows } from './rows.js';

export const depsOf = (store: Store): Deps => ({ db: store.db, config: DEFAULT_CONFIG });

/** Fills `store`; returns the API token's secret. */
export async function fillStore(store: Store): Promise<{ token: string }> {
  const deps = depsOf(store);
  const ctx = cliContext();
  await loadDemo(deps, ctx);
  // The demo's approved post-mortem, published: a version row with its record and document.
  await reviewStep(deps, ctx, 'INC-20251126-001', 'published', { render: (inc) => `# ${inc.title}\n\nÜberlast — 東京 ✓\n` });
  await createIncident(deps, ctx, buildIncident());
  // A large stored file (several pages of the copy's reads) and one kept as base64.
  const random = rng(7);
  const log = Array.from({ length: 6000 }, (_, i) => `2025-11-26T10:27:${String(i % 60).padStart(2, '0')}Z gw-${Math.floor(random() * 100)} order ${i} rejected: "quote" \\ tab\t`).join('\n');
  for (const [id, content, encoding] of [
    ['file-big-SYS-20251126-001', log, undefined],
    ['file-bin-SYS-20251126-001', Buffer.from([0, 1, 2, 255]).toString('base64'), 'base64'],
  ] as const) {
    await addEvidence(deps, ctx, {
      id,
      kind: 'file',
      name: `${id}.log`,
      incidentId: 'SYS-20251126-001',
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      metadata: { stored: true, ...(encoding ? { encoding } : {}) },
    });
  }
  // Enough dismissals for several pages by the two-column key.
  await insertDismissals(
    store.db,
    Array.from({ length: 1500 }, (_, i) => ({
      incident_id: i % 2 ? 'INC-20251126-001' : 'SYS-20251119-001',
      key_sha256: createHash('sha256').update(`entry ${i}`).digest('hex'),
      entry_id: `T${i}`,
      removed_at: '2025-11-27T09:00:00.123456789Z',
      removed_by: 'curator',
    })),
  );
  const { token } = await createToken(deps, ctx, { name: 'ci-bot', role: 'responder' });
  return { token };
}

/**
 * Every table's rows, normalized and sorted, so that two stores compare whatever the order each
 * database sorts text in.
 */
export async function snapshotOf(store: Store): Promise<Record<TableName, string[]>> {
  const out = {} as Record<TableName, string[]>;
  for (const t of TABLE_NAMES) out[t] = (await allRows(store.db, t)).map((r) => JSON.stringify(r)).sort();
  return out;
}
