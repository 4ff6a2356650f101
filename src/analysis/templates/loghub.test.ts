// Grouping accuracy on three Loghub-2k systems against the corrected ground truth (fast: 6,000 lines).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mineTemplates } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/loghub-2k');

function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length > 0) rows.push([...row, field]);
  const [head = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** Loghub GA: a line counts when its predicted group is exactly its true group. */
function groupingAccuracy(pred: ArrayLike<number>, truth: readonly string[]): number {
  const byPred = new Map<number, number[]>();
  const truthSize = new Map<string, number>();
  truth.forEach((t, i) => {
    truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
    const p = pred[i] as number;
    const lines = byPred.get(p);
    if (lines) lines.push(i);
    else byPred.set(p, [i]);
  });
  let ok = 0;
  for (const lines of byPred.values()) {
    const t = truth[lines[0] as number] as string;
    if (lines.every((i) => truth[i] === t) && truthSize.get(t) === lines.length) ok += lines.length;
  }
  return ok / truth.length;
}

const normalize = (t: string): string => t.trim().replace(/\s+/g, ' ').replace(/<\*>(\s*<\*>)+/g, '<*>');

describe.each([
  ['HDFS', 0.99, 0.95],
  ['OpenSSH', 0.98, 0.6],
  ['Zookeeper', 0.97, 0.9],
])('Loghub-2k %s', (system, gaFloor, paFloor) => {
  it(`groups at least ${gaFloor} of the lines exactly like the ground truth`, () => {
    const rows = readCsv(readFileSync(path.join(dataDir, system, `${system}_2k.log_structured_corrected.csv`), 'utf8'));
    expect(rows).toHaveLength(2000);
    const { templates, lineTemplates } = mineTemplates(rows.map((r) => r.Content as string));
    const ga = groupingAccuracy(lineTemplates, rows.map((r) => r.EventId as string));
    const pa = rows.filter((r, i) => normalize((templates[lineTemplates[i] as number] as { template: string }).template) === normalize(r.EventTemplate as string)).length / rows.length;
    expect(ga).toBeGreaterThanOrEqual(gaFloor);
    expect(pa).toBeGreaterThanOrEqual(paFloor);
  });
});
