/**
 * Renders an incident as the seed's SYSTEM FAILURE ANALYSIS LOG, blanks filled in, followed by sections
 * for the fields that form lacks. The output reads back losslessly with parseText.
 */
import type { Incident, IncidentExport } from '../schema/index.js';
import { writeChoice } from './boxes.js';
import { FILLER, escapeLine, fillerAfter, needsEscape, needsInlineEscape, readTextCell, writeTextCell, writeTimestamp } from './codec.js';
import { COMPILED, END_TITLE, FORM_SUBTITLE, FORM_TITLE, isStructural, type CompiledGroup, type Ctx } from './layout.js';
import { getPath, isObj, type Obj } from './paths.js';
import { writeRow } from './rows.js';
import type { BoxSpec, CellSpec, HeadsSpec, Item, Starter, TextItem } from './spec.js';

const WIDTH = 80;
const RULE = '='.repeat(WIDTH);

function banner(out: string[], titles: string[]): void {
  out.push(RULE);
  for (const t of titles) {
    out.push(`${' '.repeat(Math.max(0, Math.floor((WIDTH - t.length) / 2)))}${t}`);
    out.push(RULE);
  }
}

interface ValueOptions {
  ctx: Ctx;
  /** Indentation of the lines under the head. */
  indent: number;
  /** First line goes on the head's line. */
  inline: boolean;
  /** Escape the first line even if it would read back as is (a value equal to the seed's preset text). */
  forceFirst?: boolean;
}

/**
 * Writes a multi-line value under (or starting after) `head`. Lines that would read as structure,
 * blank lines at either end and lines with edge whitespace are backslash-escaped.
 */
function writeValue(out: string[], head: string, value: string, { ctx, indent, inline, forceFirst = false }: ValueOptions): void {
  const pad = ' '.repeat(indent);
  const lines = value.split('\n');
  const last = lines.length - 1;
  const structural = (t: string) => isStructural(t, ctx);
  const first = lines[0] ?? '';
  let k = 0;
  if (inline && first !== '') {
    out.push(`${head} ${forceFirst || needsInlineEscape(first) ? escapeLine(first) : first}`);
    k = 1;
  } else out.push(head);
  for (; k < lines.length; k++) {
    const s = lines[k] ?? '';
    const escape = (forceFirst && k === 0) || needsEscape(s, structural) || (s === '' && (k === 0 || k === last));
    out.push(escape ? pad + escapeLine(s) : s === '' ? '' : pad + s);
  }
}

function writeTextItem(out: string[], item: TextItem, obj: unknown, ctx: Ctx, indent: number): void {
  const pad = ' '.repeat(indent);
  const head = pad + item.label;
  const v = getPath(obj, item.path);
  if (typeof v === 'string' && v !== '') {
    writeValue(out, head, v, { ctx, indent, inline: item.inline, forceFirst: item.preset === v });
    return;
  }
  out.push(item.inline ? `${head} ${fillerAfter(head)}` : head);
  if (item.preset !== undefined) out.push(...item.preset.split('\n'));
  else for (let i = 0; i < item.blank; i++) out.push(pad + FILLER);
}

function renderItems(out: string[], items: readonly Item[], obj: unknown, ctx: Ctx, indent: number): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    switch (item.type) {
      case 'gap':
        out.push('');
        break;
      case 'heading':
        out.push(pad + item.label);
        break;
      case 'text':
        writeTextItem(out, item, obj, ctx, indent);
        break;
      case 'row': {
        out.push(pad + writeRow(item, obj));
        const blank = item.cells.every((c) => getPath(obj, c.path) === undefined);
        if (blank) for (let i = 0; i < item.under; i++) out.push(pad + FILLER);
        break;
      }
      case 'choice':
        out.push(...writeChoice(item, obj, pad));
        break;
      case 'group': {
        const g = ctx.section.groups.get(item);
        if (g) renderGroup(out, g, obj, indent);
        break;
      }
    }
  }
}

function stampText(c: CellSpec, v: unknown): string {
  if (typeof v !== 'string' || v === '') return c.kind === 'ts' ? 'YYYY-MM-DD HH:MM:SS UTC' : 'HH:MM:SS';
  if (c.kind === 'ts') return writeTimestamp(v);
  return !/[\]\r\n]/.test(v) && readTextCell(v, c.placeholder) === v ? v : JSON.stringify(v);
}

function boxMark(box: BoxSpec, obj: unknown): string {
  const v = getPath(obj, box.path);
  if (box.mode === 'completes') return v === box.value ? 'x' : ' ';
  return v === true ? 'x' : v === false ? '-' : ' ';
}

function starterHead(s: Exclude<Starter, { type: 'item' }>, obj: unknown, n: number): string {
  switch (s.type) {
    case 'numbered':
      return `${n}.`;
    case 'bullet':
      return '-';
    case 'stamp':
      return `[${stampText(s.cell, getPath(obj, s.cell.path))}]`;
    case 'box':
      return `[${boxMark(s.box, obj)}]${s.label ? ` ${s.label}` : ''}`;
  }
}

function renderElement(out: string[], g: CompiledGroup, el: unknown, n: number): void {
  const spec = g.spec;
  const obj: Obj = spec.scalar ? { _: el } : isObj(el) ? el : {};
  const s = spec.starter;
  if (s.type === 'item') renderItems(out, [s.item], obj, g.ctx, 0);
  else {
    const head = starterHead(s, obj, n);
    const text = getPath(obj, s.path);
    if (typeof text === 'string' && text !== '') writeValue(out, head, text, { ctx: g.ctx, indent: spec.indent, inline: true });
    else out.push(`${head} ${fillerAfter(head)}`);
  }
  renderItems(out, spec.subs, obj, g.ctx, spec.indent);
}

function renderElements(out: string[], g: CompiledGroup, els: readonly unknown[], blanks: number): void {
  const list = els.length ? els : Array.from({ length: blanks }, () => undefined);
  list.forEach((el, i) => {
    if (i > 0 && g.spec.spaced) out.push('');
    renderElement(out, g, el, i + 1);
  });
}

const OTHER = 'other: ';

/**
 * Elements under sub-headings (`HIGH PRIORITY:`): in the seed's heading order when the list is in that
 * order, else a heading wherever the value changes, so the element order survives a round trip.
 */
function renderHeaded(out: string[], g: CompiledGroup, els: readonly unknown[], heads: HeadsSpec): void {
  const std = heads.set.values;
  const headOf = (el: unknown) => {
    const v = getPath(el, heads.path);
    return typeof v === 'string' ? v : '';
  };
  const writeHead = (v: string) => {
    out.push(v.startsWith(OTHER) ? `${heads.otherLabel} ${writeTextCell(v.slice(OTHER.length))}` : `${heads.set.label(v).toUpperCase()}:`);
    out.push('');
  };
  const ranks = els.map((el) => std.indexOf(headOf(el)));
  const inOrder = ranks.every((r, i) => r >= 0 && (i === 0 || r >= (ranks[i - 1] ?? 0)));
  if (inOrder) {
    std.forEach((v, k) => {
      if (k > 0) out.push('');
      writeHead(v);
      renderElements(out, g, els.filter((el) => headOf(el) === v), els.length ? 1 : heads.blankPer[k] ?? 1);
    });
    return;
  }
  let i = 0;
  while (i < els.length) {
    const v = headOf(els[i]);
    let j = i;
    while (j < els.length && headOf(els[j]) === v) j++;
    if (i > 0) out.push('');
    writeHead(v);
    renderElements(out, g, els.slice(i, j), 0);
    i = j;
  }
  for (const v of std) {
    if (els.some((el) => headOf(el) === v)) continue;
    out.push('');
    writeHead(v);
    renderElements(out, g, [], 1);
  }
}

function renderGroup(out: string[], g: CompiledGroup, obj: unknown, indent: number): void {
  const spec = g.spec;
  if (spec.label !== null) {
    out.push(' '.repeat(indent) + spec.label);
    if (spec.gapAfterLabel) out.push('');
  }
  const raw = getPath(obj, spec.path);
  const els = Array.isArray(raw) ? (raw as unknown[]) : [];
  if (spec.heads) renderHeaded(out, g, els, spec.heads);
  else renderElements(out, g, els, spec.blank);
}

/**
 * Renders the incident in the layout of the seed's system-failure log (same banners, labels, order
 * and checkboxes), then POST-MORTEM and other sections for the fields the seed has no blank for.
 * @example const text = renderText(incident); parseText(text).title === incident.title
 */
export function renderText(incident: Incident | IncidentExport): string {
  const out: string[] = [];
  banner(out, [FORM_TITLE, FORM_SUBTITLE]);
  for (const section of COMPILED) {
    out.push('');
    banner(out, [section.spec.title]);
    out.push('');
    renderItems(out, section.spec.items, incident, section.ctx, 0);
  }
  out.push('');
  banner(out, [END_TITLE]);
  return `${out.join('\n')}\n`;
}
