// Grouping accuracy on three Loghub-2k systems against the corrected ground truth (fast: 6,000 lines).
import { describe, expect, it } from 'vitest';
import { groupingAccuracy, loadLoghub, normalizeTemplate } from '../../test/loghub.js';
import { mineTemplates } from './index.js';

describe.each([
  ['HDFS', 0.99, 0.95],
  ['OpenSSH', 0.98, 0.6],
  ['Zookeeper', 0.97, 0.9],
])('Loghub-2k %s', (system, gaFloor, paFloor) => {
  it(`groups at least ${gaFloor} of the lines exactly like the ground truth`, () => {
    const { rows } = loadLoghub(system);
    expect(rows).toHaveLength(2000);
    const { templates, lineTemplates } = mineTemplates(rows.map((r) => r.Content as string));
    const ga = groupingAccuracy(lineTemplates, rows.map((r) => r.EventId as string));
    const pa = rows.filter((r, i) => normalizeTemplate((templates[lineTemplates[i] as number] as { template: string }).template) === normalizeTemplate(r.EventTemplate as string)).length / rows.length;
    expect(ga).toBeGreaterThanOrEqual(gaFloor);
    expect(pa).toBeGreaterThanOrEqual(paFloor);
  });
});
