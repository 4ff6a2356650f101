/** Cell-ready (escaped) renderings of record values for the Markdown export. */
import type { ChoiceSet } from '../schema/index.js';
import { writeTimestamp } from './codec.js';
import { escapeCell } from './md-writer.js';

const OTHER = 'other: ';

/** Display label of a choice value; `other: x` shows as `Other: x`. */
export function choiceLabel(set: ChoiceSet<string>, v: string): string {
  return v.startsWith(OTHER) ? `Other: ${v.slice(OTHER.length)}` : set.label(v);
}

export const cell = (v: string | number | undefined): string | undefined => (v === undefined || v === '' ? undefined : escapeCell(String(v)));

export const numCell = (v: number | undefined, unit = ''): string | undefined => (v === undefined ? undefined : `${escapeCell(String(v))}${unit}`);

export const tsCell = (v: string | undefined): string | undefined => (v ? escapeCell(writeTimestamp(v)) : undefined);

export const choiceCell = (set: ChoiceSet<string>, v: string | undefined): string | undefined => (v ? escapeCell(choiceLabel(set, v)) : undefined);

export const choicesCell = (set: ChoiceSet<string>, vs: readonly string[] | undefined): string | undefined =>
  vs?.length ? vs.map((v) => escapeCell(choiceLabel(set, v))).join(', ') : undefined;

export const boolCell = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'Yes' : 'No');

export const listCell = (vs: readonly string[] | undefined): string | undefined =>
  vs?.filter((v) => v !== '').length ? vs.filter((v) => v !== '').map(escapeCell).join('; ') : undefined;

/** `a / b unit` when either side is known. */
export function pairCell(a: number | undefined, b: number | undefined, unit = ''): string | undefined {
  if (a === undefined && b === undefined) return undefined;
  return `${a === undefined ? '?' : escapeCell(String(a))} / ${b === undefined ? '?' : escapeCell(String(b))}${unit}`;
}
