/**
 * File adapter for the metric readers: reads files (or every metric file of a directory, in name
 * order), decompresses gzip, and hands the text to the pure parsers.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { InputError, NotFoundError } from '../../shared/errors.js';
import { readHeadBytes } from '../files.js';
import { fileLines } from '../../shared/lines.js';
import { detectFormat, parseMetricInputs } from './parse.js';
import type { InputFormat, MetricInput, MetricSet } from './parse.js';

const METRIC_FILE = /\.(csv|tsv|json|prom|om|metrics|openmetrics|txt)(\.gz)?$/i;

const gunzipAsync = promisify(gunzip);

/**
 * Magic numbers of the other archive formats metrics get shipped in: read as text they would parse
 * into a few junk rows and surface only as "no series varies", far from the cause.
 */
const ARCHIVES: readonly { name: string; magic: readonly number[] }[] = [
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68] },
  { name: 'zip', magic: [0x50, 0x4b, 0x03, 0x04] },
];

/**
 * Reads metric files; a directory contributes its metric files sorted by name. The same series in
 * several files (e.g. `normal.csv` and `anomalous.csv`) comes back as one. Gzip files (a rotated
 * `metrics.csv.gz`, say) are decompressed; other archives are refused by name.
 * @example const { series, files } = await readMetricFiles(['case/normal.csv', 'case/anomalous.csv.gz']);
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
  const inputs = await Promise.all(files.map((f) => metricInput(f, format)));
  return parseMetricInputs(inputs, { tolerant });
}

/** Bytes of a file's head that tell its compression and format. */
const HEAD_BYTES = 8192;

/**
 * One file as a metric input: CSV and exposition files are read line by line when parsed (a
 * backfill file may hold millions of samples), a compressed file or a query_range JSON whole.
 */
async function metricInput(file: string, format: InputFormat | undefined): Promise<MetricInput> {
  const head = await readHeadBytes(file, HEAD_BYTES);
  if (packing(head) !== null) {
    const text = await readMetricText(file);
    // The reader is chosen by the name without `.gz` (`cpu.csv.gz` is a CSV).
    return { source: file, text, format: format ?? detectFormat(file.replace(/\.gz$/i, ''), text) };
  }
  // A head cut inside a character only spoils its last one.
  const chosen = format ?? detectFormat(file, head.toString('utf8'));
  if (chosen === 'query_range') return { source: file, text: await readMetricText(file), format: chosen };
  return { source: file, lines: () => fileLines(file), format: chosen };
}

/**
 * The text of one metric file, gunzipped when it starts with gzip's magic bytes (whatever its name).
 * A corrupt gzip or another archive format is an input error naming the file.
 * @example await readMetricText('metrics.csv.gz') // 'time,cpu\n…'
 */
export async function readMetricText(file: string): Promise<string> {
  const bytes = await readFile(file);
  const packed = packing(bytes);
  if (packed === 'gzip') {
    try {
      return (await gunzipAsync(bytes)).toString('utf8');
    } catch (err) {
      throw new InputError(`cannot decompress ${file}: ${(err as Error).message}`);
    }
  }
  if (packed) throw new InputError(`${file} is a ${packed.name} archive: decompress it first (gzip is read directly)`);
  return bytes.toString('utf8');
}

/** What a file's first bytes say it is packed in: gzip (read), another archive (refused), or nothing. */
function packing(bytes: Uint8Array): 'gzip' | { name: string } | null {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  return ARCHIVES.find((a) => a.magic.every((b, i) => bytes[i] === b)) ?? null;
}
