/**
 * Through the real CLI, in separate processes: concurrent creators never share an id, and a writer
 * killed with SIGKILL loses nothing it acknowledged. Needs the build (npm test runs it first).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/database.js';
import { listIncidents } from './store.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';

const BIN = resolve(import.meta.dirname, '../../bin/pfa.js');
const DIST = resolve(import.meta.dirname, '../../dist/cli/main.js');

function run(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onLine?.(l, () => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
}

describe.each(databases)('CLI writers in separate processes on $name', (database) => {
  let dir: string;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'pfa-proc-'));
    ({ url, drop } = await database.create());
    const s = await openStore(url); // migrate once up front, as a running installation would be
    await s.close();
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives 8 processes × 50 concurrent creations 400 distinct ids', async () => {
    const file = join(dir, 'batch.json');
    writeFileSync(file, JSON.stringify(Array.from({ length: 50 }, () => buildIncident({ started_at: '2025-11-26T10:27:35.123456789Z' }))));
    const results = await Promise.all(Array.from({ length: 8 }, () => run(['--db', url, '--json', 'incident', 'import', file])));
    const ids: string[] = [];
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      ids.push(...(JSON.parse(r.stdout) as { imported: { id: string }[] }).imported.map((i) => i.id));
    }
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    expect(ids.every((id) => /^SYS-20251126-\d{3}$/.test(id))).toBe(true);
    const sorted = [...ids].sort();
    expect(sorted[0]).toBe('SYS-20251126-001');
    expect(sorted[399]).toBe('SYS-20251126-400');
  }, 120_000);

  it('loses no acknowledged incident when the writer is killed mid-stream', async () => {
    const file = join(dir, 'stream.json');
    writeFileSync(file, JSON.stringify(Array.from({ length: 2000 }, (_, i) => buildIncident({ kind: 'inc', title: `stream ${i}`, started_at: '2025-12-01T00:00:00Z' }))));
    const acknowledged: string[] = [];
    const r = await run(['--db', url, 'incident', 'import', file], (line, kill) => {
      const m = /^(INC-\d{8}-\d{3,}): created/.exec(line);
      if (m?.[1]) acknowledged.push(m[1]);
      if (acknowledged.length === 150) kill();
    });
    expect(r.signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const store = await openStore(url);
    try {
      const { items, total } = await listIncidents(store.db, { kind: ['inc'], limit: 5000 });
      const stored = new Set(items.map((i) => i.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(total).toBeLessThan(2000);
    } finally {
      await store.close();
    }
  }, 120_000);
});
