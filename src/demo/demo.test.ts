import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { createIncident, getIncident, updateIncident, type Deps } from '../incidents/service.js';
import { buildIncident } from '../test/factories.js';
import { getReview, seedReview } from '../postmortem/review/service.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { cliContext } from '../shared/context.js';
import { ConflictError } from '../shared/errors.js';
import { parseTimestamp } from '../shared/time.js';
import { databases, freshStore } from '../test/databases.js';
import { registerDemoCommands } from './cli.js';
import { loadDemo, loadDemoIfEmpty } from './index.js';

describe.each(databases)('demo data on $name', (database) => {
  let deps: Deps;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const f = await freshStore(database);
    cleanup = f.cleanup;
    deps = { db: f.store.db, config: DEFAULT_CONFIG };
  });
  afterEach(async () => cleanup());

  it('loads both demo incidents once, valid against the schema', async () => {
    expect(await loadDemoIfEmpty(deps, cliContext())).toEqual(['INC-20251126-001', 'SYS-20251119-001']);
    expect(await loadDemoIfEmpty(deps, cliContext())).toEqual([]);
    expect((await loadDemo(deps, cliContext())).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    const dns = await getIncident(deps, 'INC-20251126-001');
    expect(dns.analysis?.five_whys).toHaveLength(5);
    expect(dns.analysis?.five_whys?.[4]?.root_cause).toBe(true);
    expect(dns.timeline).toHaveLength(11);
    const policy = evaluatePolicy(dns, DEFAULT_CONFIG.policy, parseTimestamp('2025-11-28T00:00:00Z').ns);
    expect(policy.mandatory).toBe(true);
    expect(policy.reasons.join()).toMatch(/circuit breaker/);
    const oom = await getIncident(deps, 'SYS-20251119-001');
    expect(oom.started_at).toBe('2025-11-19T14:02:11.482913507Z');
    expect(oom.status).toBe('in_review');
  });

  it('gives each demo post-mortem the review its status says it had, once', async () => {
    await loadDemo(deps, cliContext());
    await loadDemo(deps, cliContext());
    const dns = await getReview(deps, 'INC-20251126-001');
    expect(dns.state).toBe('approved');
    expect(dns.events.map((e) => [e.action, e.role])).toEqual([['submitted', 'responder'], ['approved', 'approver']]);
    const oom = await getReview(deps, 'SYS-20251119-001');
    expect(oom.state).toBe('in_review');
    expect(oom.events).toHaveLength(1);
    expect(dns.events.map((e) => e.at)).toEqual(['2025-11-27T10:00:00Z', '2025-11-27T16:30:00Z']);
    // a history is seeded once, and only in an order the review rules allow
    await expect(seedReview(deps, cliContext(), 'SYS-20251119-001', [])).rejects.toThrow(/already has review steps/);
    // the statuses stay those of the records
    expect((await getIncident(deps, 'INC-20251126-001')).status).toBe('approved');
    expect((await getIncident(deps, 'SYS-20251119-001')).status).toBe('in_review');
  });

  it('refuses to overwrite an edited demo incident unless told to, and names the option that does', async () => {
    await loadDemo(deps, cliContext());
    const before = await getIncident(deps, 'SYS-20251119-001');
    await updateIncident(deps, cliContext(), 'SYS-20251119-001', { title: 'edited by hand' }, before.version);
    const err: unknown = await loadDemo(deps, cliContext()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    const message = (err as Error).message;
    expect(message).toMatch(/SYS-20251119-001.*pfa demo --replace/);
    // every option the hint names is one `pfa demo` has
    const program = new Command('pfa');
    registerDemoCommands(program);
    const flags = program.commands[0]?.options.map((o) => o.long) ?? [];
    for (const named of message.match(/--[a-z-]+/g) ?? []) expect(flags).toContain(named);

    expect((await loadDemo(deps, cliContext(), { replace: true })).map((r) => r.outcome)).toEqual(['unchanged', 'replaced']);
    const restored = await getIncident(deps, 'SYS-20251119-001');
    expect(restored.title).toBe(before.title);
    expect(restored.version).toBe(before.version + 2);
    expect((await loadDemo(deps, cliContext())).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
  });

  it('refuses a past review that breaks the order or the roles', async () => {
    const { id } = await createIncident(deps, cliContext(), buildIncident());
    await expect(seedReview(deps, cliContext(), id, [{ action: 'approved', actor: 'A', role: 'approver' }])).rejects.toThrow(/cannot follow a draft review/);
    await expect(seedReview(deps, cliContext(), id, [{ action: 'submitted', actor: 'V', role: 'viewer' }])).rejects.toThrow(/by a viewer/);
    expect((await getReview(deps, id)).events).toHaveLength(0);
  });
});
