/**
 * Two `pfa serve` processes on one database (an HA pair of Alertmanagers notifies both, or a team
 * runs two servers) receive the same new firing alerts at the same moment: each alert opens exactly
 * one incident, and the other server attaches its payload to it. Needs the build (npm test runs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/database.js';
import { listIncidents } from '../../incidents/store.js';
import { databases } from '../../test/databases.js';
import { listEvidence } from '../store.js';
import { webhookResultSchema } from './routes.js';
import { recordedPayload } from './testdata.js';

const BIN = resolve(import.meta.dirname, '../../../bin/pfa.js');
const DIST = resolve(import.meta.dirname, '../../../dist/cli/main.js');

/** Starts `pfa serve --port 0` and resolves with its base URL once it listens. */
function serve(args: string[]): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /pfa listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) res({ child, base: m[1] as string });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => rej(new Error(`pfa serve exited (${String(code)}): ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

/** The recorded critical alert under another name: a new fingerprint, the same shape. */
function alertPayload(name: string): Record<string, unknown> {
  const p = recordedPayload('critical-firing') as { alerts: { labels: Record<string, string>; fingerprint?: string }[] } & Record<string, unknown>;
  for (const a of p.alerts) {
    a.labels.alertname = name;
    delete a.fingerprint;
  }
  p.groupKey = `{}:{alertname="${name}"}`;
  return p;
}

describe.each(databases)('Alertmanager webhook across two server processes on $name', (database) => {
  let dir: string;
  let url: string;
  let drop: () => Promise<void>;
  const servers: ChildProcess[] = [];
  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'pfa-webhook-'));
    ({ url, drop } = await database.create());
    const s = await openStore(url);
    await s.close();
  });
  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens one incident per new alert when both servers receive it at once', async () => {
    const config = join(dir, 'pfa.json');
    writeFileSync(config, JSON.stringify({ webhook: { open_incidents: true, default_severity: 'P4' } }));
    const [a, b] = await Promise.all([serve(['--db', url, '--config', config]), serve(['--db', url, '--config', config])]);
    servers.push(a.child, b.child);
    const post = async (base: string, body: unknown) => {
      const res = await fetch(`${base}/api/v1/webhooks/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      return webhookResultSchema.parse(await res.json());
    };
    const names = Array.from({ length: 12 }, (_, i) => `PfaRace${i}`);
    const results = await Promise.all(names.map((n) => Promise.all([post(a.base, alertPayload(n)), post(b.base, alertPayload(n))])));
    for (const pair of results) {
      const outcomes = pair.map((r) => r.alerts[0]?.incident);
      expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['existing', 'opened']);
      expect(outcomes[0]?.id).toBe(outcomes[1]?.id);
    }
    const store = await openStore(url);
    try {
      const incidents = await listIncidents(store.db, { limit: 100 });
      expect(incidents.total).toBe(names.length);
      // the payload is attached once per incident: both deliveries carry the same content
      const evidence = await listEvidence(store.db, { kind: 'alert', limit: 100 });
      expect(evidence.map((e) => e.incident_id).sort()).toEqual(incidents.items.map((i) => i.id).sort());
    } finally {
      await store.close();
    }
  });
});
