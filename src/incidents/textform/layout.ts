/**
 * The whole form: section order, banner titles, and the compiled label matchers that both the
 * renderer (to decide what to escape) and the parser (to find structure) use — one predicate, two users.
 */
import { QUOTED_SRC, isRule } from './codec.js';
import { appendixSection, actionItemsSection, lessonsSection, preventionSection, relatedSection, signoffSection } from './sections-followup.js';
import { impactSection, resolutionSection, responseSection, rootCauseSection } from './sections-analysis.js';
import { entrySection, failureSection, symptomsSection, systemStateSection } from './sections-state.js';
import {
  correctiveSection,
  dismissalsSection,
  fishboneSection,
  milestonesSection,
  postmortemImpactSection,
  recordSection,
  reviewSection,
  summarySection,
  supportingSection,
  timelineSection,
} from './sections-extra.js';
import type { GroupItem, Item, RowItem, Section } from './spec.js';

export const FORM_TITLE = 'SYSTEM FAILURE ANALYSIS LOG';
export const FORM_SUBTITLE = 'Technical Infrastructure and Component Failures';
export const END_TITLE = 'END OF SYSTEM FAILURE ANALYSIS';

/** The seed's sections, in the seed's order. */
export const SEED_SECTIONS: readonly Section[] = [
  entrySection,
  symptomsSection,
  systemStateSection,
  failureSection,
  rootCauseSection,
  impactSection,
  responseSection,
  resolutionSection,
  lessonsSection,
  preventionSection,
  relatedSection,
  actionItemsSection,
  signoffSection,
  appendixSection,
];

/** Sections for record fields the seed has no blank for. */
export const EXTRA_SECTIONS: readonly Section[] = [
  recordSection,
  summarySection,
  postmortemImpactSection,
  correctiveSection,
  fishboneSection,
  timelineSection,
  dismissalsSection,
  milestonesSection,
  reviewSection,
  supportingSection,
];

export interface LabelEntry {
  label: string;
  re: RegExp;
  item: Item;
}

export interface HeadEntry {
  re: RegExp;
  /** The heading's value, or null for the other-heading that carries its own text. */
  value: string | null;
}

export interface Ctx {
  section: CompiledSection;
  group: CompiledGroup | null;
}

export interface CompiledGroup {
  spec: GroupItem;
  starterRe: RegExp | null;
  starterItem: LabelEntry | null;
  subs: LabelEntry[];
  heads: HeadEntry[];
  ctx: Ctx;
}

export interface CompiledSection {
  spec: Section;
  labels: LabelEntry[];
  groups: Map<GroupItem, CompiledGroup>;
  /** The group that fills the whole section, if any. */
  wide: CompiledGroup | null;
  ctx: Ctx;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Label text as a case- and spacing-tolerant pattern (`Load Average (1m/5m/15m):`). */
export function literalSource(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((w) => escapeRe(w).replace(/'/g, "['’]"))
    .join('\\s*');
}

const entry = (label: string, item: Item): LabelEntry => ({ label, re: new RegExp(`^${literalSource(label)}`, 'i'), item });

/** Longest label first, so `Version: Old:` wins over a shorter label it starts with. */
const byLength = (a: LabelEntry, b: LabelEntry) => b.label.length - a.label.length;

function labelled(items: readonly Item[]): LabelEntry[] {
  const out: LabelEntry[] = [];
  for (const item of items) {
    if (item.type === 'gap') continue;
    if (item.type === 'group') {
      if (item.label !== null) out.push(entry(item.label, item));
    } else out.push(entry(item.label, item));
  }
  return out.sort(byLength);
}

function starterRegex(g: GroupItem): RegExp | null {
  const s = g.starter;
  switch (s.type) {
    case 'numbered':
      return /^(\d{1,4})[.)](?=\s|$)\s*(.*)$/s;
    case 'bullet':
      return /^[-*•](?=\s|$)\s*(.*)$/s;
    case 'stamp':
      return new RegExp(`^\\[(${QUOTED_SRC}|[^\\]]*)\\]\\s*(.*)$`, 's');
    case 'box':
      // A Markdown-style "- [x] …" (the post-mortem template's checklists) is accepted too.
      return s.label
        ? new RegExp(`^(?:[-*]\\s+)?\\[([^\\[\\]]{0,12})\\]\\s*${literalSource(s.label)}\\s*(.*)$`, 'is')
        : /^(?:[-*]\s+)?\[([^[\]]{0,12})\](?=\s|$)\s*(.*)$/s;
    case 'item':
      return null;
  }
}

function compileGroup(g: GroupItem, section: CompiledSection): CompiledGroup {
  const heads: HeadEntry[] = [];
  if (g.heads) {
    for (const v of g.heads.set.values) heads.push({ re: entry(`${g.heads.set.label(v).toUpperCase()}:`, g).re, value: v });
    heads.push({ re: entry(g.heads.otherLabel, g).re, value: null });
  }
  const compiled: CompiledGroup = {
    spec: g,
    starterRe: starterRegex(g),
    starterItem: g.starter.type === 'item' ? entry(g.starter.item.label, g.starter.item) : null,
    subs: labelled(g.subs),
    heads,
    ctx: { section, group: null },
  };
  compiled.ctx.group = compiled;
  return compiled;
}

function compileSection(spec: Section): CompiledSection {
  const section = { spec, labels: labelled(spec.items), groups: new Map(), wide: null } as unknown as CompiledSection;
  section.ctx = { section, group: null };
  for (const item of spec.items) {
    if (item.type !== 'group') continue;
    const g = compileGroup(item, section);
    section.groups.set(item, g);
    if (item.label === null) section.wide = g;
  }
  if (section.wide) section.ctx = section.wide.ctx;
  return section;
}

export const COMPILED: readonly CompiledSection[] = [...SEED_SECTIONS, ...EXTRA_SECTIONS].map(compileSection);

const normTitle = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
const TITLES = new Map<string, CompiledSection | 'header' | 'end'>([
  [normTitle(FORM_TITLE), 'header'],
  [normTitle(FORM_SUBTITLE), 'header'],
  [normTitle(END_TITLE), 'end'],
  ...COMPILED.map((s) => [normTitle(s.spec.title), s] as const),
]);
const LONGEST_TITLE = Math.max(...[...TITLES.keys()].map((k) => k.length));

/** The section (or header/end marker) a banner title line names. */
export function titleOf(t: string): CompiledSection | 'header' | 'end' | undefined {
  // Most lines are values; a cheap length check spares them the normalisation.
  if (t.length > LONGEST_TITLE + 20) return undefined;
  return TITLES.get(/\s\s|\t/.test(t) ? normTitle(t) : t.trim().toUpperCase());
}

const buckets = new WeakMap<readonly LabelEntry[], Map<string, LabelEntry[]>>();

/** Entries whose label starts with the line's first character (labels match case-insensitively). */
function candidates(t: string, entries: readonly LabelEntry[]): readonly LabelEntry[] {
  let map = buckets.get(entries);
  if (!map) {
    map = new Map();
    for (const e of entries) {
      const k = e.label.charAt(0).toLowerCase();
      map.set(k, [...(map.get(k) ?? []), e]);
    }
    buckets.set(entries, map);
  }
  return map.get(t.charAt(0).toLowerCase()) ?? [];
}

export function matchLabel(t: string, entries: readonly LabelEntry[]): { entry: LabelEntry; rest: string } | null {
  for (const e of candidates(t, entries)) {
    const m = e.re.exec(t);
    if (m) return { entry: e, rest: t.slice(m[0].length) };
  }
  return null;
}

export type GroupLine =
  | { kind: 'head'; head: HeadEntry; rest: string }
  | { kind: 'starter'; m: RegExpExecArray }
  | { kind: 'item'; entry: LabelEntry; rest: string }
  | { kind: 'sub'; entry: LabelEntry; rest: string };

/** What a line means inside a repeated group, if anything. */
export function matchGroupLine(t: string, g: CompiledGroup): GroupLine | null {
  for (const head of g.heads) {
    const m = head.re.exec(t);
    if (m) return { kind: 'head', head, rest: t.slice(m[0].length) };
  }
  if (g.starterRe) {
    const m = g.starterRe.exec(t);
    if (m) return { kind: 'starter', m };
  }
  if (g.starterItem) {
    const m = matchLabel(t, [g.starterItem]);
    if (m) return { kind: 'item', ...m };
  }
  const sub = matchLabel(t, g.subs);
  return sub ? { kind: 'sub', ...sub } : null;
}

/** Would the parser, in this context, read this (left-trimmed) line as structure rather than a value? */
export function isStructural(t: string, ctx: Ctx): boolean {
  if (t.startsWith('\\')) return false;
  if (isRule(t) || titleOf(t) !== undefined) return true;
  if (matchLabel(t, ctx.section.labels)) return true;
  return ctx.group !== null && matchGroupLine(t, ctx.group) !== null;
}

const rowCache = new WeakMap<RowItem, RegExp>();

/**
 * Pattern for a row: its label, then each cell (a JSON-quoted string or lazy text) with its literals.
 * Later cells and all units are optional, so a human may delete the tail of a line.
 */
export function rowRegex(row: RowItem): RegExp {
  const cached = rowCache.get(row);
  if (cached) return cached;
  let src = `^${literalSource(row.label)}\\s*`;
  row.cells.forEach((c, i) => {
    const value = `(${QUOTED_SRC}|.*?)`;
    const unit = c.unit?.trim() ? `(?:\\s*${literalSource(c.unit)})?` : '';
    const pre = c.pre?.trim() ?? '';
    if (i === 0) src += (pre ? `(?:${literalSource(pre)}\\s*)?` : '') + value + unit;
    else src += `(?:${/^[A-Za-z]/.test(pre) ? '\\s+' : '\\s*'}${literalSource(pre)}\\s*${value}${unit})?`;
  });
  // 's': a cell may hold a lone CR or a line separator, which `.` must not stop at.
  const re = new RegExp(`${src}\\s*$`, 'is');
  rowCache.set(row, re);
  return re;
}
