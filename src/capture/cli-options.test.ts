import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../cli/exit.js';
import { main } from '../cli/main.js';

/** Runs `pfa capture …` in-process; a usage error stops it before anything is captured or stored. */
async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await main(['node', 'pfa', 'capture', ...args]);
  return { code, stderr };
}

// Probe E F13: --incident with --no-store stored and attached anyway; --replace-state alone was ignored.
describe('pfa capture options', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses --no-store with --incident, which must store the snapshot to attach it', async () => {
    const { code, stderr } = await run(['--incident', 'SYS-20251119-001', '--no-store', '--no-commands']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/option '--no-store' cannot be used with option '--incident <id>'/);
  });

  it('refuses --replace-state without --incident', async () => {
    const { code, stderr } = await run(['--replace-state', '--no-store', '--no-commands']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain("--replace-state replaces an incident's system state: it needs --incident <id>");
  });
});
