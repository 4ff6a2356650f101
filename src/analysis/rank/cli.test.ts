/** `pfa rca rank` with an onset the data cannot be ranked around: one clear error, exit 1. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/time.js';
import { useCli } from '../../test/cli.js';
import { checkOnset } from './report.js';

const S = 1_000_000_000n;
const at = (s: number) => ({ t: BigInt(s) * S, v: s % 7 });
/** Two series sampled every 10 s from t=1000 s to t=1590 s. */
const series = [0, 1].map(() => ({ points: Array.from({ length: 60 }, (_, i) => at(1000 + 10 * i)) }));

describe('checkOnset', () => {
  it('accepts an onset inside the data, or just before its first sample', () => {
    expect(() => checkOnset(series, 1300n * S)).not.toThrow();
    expect(() => checkOnset(series, 1590n * S)).not.toThrow();
    // the anomaly began shortly before recording did: the after-the-run baseline applies
    expect(() => checkOnset(series, 950n * S)).not.toThrow();
  });

  it('refuses an onset after the last sample or long before the first, with the range of the data', () => {
    expect(() => checkOnset(series, 1600n * S)).toThrow('onset 1970-01-01T00:26:40Z is after the data: the data runs from 1970-01-01T00:16:40Z to 1970-01-01T00:26:30Z');
    expect(() => checkOnset(series, parseInstant('2030-01-01T00:00:00Z').ns)).toThrow(/is after the data/);
    expect(() => checkOnset(series, 800n * S)).toThrow('onset 1970-01-01T00:13:20Z is before the data: the data runs from 1970-01-01T00:16:40Z to 1970-01-01T00:26:30Z');
  });
});

const { pfa, dir } = useCli('pfa-rank-cli-');

describe('pfa rca rank', () => {
  it('answers an onset outside the data with one error line and exit 1, not empty tables', () => {
    const file = join(dir(), 'm.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${1652812000 + 10 * i},${(i % 5) + (i > 40 ? 50 : 0)},${i % 3}`);
    writeFileSync(file, `time,orders_cpu,carts_cpu\n${rows.join('\n')}\n`);
    const late = pfa(['rca', 'rank', '--onset', '2030-01-01T00:00:00Z', file]);
    expect(late.code).toBe(1);
    expect(late.stdout).toBe('');
    expect(late.stderr).toBe('pfa: onset 2030-01-01T00:00:00Z is after the data: the data runs from 2022-05-17T18:26:40Z to 2022-05-17T18:36:30Z\n');
    const early = pfa(['--json', 'rca', 'rank', '--onset', '2000-01-01T00:00:00Z', file]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^pfa: onset 2000-01-01T00:00:00Z is before the data/);
    // inside the range, but no sample before it to compare with and no later run to stand in
    const first = pfa(['rca', 'rank', '--onset', '1652812000', file]);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('pfa: no series could be ranked around the onset 2022-05-17T18:26:40.000000000Z: all 2 skipped (no_baseline)\n');
    const ok = pfa(['rca', 'rank', '--onset', '1652812410', file, '--top', '1']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^1 +orders +/m);
    expect(pfa(['rca', 'rank', '--onset', '1652812410', file, '--top', 'x']).code).toBe(1);
  });
});
