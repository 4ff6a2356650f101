import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const examples = path.resolve(repoRoot, '../shared/data/example-lines.txt');

/** The example lines of one `## X.` section, without their `# src:` comments. */
function section(letter: string): string[] {
  const text = readFileSync(examples, 'utf8');
  const start = text.indexOf(`\n## ${letter}.`);
  const end = text.indexOf('\n## ', start + 1);
  return text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

describe('hardware and device failures (example-lines.txt)', () => {
  it('titles each kernel panic/oops/watchdog example line on its own', () => {
    const titles = section('B').map((l) => findCrashes(l)[0]?.title ?? '');
    expect(titles).toEqual([
      'general protection fault in corrupted',
      '',
      '',
      'Oops: int3 in corrupted',
      '',
      '',
      'kernel panic: Fatal exception',
      '',
      'general protection fault in corrupted',
      '',
      'BUG: soft lockup in corrupted',
      'WARNING in corrupted',
      'NETDEV WATCHDOG: eth0 (ftgmac100): transmit queue timed out',
      'NETDEV WATCHDOG: eth0 (mtk_soc_eth): transmit queue timed out',
    ]);
  });

  it('folds the lines of one machine check and names the bank', () => {
    const lines = section('C');
    const crashes = findCrashes(lines.slice(0, 3).join('\n'));
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'machine check in bank 4', kind: 'machine-check', origin: 'hardware', endLine: 2 });
    const kinds = lines.map((l) => findCrashes(l).map((c) => `${c.kind}: ${c.title}`)[0]);
    expect(kinds).toEqual([
      'machine-check: machine check events logged',
      'machine-check: machine check in bank 4',
      undefined,
      'machine-check: machine check in bank 5',
      'edac: EDAC MC0: CE memory read error on CPU_SrcID#0_Ha#0_Chan#2_DIMM#0',
      'machine-check: machine check: memory error',
      'machine-check: machine check in bank 255',
    ]);
  });

  it('groups NVMe timeouts with their follow-up lines, per controller', () => {
    const crashes = findCrashes(section('D').join('\n'));
    expect(crashes.map((c) => [c.kind, c.title, c.startLine, c.endLine])).toEqual([
      ['nvme-timeout', 'nvme nvme1: I/O timeout, aborting', 0, 1],
      ['nvme-timeout', 'nvme nvme2: admin command timeout, reset controller', 2, 5],
      ['nvme-error', 'nvme nvme0: controller is down; will reset', 6, 8],
      ['io-error', 'I/O error on nvme0n1', 9, 9],
      ['io-error', 'I/O error on nvme0n1', 10, 10],
      ['io-error', 'I/O error on nvme0n1', 11, 11],
    ]);
    // Same device, same failure: same signature.
    expect(new Set(crashes.slice(3).map((c) => c.signature)).size).toBe(1);
  });

  it('reports block I/O errors of disks, not of loop or RAM devices', () => {
    const log = [
      '[   96.237449] blk_update_request: I/O error, dev loop0, sector 0',
      '[   97.100000] I/O error, dev loop12, sector 2048 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 0',
      '[   97.200000] blk_update_request: I/O error, dev ram0, sector 8',
      '[   98.000000] blk_update_request: I/O error, dev sdb, sector 123456',
      '[   99.000000] blk_update_request: I/O error, dev loopback9, sector 1',
    ].join('\n');
    expect(findCrashes(log).map((c) => c.title)).toEqual(['I/O error on sdb', 'I/O error on loopback9']);
  });

  it('treats FIX engine logs as crash-free', () => {
    expect(findCrashes(section('A').join('\n'))).toEqual([]);
  });
});
