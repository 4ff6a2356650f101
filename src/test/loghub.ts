/**
 * The Loghub-2k evaluation data (../shared/data/loghub-2k) and its scoring, shared by the tests and the
 * benches (compiled to dist/test/loghub.js for them): one CSV reader, one ground-truth time reading,
 * one grouping-accuracy definition.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOGHUB_SYSTEMS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'Thunderbird', 'Windows', 'Android', 'HealthApp', 'Apache', 'OpenSSH'] as const;

/** src/test or dist/test → the repository root → ../shared beside it, as in CI. */
export const LOGHUB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/loghub-2k');

export type Row = Record<string, string>;

/** RFC 4180 CSV (quoted fields with doubled quotes), first row the header. */
export function readCsv(text: string): Row[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
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
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** The raw log lines and the corrected structured ground truth of one system. */
export function loadLoghub(system: string): { lines: string[]; rows: Row[] } {
  const dir = resolve(LOGHUB_DIR, system);
  const log = readFileSync(resolve(dir, `${system}_2k.log`), 'utf8').replace(/\r?\n$/, '');
  return { lines: log.split(/\r?\n/), rows: readCsv(readFileSync(resolve(dir, `${system}_2k.log_structured_corrected.csv`), 'utf8')) };
}

const MON: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/** [year | null, month, day, hour, minute, second, nanoseconds] from the Date/Day/Time columns. */
export function truth(r: Row): (number | null)[] | null {
  let y: number | null = null, mo = 0, d = 0, time = r.Time ?? '', m: RegExpExecArray | null;
  const date = r.Date ?? '';
  if (!date && (m = /^(\d{4})(\d{2})(\d{2})-(.*)$/.exec(time))) [y, mo, d, time] = [+m[1]!, +m[2]!, +m[3]!, m[4]!];
  else if ((m = /^\w{3} (\w{3}) (\d{2}) (\S+) (\d{4})$/.exec(time))) [y, mo, d, time] = [+m[4]!, MON[m[1]!] ?? 0, +m[2]!, m[3]!];
  else if ((m = /^(\d{4})[-.](\d{2})[-.](\d{2})$/.exec(date))) [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  else if ((m = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(date))) [y, mo, d] = [2000 + +m[1]!, +m[2]!, +m[3]!];
  else if ((m = /^(\d{2})-(\d{2})$/.exec(date))) [mo, d] = [+m[1]!, +m[2]!];
  else if (MON[date]) [mo, d] = [MON[date], +(r.Day ?? 0)];
  else if (/^\d{5,6}$/.test(date)) { const s = date.padStart(6, '0'); [y, mo, d] = [2000 + +s.slice(0, 2), +s.slice(2, 4), +s.slice(4, 6)]; } // leading zero lost in the CSV
  else return null;
  if (/^\d{1,6}$/.test(time)) { const t = time.padStart(6, '0'); return [y, mo, d, +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6), 0]; }
  // HealthApp writes unpadded fields, its last one a count of milliseconds (`0:0:0:9`).
  m = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+)|:(\d+))?$/.exec(time);
  if (!m) return null;
  const ns = m[4] ? +m[4].padEnd(9, '0') : m[5] ? +m[5] * 1e6 : 0;
  return [y, mo, d, +m[1]!, +m[2]!, +m[3]!, ns];
}

export function sameInstant(t: (number | null)[] | null, ts: string | null): boolean {
  const m = ts === null ? null : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(ts);
  if (!t || !m) return false;
  const got = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7] ? +m[7].padEnd(9, '0') : 0];
  return t.every((v, i) => v === null || v === got[i]); // no year in the truth: the year option is not judged
}

/** Loghub GA: a line counts when its predicted group is exactly its true group. */
export function groupingAccuracy(pred: ArrayLike<number>, truth: readonly string[]): number {
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

/** Template text compared for parsing accuracy: whitespace collapsed, runs of wildcards as one. */
export const normalizeTemplate = (t: string): string => t.trim().replace(/\s+/g, ' ').replace(/<\*>(\s*<\*>)+/g, '<*>');
