/** Presentation helpers shared by every command: JSON, aligned tables, colour that honours NO_COLOR. */
import pc from 'picocolors';

export interface Output {
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export function stdOutput(json: boolean): Output {
  return { json, out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
}

/** Pretty JSON; bigints become strings so nanosecond values never lose digits. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/**
 * Renders rows as an aligned plain-text table.
 * @example table([{ id: 'SYS-1', title: 'x' }], ['id', 'title'])
 */
export function table<T extends Record<string, unknown>>(rows: T[], columns: (keyof T & string)[], { maxWidth = 60 } = {}): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    const flat = s.replace(/\s+/g, ' ');
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [pc.bold(line(columns.map((c) => c.toUpperCase()))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export const color = pc;

/** Colour for a severity or state word in human output. */
export function paint(word: string): string {
  if (/^P0|^P1|overdue|error|fail/i.test(word)) return pc.red(word);
  if (/^P2|due|late|warn/i.test(word)) return pc.yellow(word);
  if (/met|ok|closed|approved/i.test(word)) return pc.green(word);
  return word;
}
