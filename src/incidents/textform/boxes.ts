/**
 * Checkbox lists: writing `[x] Option` lines (with `[2]`-style positions when a multi-choice list is
 * not in the form's order) and reading what a human ticked, with clear errors for what is not an option.
 */
import { clip, readMark, readTextCell, stripFiller, writeTextCell, type Mark } from './codec.js';
import { literalSource } from './layout.js';
import { getPath } from './paths.js';
import { lineError } from './rows.js';
import type { ChoiceItem } from './spec.js';

const OTHER_PREFIX = 'other: ';
const isOther = (v: string) => v.startsWith(OTHER_PREFIX);

function choiceValues(item: ChoiceItem, value: unknown): string[] {
  if (item.bool) return value === true ? ['yes'] : value === false ? ['no'] : [];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** True when ticks alone would not give back this list: options out of the form's order, or repeated. */
function needsPositions(values: string[], options: readonly string[]): boolean {
  const ranks = values.map((v) => (isOther(v) ? Infinity : options.indexOf(v)));
  const seen = new Set<number>();
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i] ?? Infinity;
    if (r !== Infinity && seen.has(r)) return true;
    seen.add(r);
    if (i > 0 && r < (ranks[i - 1] ?? -1)) return true;
  }
  return false;
}

/**
 * Lines of a checkbox list for the value at `item.path` in `obj`.
 * @example writeChoice(severityItem, { severity: 'P1' }, '') // ['SEVERITY: [ ] P0-Critical [x] P1-High …']
 */
export function writeChoice(item: ChoiceItem, obj: unknown, pad: string): string[] {
  const values = choiceValues(item, getPath(obj, item.path));
  const positional = item.multi && needsPositions(values, item.set.values);
  const mark = (positions: number[]) => (positions.length === 0 ? ' ' : positional ? positions.join(',') : 'x');
  const segs = item.set.values.map((o) => {
    const positions = values.flatMap((v, i) => (v === o ? [i + 1] : []));
    let s = `[${mark(positions)}] ${item.set.label(o)}`;
    if (item.attach?.value === o) {
      const at = getPath(obj, item.attach.cell.path);
      s += ` - ${item.attach.sep} ${typeof at === 'string' && at !== '' ? writeTextCell(at) : '_'.repeat(40)}`;
    }
    return s;
  });
  const others = values.flatMap((v, i) => (isOther(v) ? [`[${mark([i + 1])}] Other: ${writeTextCell(v.slice(OTHER_PREFIX.length))}`] : []));
  if (others.length === 0 && item.other === 'seed') others.push('[ ] Other: _______________');
  const all = [...segs, ...others];
  // An Other: text runs to the end of its line, so a second one needs a line of its own.
  const layout = others.length > 1 ? 'vertical' : item.layout;
  if (layout === 'inline') return [`${pad}${item.label} ${all.join(' ')}`];
  if (layout === 'below') return [`${pad}${item.label}`, `${pad}${all.join(' ')}`];
  return [`${pad}${item.label}`, ...all.map((s) => `${pad}${s}`)];
}

interface Tick {
  value: string;
  order: number[];
  line: number;
}

/** What a human ticked in one checkbox list, gathered over its lines. */
export class ChoiceReader {
  private readonly ticks: Tick[] = [];
  /** Text of the blank on an option's line (`Yes - Location: …`), whether that option is ticked or not. */
  attached: string | undefined;

  constructor(private readonly item: ChoiceItem) {}

  private expected(): string {
    const labels = this.item.set.values.map((v) => this.item.set.label(v)).join(', ');
    return this.item.other === 'never' ? labels : `${labels}, or Other: <text>`;
  }

  private tick(mark: Mark, value: string, line: number): void {
    if (mark.on) this.ticks.push({ value, order: mark.order, line });
  }

  private other(mark: Mark, rest: string, line: number): void {
    const text = readTextCell(rest);
    const label = this.item.label;
    if (this.item.other === 'never' && (mark.on || text !== undefined)) throw lineError(line, `${label} has no Other option; expected ${this.expected()}`);
    if (mark.on && text === undefined) throw lineError(line, `${label} Other is ticked but has no text after "Other:"`);
    if (!mark.on && text !== undefined) throw lineError(line, `${label} text after "Other:" but its box is not ticked; tick it with [x]`);
    if (text !== undefined) this.tick(mark, `${OTHER_PREFIX}${text}`, line);
  }

  /** A value written without boxes (`SEVERITY: P1`). */
  plain(t: string, line: number): void {
    const text = readTextCell(t);
    if (text === undefined) return;
    const v = this.item.set.normalize(text);
    if (isOther(v) ? this.item.other === 'never' : !this.item.set.values.includes(v)) {
      throw lineError(line, `${this.item.label} unknown option "${clip(text)}"; expected ${this.expected()}`);
    }
    this.tick({ on: true, order: [] }, v, line);
  }

  /** A line (or the rest of the label's line) of `[ ] Option` boxes. */
  boxes(t: string, line: number): void {
    const box = /^\[([^[\]]{0,12})\]/;
    let s = t.trim();
    while (s !== '') {
      const m = box.exec(s);
      if (!m) throw lineError(line, `${this.item.label} expected a checkbox "[ ]" before "${clip(s)}"`);
      const mark = readMark(m[1] ?? '');
      if (!mark) throw lineError(line, `${this.item.label} unrecognized mark "[${m[1] ?? ''}]"; tick a box with [x]`);
      s = s.slice(m[0].length).trimStart();
      const other = /^other\s*:/i.exec(s);
      if (other) return this.other(mark, s.slice(other[0].length), line);
      const at = this.item.attach;
      if (at) {
        const re = new RegExp(`^${literalSource(this.item.set.label(at.value))}\\s*-?\\s*${literalSource(at.sep)}`, 'i');
        const am = re.exec(s);
        if (am) {
          this.attached = readTextCell(s.slice(am[0].length));
          return this.tick(mark, at.value, line);
        }
      }
      const next = s.search(/\[[^[\]]{0,12}\]/);
      const label = stripFiller((next < 0 ? s : s.slice(0, next)).trim()).trim();
      s = next < 0 ? '' : s.slice(next);
      if (label === '') {
        if (mark.on) throw lineError(line, `${this.item.label} a ticked box has no option text`);
        continue;
      }
      const v = this.item.set.normalize(label);
      if (!this.item.set.values.includes(v)) throw lineError(line, `${this.item.label} unknown option "${clip(label)}"; expected ${this.expected()}`);
      this.tick(mark, v, line);
    }
  }

  /** The value: a list for multi-choice, a boolean for yes/no, else one value; undefined when nothing is ticked. */
  value(): unknown {
    const ticks = this.ticks;
    const second = ticks[1];
    if (!this.item.multi && second) {
      const names = ticks.map((t) => (isOther(t.value) ? `Other: ${t.value.slice(OTHER_PREFIX.length)}` : this.item.set.label(t.value)));
      throw lineError(second.line, `${this.item.label} only one box may be ticked, found ${ticks.length} (${names.join(', ')})`);
    }
    let values = ticks.map((t) => t.value);
    if (ticks.some((t) => t.order.length > 0)) {
      const placed = ticks.flatMap((t, i) => (t.order.length ? t.order.map((o) => ({ o, i, v: t.value })) : [{ o: Infinity, i, v: t.value }]));
      placed.sort((a, b) => a.o - b.o || a.i - b.i);
      values = placed.map((p) => p.v);
    }
    if (this.item.multi) return values.length ? values : undefined;
    const first = values[0];
    if (first === undefined) return undefined;
    return this.item.bool ? first === 'yes' : first;
  }
}
