/**
 * The vocabulary of the text form's layout: one declarative description of every label, blank,
 * checkbox list and repeated group, read by both the renderer and the parser so the two cannot drift.
 */
import type { ChoiceSet } from '../schema/index.js';

/** What a blank on a line holds. */
export type CellKind = 'text' | 'num' | 'int' | 'ts' | 'list' | 'choice';

/** One blank on a line, e.g. the `____ GB` of `- Free: ____ GB`. */
export interface CellSpec {
  /** Dotted path in the record (relative to the group element inside a repeated group). */
  path: string;
  kind: CellKind;
  /** Literal printed before the blank; optional when reading the first cell, required for later ones. */
  pre?: string;
  /** Literal printed after the blank (a unit); optional when reading. */
  unit?: string;
  /** num only: path that receives free text a human wrote after the number ("25,000 (opportunity cost)"). */
  rest?: string;
  /** ts only: index of the cell whose date completes a time-only value ("02:00 to 03:00 UTC"). */
  dateFrom?: number;
  /** A blank cell is left out together with its `pre`. */
  omitBlank?: boolean;
  /** A value matching this is the seed's printed placeholder, i.e. a blank. */
  placeholder?: RegExp;
  /** kind 'choice': the allowed values. */
  choice?: ChoiceSet<string>;
}

/** A labelled free-text value: first line after the label (inline) or all lines under it. */
export interface TextItem {
  type: 'text';
  label: string;
  path: string;
  inline: boolean;
  /** Filler lines printed under the label when the value is blank (as many as the seed shows). */
  blank: number;
  /** Text the seed prints pre-filled in this blank; reading it back unchanged means "blank". */
  preset?: string;
}

/** A line of one or more cells after a label, e.g. `CPU Cores: ___ CPU Speed: ___`. */
export interface RowItem {
  type: 'row';
  label: string;
  cells: CellSpec[];
  /** Filler lines the seed prints under the row, shown when the row is blank. */
  under: number;
}

/** A checkbox list. */
export interface ChoiceItem {
  type: 'choice';
  label: string;
  path: string;
  set: ChoiceSet<string>;
  multi: boolean;
  /** Boxes on the label line, on the line below it, or one per line. */
  layout: 'inline' | 'below' | 'vertical';
  /** `seed`: an `Other:` line is always shown; `used`: only when an other-value is present; `never`: not allowed. */
  other: 'seed' | 'used' | 'never';
  /** The value is a boolean (yes/no boxes). */
  bool?: boolean;
  /** A blank printed on one option's line, e.g. `[ ] Yes - Location: ____`. */
  attach?: { value: string; sep: string; cell: CellSpec };
}

/** A label that only introduces what follows (`SYSTEM SPECIFICATIONS:`). */
export interface HeadingItem {
  type: 'heading';
  label: string;
}

export interface GapItem {
  type: 'gap';
}

/** How a group element's first line starts. */
export type Starter =
  | { type: 'numbered'; path: string }
  | { type: 'bullet'; path: string }
  | { type: 'stamp'; cell: CellSpec; path: string }
  | { type: 'box'; path: string; box: BoxSpec; label?: string }
  | { type: 'item'; item: TextItem | RowItem };

/** The `[ ]` before a checklist entry: a tri-state boolean, or "ticked means status completed". */
export type BoxSpec = { mode: 'tristate'; path: string } | { mode: 'completes'; path: string; value: string };

/** Sub-headings that set one field of the elements listed under them (`HIGH PRIORITY:`). */
export interface HeadsSpec {
  path: string;
  set: ChoiceSet<string>;
  /** Heading carrying an other-value, e.g. `OTHER PRIORITY:`. */
  otherLabel: string;
  /** Blank elements shown under each heading when the list is empty. */
  blankPer: number[];
}

/** A repeated group: numbered list, checklist, time-stamped lines, or repeated rows. */
export interface GroupItem {
  type: 'group';
  /** Label introducing the list; null when the list fills its whole section. */
  label: string | null;
  path: string;
  starter: Starter;
  subs: Item[];
  /** Indentation of continuation and sub-field lines. */
  indent: number;
  /** Blank elements shown when the list is empty. */
  blank: number;
  gapAfterLabel: boolean;
  /** A blank line between elements. */
  spaced: boolean;
  /** Elements are strings (the starter's text), not objects. */
  scalar: boolean;
  heads?: HeadsSpec;
}

export type Item = TextItem | RowItem | ChoiceItem | HeadingItem | GapItem | GroupItem;

export interface Section {
  title: string;
  items: Item[];
}

// ---- builders: keep the section files close to the seed's own layout ----

export const gap: GapItem = { type: 'gap' };

export const heading = (label: string): HeadingItem => ({ type: 'heading', label });

/** Label on its own line, value on the lines under it. */
export const block = (label: string, path: string, blank = 3, preset?: string): TextItem =>
  preset === undefined ? { type: 'text', label, path, inline: false, blank } : { type: 'text', label, path, inline: false, blank, preset };

/** Value starting on the label's line; `blank` extra filler lines under it when empty. */
export const inline = (label: string, path: string, blank = 0): TextItem => ({ type: 'text', label, path, inline: true, blank });

export const cell = (path: string, kind: CellKind, opts: Omit<CellSpec, 'path' | 'kind'> = {}): CellSpec => ({ path, kind, ...opts });

export const row = (label: string, cells: CellSpec[], under = 0): RowItem => ({ type: 'row', label, cells, under });

/** A single number after its label, with an optional unit. */
export const numRow = (label: string, path: string, unit?: string, kind: 'num' | 'int' = 'num'): RowItem =>
  row(label, [cell(path, kind, unit === undefined ? {} : { unit })]);

export const tsRow = (label: string, path: string, under = 0): RowItem => row(label, [cell(path, 'ts')], under);

export interface ChoiceOptions {
  multi?: boolean;
  layout?: ChoiceItem['layout'];
  other?: ChoiceItem['other'];
  bool?: boolean;
  attach?: ChoiceItem['attach'];
}

export function choice(label: string, path: string, set: ChoiceSet<string>, opts: ChoiceOptions = {}): ChoiceItem {
  const { multi = false, layout = 'inline', other = 'used', bool, attach } = opts;
  const item: ChoiceItem = { type: 'choice', label, path, set, multi, layout, other };
  if (bool) item.bool = true;
  if (attach) item.attach = attach;
  return item;
}

export interface GroupOptions {
  subs?: Item[];
  indent?: number;
  blank?: number;
  gapAfterLabel?: boolean;
  spaced?: boolean;
  scalar?: boolean;
  heads?: HeadsSpec;
}

export function group(label: string | null, path: string, starter: Starter, opts: GroupOptions = {}): GroupItem {
  const { subs = [], indent = 3, blank = 1, gapAfterLabel = false, spaced = false, scalar = false, heads } = opts;
  const g: GroupItem = { type: 'group', label, path, starter, subs, indent, blank, gapAfterLabel, spaced, scalar };
  if (heads) g.heads = heads;
  return g;
}
