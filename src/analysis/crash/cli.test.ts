/** `pfa crash`: the human view groups crashes by signature; --json keeps every crash; a missing file is a usage error. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../../test/cli.js';
import { groupCrashes } from './cli.js';
import type { Crash } from './types.js';

const crash = (signature: string, startLine: number, address?: string): Crash => ({
  title: `crash ${signature}`,
  kind: 'segfault',
  origin: 'user',
  signature,
  frames: [],
  startLine,
  endLine: startLine,
  ...(address ? { address } : {}),
});

describe('groupCrashes', () => {
  it('makes one group per signature, in order of first appearance, with count, lines and addresses', () => {
    const groups = groupCrashes([crash('a', 2, '0x1'), crash('b', 5), crash('a', 9, '0x2'), crash('a', 14, '0x1')]);
    expect(groups.map((g) => [g.crash.signature, g.count, g.firstLine, g.lastLine, g.addresses])).toEqual([
      ['a', 3, 3, 15, ['0x1', '0x2']],
      ['b', 1, 6, 6, []],
    ]);
  });
});

const { pfa, dir } = useCli('pfa-crash-cli-');
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const syzkaller = path.resolve(repoRoot, '../shared/data/crash/syzkaller-linux/620');

describe('pfa crash', () => {
  it('shows a crash seen many times as one row with its count, while --json lists each', () => {
    const log = path.join(dir(), 'app.log');
    const segv = (n: number) => `Nov 26 10:27:${String(n).padStart(2, '0')} ob1 kernel: [100${n}.000001] matcher[${4000 + n}]: segfault at 8 ip 000055d1c0a1b2c3 sp 00007ffd4b2a1e10 error 4 in matcher[55d1c0a00000+200000]`;
    writeFileSync(log, `${[segv(1), 'ok', segv(2), 'ok', segv(3)].join('\n')}\n`);
    const human = pfa(['crash', log]);
    expect(human.code, human.stderr).toBe(0);
    const rows = human.stdout.split('\n').filter((l) => /segfault in matcher/.test(l) && /^\d/.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3 +1–5 +segfault in matcher/);
    expect(human.stdout).toContain('3 crashes, 1 distinct signature (--json lists every crash)');
    const json = JSON.parse(pfa(['--json', 'crash', log]).stdout) as { crashes: { signature: string }[] };
    expect(json.crashes).toHaveLength(3);
  });

  it.skipIf(!existsSync(syzkaller))('groups the 29 identical stack-smashing reports of a syzkaller log', () => {
    const human = pfa(['crash', syzkaller]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^29 +\d+–\d+ +glibc: stack smashing detected/m);
    expect(human.stdout.match(/^\d+ +\d+(–\d+)? +glibc: stack smashing detected/gm)).toHaveLength(1);
    const json = JSON.parse(pfa(['--json', 'crash', syzkaller]).stdout) as { crashes: { title: string }[] };
    expect(json.crashes.filter((c) => c.title === 'glibc: stack smashing detected')).toHaveLength(readFileSync(syzkaller, 'utf8').match(/stack smashing detected/g)?.length ?? -1);
  });

  it('makes a missing file or half of --core/--binary a usage error (exit 2)', () => {
    const none = pfa(['crash']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: missing required argument 'file'/);
    expect(pfa(['crash', '--core', 'core.1']).code).toBe(2);
  });
});
