// Ground truth from the RCAEval Sock Shop cases (/work/shared/data/rca/sockshop): a handful of
// fault injections, each of which must put the injected service first.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMetricFiles } from '../../evidence/metrics/index.js';
import { rankRootCauses } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = path.resolve(repoRoot, '../shared/data/rca/sockshop');
const CASES = ['carts-cpu_2', 'catalogue-mem_3', 'orders-cpu_1', 'payment-mem_4', 'user-cpu_5', 'user-mem_2'];

function truth(id: string): { service: string; metric: string } {
  const rows = readFileSync(path.join(dir, 'labels.csv'), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  const row = rows.find((r) => r[0] === id);
  if (!row) throw new Error(`no label for ${id}`);
  return { service: row[1] ?? '', metric: row[3] ?? '' };
}

function firstTime(file: string): bigint {
  const second = readFileSync(file, 'utf8').split('\n', 2)[1] ?? '';
  return BigInt(second.split(',')[0] ?? '0') * 1_000_000_000n;
}

describe.skipIf(!existsSync(dir))('Sock Shop fault injections', () => {
  it.each(CASES)('%s: the injected service ranks first and its metric in the top 3', async (id) => {
    const { series, files } = await readMetricFiles([path.join(dir, id, 'normal.csv'), path.join(dir, id, 'anomalous.csv')]);
    expect(files.every((f) => f.rejectedRows === 0)).toBe(true);
    expect(series).toHaveLength(38);
    const { service, metric } = truth(id);
    const r = rankRootCauses(series, { onset: firstTime(path.join(dir, id, 'anomalous.csv')) });
    expect(r.components[0]?.component).toBe(service);
    expect(r.ranking.slice(0, 3).map((x) => x.series)).toContain(metric);
  });

  it('estimates the onset of a case at its first anomalous sample', async () => {
    const id = 'payment-cpu_3';
    const { series } = await readMetricFiles([path.join(dir, id)]);
    const r = rankRootCauses(series, { onset: 'auto' });
    const truthAt = firstTime(path.join(dir, id, 'anomalous.csv'));
    expect(r.onset.t).toBe(truthAt);
    expect(r.components[0]?.component).toBe(truth(id).service);
  });
});
