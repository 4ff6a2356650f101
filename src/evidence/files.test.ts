import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFile, materialize, storedText, sweepStaleCopies } from './files.js';
import type { Evidence } from './schema.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function evidence(over: Partial<Evidence>): Evidence {
  return { id: 'EV-1', incident_id: 'SYS-20251126-001', kind: 'file', name: 'gw.log', created_at: '2025-11-26T10:00:00Z', created_by: 'test', size: null, sha256: null, content: null, metadata: {}, ...over };
}

describe('materialize', () => {
  it('reads the original file in place while it is unchanged, and release leaves it alone', async () => {
    const file = path.join(dir, 'gw.log');
    writeFileSync(file, 'line 1\n');
    const m = await materialize(evidence({ size: 7, content: 'line 1\n', metadata: { path: file } }));
    expect(m?.path).toBe(file);
    await m?.release();
    expect(existsSync(file)).toBe(true);
  });

  it('writes stored content to a temporary copy when the original changed, and release removes it', async () => {
    const file = path.join(dir, 'changed.log');
    writeFileSync(file, 'now longer than it was\n');
    const m = await materialize(evidence({ name: 'changed.log', size: 7, content: 'line 1\n', metadata: { path: file } }));
    expect(m).not.toBeNull();
    expect(m?.path).not.toBe(file);
    expect(path.basename(m?.path ?? '')).toBe('changed.log');
    expect(readFileSync(m?.path ?? '', 'utf8')).toBe('line 1\n');
    await m?.release();
    expect(existsSync(path.dirname(m?.path ?? ''))).toBe(false);
  });

  it('reads the stored copy of a file edited in place to the same size, and says so', async () => {
    // The probe's case: an edit that keeps the size, which a size check alone let through.
    const file = path.join(dir, 'edited.log');
    writeFileSync(file, 'ERROR original content\n');
    const f = await describeFile(file);
    writeFileSync(file, 'ERROR MODIFIED content\n');
    const m = await materialize(evidence({ name: 'edited.log', size: f.size, sha256: f.sha256, content: f.content ?? null, metadata: { path: file } }));
    expect(readFileSync(m?.path ?? '', 'utf8')).toBe('ERROR original content\n');
    expect(m?.changed).toMatch(/checksum differs/);
    await m?.release();
  });

  it('reads a file kept by reference as it is now, saying when it grew or shrank', async () => {
    const file = path.join(dir, 'live.log');
    writeFileSync(file, 'line 1\nline 2\n');
    const e = evidence({ name: 'live.log', size: 7, sha256: 'x', metadata: { path: file } });
    const m = await materialize(e);
    expect(m?.path).toBe(file);
    expect(m?.changed).toBe('the file grew since it was attached (7 → 14 bytes): read as it is now');
    expect((await materialize({ ...e, size: 20 }))?.changed).toMatch(/shrank since it was attached \(20 → 14 bytes/);
    expect((await materialize({ ...e, size: 14 }))?.changed).toBeUndefined();
  });

  it('gives null for a file neither stored nor on disk', async () => {
    expect(await materialize(evidence({ metadata: { path: path.join(dir, 'gone.log') } }))).toBeNull();
  });
});

describe('small files that are not clean UTF-8', () => {
  it('are stored (as base64), and read back byte for byte once the original is gone', async () => {
    const file = path.join(dir, 'latin1.log');
    const bytes = Buffer.concat([Buffer.from('2025-11-26 10:27:36,000 ERROR [m] a.B - '), Buffer.from([0xe9]), Buffer.from('chec\n'), Buffer.alloc(8), Buffer.from('2025-11-26 10:27:40,000 INFO up\n')]);
    writeFileSync(file, bytes);
    const f = await describeFile(file);
    expect(f).toMatchObject({ size: bytes.length, encoding: 'base64' });
    const e = evidence({ size: f.size, content: f.content ?? null, metadata: { path: file, encoding: f.encoding } });
    rmSync(file);
    const m = await materialize(e);
    expect(m && readFileSync(m.path)).toEqual(bytes);
    await m?.release();
    expect(storedText(e)?.split('\n')[0]).toBe('2025-11-26 10:27:36,000 ERROR [m] a.B - \uFFFDchec');
  });
});

describe('sweepStaleCopies', () => {
  it('removes the copies of processes that are gone, and no others', async () => {
    const tmp = mkdtempSync(path.join(dir, 'sweep-'));
    // A process that has exited: its pid is free (the test runs long before pids wrap around).
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const names = [`pfa-evidence-${gone}-a1b2c3`, `pfa-evidence-${process.pid}-d4e5f6`, 'pfa-evidence-x9y8z7', 'other-123-abc'];
    for (const n of names) {
      mkdirSync(path.join(tmp, n));
      writeFileSync(path.join(tmp, n, 'gw.log'), 'x\n');
    }
    expect(await sweepStaleCopies(tmp)).toBe(1);
    expect(names.map((n) => existsSync(path.join(tmp, n)))).toEqual([false, true, true, true]);
  });
});

describe('describeFile', () => {
  it('says in words why a file cannot be read', async () => {
    const parent = path.join(dir, 'parent');
    mkdirSync(parent);
    writeFileSync(path.join(parent, 'gw.log'), 'x\n');
    await expect(describeFile(path.join(parent, 'gw.log', 'deeper'))).rejects.toThrow(/a part of the path is not a directory/);
  });
});
