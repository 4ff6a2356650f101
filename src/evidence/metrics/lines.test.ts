/** Lines read as they go give what splitting the whole text gives. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../../test/random.js';
import { fileLines, textLines } from './lines.js';
import { parseExposition } from './exposition.js';
import { parseWideCsv } from './csv.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-metric-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text with multi-byte characters, CRLF and empty lines, so that blocks cut inside characters and lines. */
function text(seed: number, n: number): string {
  const r = rng(seed);
  const words = ['a', 'é', '€uro', '😀', 'x'.repeat(50), '', 'z\r'];
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(r() * 6) }, () => words[Math.floor(r() * words.length)]).join(' ')).join('\n');
}

describe('metric lines', () => {
  it.each([1, 2, 3])('reads a file in small blocks as the text splits (seed %d)', (seed) => {
    for (const [body, ending] of [[text(seed, 500), ''], [text(seed, 500), '\n']] as const) {
      const whole = `\uFEFF${body}${ending}`;
      const file = join(dir, `t${seed}.txt`);
      writeFileSync(file, whole);
      const expected = whole.slice(1).split('\n');
      expect([...textLines(whole)]).toEqual(expected);
      for (const block of [1, 3, 7, 64, 1 << 20]) expect([...fileLines(file, block)]).toEqual(expected);
    }
  });

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
