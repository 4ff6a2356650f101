/** `pfa templates` as a user runs it (needs `npm run build`): option checks and paths in errors. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../../test/cli.js';

const { pfa, dir } = useCli('pfa-templates-cli-');

const log = () => {
  const file = join(dir(), 'app.log');
  const words = ['connection opened from', 'cache miss for key', 'order rejected by risk check', 'heartbeat sent to'];
  const lines = Array.from({ length: 40 }, (_, i) => `2025-11-26T10:00:${String(i).padStart(2, '0')}Z INFO ${words[i % words.length] ?? ''} ${i}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('pfa templates', () => {
  it('checks --top, --year and --threads as whole numbers instead of falling back', () => {
    const file = log();
    for (const [opt, value] of [['--top', 'abc'], ['--top', '0'], ['--year', '20x5'], ['--threads', '-1']] as const) {
      const r = pfa(['templates', file, opt, value]);
      expect(r.code, `${opt} ${value}`).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^pfa: ${opt} must be`));
    }
    const two = pfa(['templates', file, '--top', '2']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toMatch(/\(top 2 shown; --json for all\)/);
    expect(two.stdout.split('\n').filter((l) => /^T[0-9a-f]{12} /.test(l))).toHaveLength(2);
  });

  it('names a directory given as a file', () => {
    const logs = join(dir(), 'logs');
    mkdirSync(logs);
    const r = pfa(['templates', log(), logs]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`pfa: ${logs}: is a directory, not a file\n`);
  });

  it('mines a gzip-compressed rotated log as the log it holds, under its own name', () => {
    const file = log();
    const zipped = `${file}.1.gz`;
    writeFileSync(zipped, gzipSync(readFileSync(file)));
    const plain = pfa(['templates', '--json', file]);
    const gz = pfa(['templates', '--json', zipped]);
    expect(gz.code, gz.stderr).toBe(0);
    type Mined = { templates: unknown[]; files: { file: string }[] };
    const [fromGz, fromPlain] = [JSON.parse(gz.stdout) as Mined, JSON.parse(plain.stdout) as Mined];
    expect(fromGz.templates).toEqual(fromPlain.templates);
    expect(fromGz.files.map((f) => f.file)).toEqual([zipped]);
    const assigned = pfa(['templates', '--assignments', file, zipped]);
    expect(assigned.stdout.trim().split('\n').filter((l) => l.includes(`"file":${JSON.stringify(zipped)}`))).toHaveLength(40);
  });

  it('warns about a file that does not look like text and says what was skipped, in the report and in --json', () => {
    const bin = join(dir(), 'core.bin');
    let seed = 3;
    writeFileSync(bin, Buffer.from(Array.from({ length: 20_000 }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24)));
    const human = pfa(['templates', bin, log()]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(new RegExp(`^warning: ${bin} does not look like text: \\d+ of its \\d+ lines are binary or not valid UTF-8`));
    expect(human.stdout).toMatch(new RegExp(`\\n${bin}: \\d+ lines skipped as binary; \\d+ lines not valid UTF-8`));
    const json = JSON.parse(pfa(['templates', '--json', bin]).stdout) as { files: { looks_binary: boolean }[] };
    expect(json.files[0]?.looks_binary).toBe(true);
  });
});
