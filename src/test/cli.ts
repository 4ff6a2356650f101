/**
 * Test support: the CLI as a user runs it, a separate `pfa` process (the compiled bin/pfa.js) on a
 * store of its own in a temporary directory, created before the file's tests and removed after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/pfa.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliSandbox {
  /** Runs `pfa --db <sandbox db> …args` as actor `tester`. */
  pfa: (args: string[], env?: Record<string, string>) => CliResult;
  /** The sandbox directory (valid inside tests). */
  dir: () => string;
}

/**
 * Registers the sandbox's set-up and clean-up in the calling test file.
 * @example const { pfa, dir } = useCli('pfa-kb-cli-'); it('…', () => expect(pfa(['kb', 'search']).code).toBe(0));
 */
export function useCli(prefix: string, baseEnv: Record<string, string> = { NO_COLOR: '1' }): CliSandbox {
  let dir = '';
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    pfa: (args, env = {}) => {
      const r = spawnSync(process.execPath, [BIN, '--db', join(dir, 'pfa.db'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, PFA_ACTOR: 'tester', ...baseEnv, ...env },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    dir: () => dir,
  };
}
