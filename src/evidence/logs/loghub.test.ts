/**
 * Accuracy on the Loghub-2k systems: timestamp, level and message must match the corrected
 * ground truth on at least 99% of the lines of every system. The ground-truth columns are decoded
 * here, independently of the parser, by the shapes the CSV files use.
 */
import { describe, expect, it } from 'vitest';
import { LOGHUB_SYSTEMS, loadLoghub, sameInstant, truth } from '../../test/loghub.js';
import { parseLogText } from './parser.js';

describe('Loghub-2k systems', () => {
  it.each(LOGHUB_SYSTEMS)('%s: timestamp, level and message match on ≥ 99% of lines', (system) => {
    const { lines, rows } = loadLoghub(system);
    const log = `${lines.join('\n')}\n`;
    const { results } = parseLogText(log, { year: 2017 });
    expect(results).toHaveLength(rows.length);
    let ok = 0;
    rows.forEach((row, i) => {
      const res = results[i];
      if (res?.kind !== 'record') return;
      const r = res.record;
      const levelOk = !row.Level || (r.rawLevel ?? '').toLowerCase() === row.Level.toLowerCase();
      if (levelOk && r.message === row.Content && sameInstant(truth(row), r.timestamp)) ok++;
    });
    expect(ok / rows.length).toBeGreaterThanOrEqual(0.99);
  });
});
