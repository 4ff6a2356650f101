/**
 * File adapter for the metric readers: reads files (or every metric file of a directory, in name
 * order) and hands the text to the pure parsers.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../../shared/errors.js';
import { parseMetricInputs } from './parse.js';
import type { InputFormat, MetricSet } from './parse.js';

const METRIC_FILE = /\.(csv|tsv|json|prom|om|metrics|openmetrics|txt)$/i;

/**
 * Reads metric files; a directory contributes its metric files sorted by name. The same series in
 * several files (e.g. `normal.csv` and `anomalous.csv`) comes back as one.
 * @example const { series, files } = await readMetricFiles(['case/normal.csv', 'case/anomalous.csv']);
 */
export async function readMetricFiles(paths: readonly string[], { format, tolerant = false }: { format?: InputFormat; tolerant?: boolean } = {}): Promise<MetricSet> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new NotFoundError(`metric file not found: ${p}`, { path: p });
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => METRIC_FILE.test(n)).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  const inputs = await Promise.all(
    files.map(async (f) => ({ source: f, text: await readFile(f, 'utf8'), ...(format === undefined ? {} : { format }) })),
  );
  return parseMetricInputs(inputs, { tolerant });
}
