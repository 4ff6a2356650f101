/** Metric files parsed from their lines as they are read give what their whole text gives. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLines } from '../../shared/lines.js';
import { parseExposition } from './exposition.js';
import { parseWideCsv } from './csv.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-metric-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metric lines', () => {
  it('parses exposition and CSV lines from a file as from the text, line numbers of refused rows included', () => {
    const prom = '# TYPE up gauge\nup{job="a"} 1 1652565600000\nbroken line\r\nup{job="a"} 0 1652565660000\n# EOF\n';
    const csv = '\uFEFFtime,cpu\n1652565600,0.5\n\nnot-a-time,1\n1652565660,0.7\n';
    const pf = join(dir, 'm.om');
    const cf = join(dir, 'm.csv');
    writeFileSync(pf, prom);
    writeFileSync(cf, csv);
    const fromText = parseExposition(prom, { source: 'm' });
    expect(parseExposition(fileLines(pf, 5), { source: 'm' })).toEqual(fromText);
    expect(fromText.stats.format).toBe('openmetrics');
    expect(fromText.stats.issues).toEqual([{ line: 3, reason: 'bad_value', text: 'broken line' }]);
    const csvText = parseWideCsv(csv, { source: 'c' });
    expect(parseWideCsv(fileLines(cf, 4), { source: 'c' })).toEqual(csvText);
    expect(csvText.stats.issues).toEqual([{ line: 4, reason: 'bad_timestamp', text: 'not-a-time,1' }]);
    expect(csvText.series[0]?.points).toHaveLength(2);
  });
});
