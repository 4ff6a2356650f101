/**
 * Rows: lines holding one or more blanks after a label (`Parameter: ___ Old Value: ___ New Value: ___`).
 * Writing checks that the line reads back to the same values and falls back to JSON-quoted cells
 * when a value would be split at a literal (a parameter named "x Old Value: y").
 */
import { InputError } from '../../shared/errors.js';
import {
  CELL_FILLER,
  readList,
  readNumber,
  readTextCell,
  readTimestamp,
  stripFiller,
  writeList,
  writeNumber,
  writeTextCell,
  writeTimestamp,
} from './codec.js';
import { rowRegex } from './layout.js';
import { getPath } from './paths.js';
import type { CellSpec, RowItem } from './spec.js';

export interface RowValues {
  values: unknown[];
  /** Free text after a number, for cells with a `rest` path. */
  rests: (string | undefined)[];
}

/** An InputError that names the line. */
export function lineError(line: number, message: string): InputError {
  return new InputError(`line ${line}: ${message}`, { details: { line } });
}

function clean(raw: string | undefined): string | undefined {
  const s = stripFiller((raw ?? '').trim()).trim();
  return s === '' ? undefined : s;
}

function readCell(c: CellSpec, raw: string | undefined, what: string, earlier: unknown[]): { value: unknown; rest?: string } {
  switch (c.kind) {
    case 'text':
      return { value: readTextCell(raw, c.placeholder) };
    case 'list':
      return { value: readList(raw) };
    case 'num':
    case 'int': {
      const s = clean(raw);
      if (s === undefined) return { value: undefined };
      const { value, rest } = readNumber(s, what, c.kind === 'int');
      // Part of the printed unit typed again ("61%" before "% of capacity") is not a remark.
      const unitEcho = rest !== '' && c.unit !== undefined && c.unit.trim().toLowerCase().startsWith(rest.toLowerCase());
      if (!rest || unitEcho) return { value };
      if (!c.rest) throw new InputError(`${what}: expected a number, got "${s}"`);
      return { value, rest };
    }
    case 'ts': {
      const s = clean(raw);
      const from = c.dateFrom === undefined ? undefined : earlier[c.dateFrom];
      return { value: s === undefined ? undefined : readTimestamp(s, what, typeof from === 'string' ? from : undefined) };
    }
    case 'choice': {
      const s = readTextCell(raw);
      if (s === undefined || !c.choice) return { value: undefined };
      const v = c.choice.normalize(s);
      if (!c.choice.values.includes(v)) throw new InputError(`${what}: unknown value "${s}"; expected one of ${c.choice.values.map((x) => c.choice?.label(x)).join(', ')}`);
      return { value: v };
    }
  }
}

/**
 * Reads a row line (label included); throws an InputError naming the line on a malformed cell.
 * @example readRow(cpuCoresRow, 'CPU Cores: 16 CPU Speed: 3.0 GHz', 12).values // [16, '3.0 GHz']
 */
export function readRow(row: RowItem, t: string, line: number): RowValues {
  const m = rowRegex(row).exec(t);
  if (!m) throw lineError(line, `cannot read "${row.label}" line`);
  const values: unknown[] = [];
  const rests: (string | undefined)[] = [];
  row.cells.forEach((c, i) => {
    try {
      const r = readCell(c, m[i + 1], row.label, values);
      values.push(r.value);
      rests.push(r.rest);
    } catch (err) {
      if (err instanceof InputError) throw lineError(line, err.message);
      throw err;
    }
  });
  return { values, rests };
}

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.every((x) => x === '' || x === undefined));

function cellText(c: CellSpec, v: unknown, quote: boolean): string | null {
  if (isBlank(v)) return c.omitBlank ? null : CELL_FILLER;
  switch (c.kind) {
    case 'num':
    case 'int':
      return typeof v === 'number' ? writeNumber(v) : String(v);
    case 'ts':
      return writeTimestamp(String(v));
    case 'list': {
      const items = (Array.isArray(v) ? v : [v]).map(String).filter((s) => s !== '');
      return quote ? items.map((s) => JSON.stringify(s)).join(', ') : writeList(items);
    }
    case 'choice':
      return c.choice ? c.choice.label(String(v)) : String(v);
    case 'text':
      return quote ? JSON.stringify(String(v)) : writeTextCell(String(v), c.placeholder);
  }
}

function assemble(row: RowItem, values: unknown[], quoted: ReadonlySet<number>): string {
  let s = row.label;
  row.cells.forEach((c, i) => {
    const txt = cellText(c, values[i], quoted.has(i));
    if (txt === null) return;
    s += i === 0 ? ` ${c.pre ?? ''}${txt}` : `${c.pre ?? ' '}${txt}`;
    s += c.unit ?? '';
  });
  return s;
}

function same(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = a.filter((v) => v !== ''), y = b.filter((v) => v !== '');
    return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  }
  return Object.is(a, b);
}

/** Index of the first cell that does not read back as written, -1 when the whole line does. */
function firstMismatch(row: RowItem, line: string, values: unknown[]): number {
  try {
    const back = readRow(row, line, 0);
    return row.cells.findIndex((_, i) => back.rests[i] !== undefined || !same(back.values[i], values[i]));
  } catch {
    return 0;
  }
}

/**
 * Writes a row for the values found at its cells' paths in `obj`. A cell that does not read back
 * (its text contains the next literal, a comma before an omitted cell…) is JSON-quoted, one at a time.
 * @example writeRow(cpuCoresRow, { system_state: { specs: { cpu_cores: 16 } } }) === 'CPU Cores: 16 CPU Speed: __________'
 */
export function writeRow(row: RowItem, obj: unknown): string {
  const values = row.cells.map((c) => getPath(obj, c.path));
  const quoted = new Set<number>();
  for (;;) {
    const line = assemble(row, values, quoted);
    const bad = firstMismatch(row, line, values);
    if (bad < 0) return line;
    const next = row.cells.findIndex((c, i) => !quoted.has(i) && i >= bad && (c.kind === 'text' || c.kind === 'list') && !isBlank(values[i]));
    const fallback = row.cells.findIndex((c, i) => !quoted.has(i) && (c.kind === 'text' || c.kind === 'list') && !isBlank(values[i]));
    const pick = next >= 0 ? next : fallback;
    if (pick < 0) return line;
    quoted.add(pick);
  }
}
