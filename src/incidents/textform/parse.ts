/**
 * Reads a filled-in SYSTEM FAILURE ANALYSIS LOG (ours or one hand-filled from the plain seed) back into
 * an incident record. Sections are found by their banner titles, fields by their labels, so sections
 * may be missing or reordered; anything that is not a blank, a label or a value is an error with its line.
 */
import { InputError, type ErrorIssue } from '../../shared/errors.js';
import { zodIssues } from '../../shared/validation.js';
import { canonicalize } from '../merge.js';
import { STATUSES, exportExtrasSchema, incidentCreateSchema } from '../schema/index.js';
import { ChoiceReader } from './boxes.js';
import { clip, isRule, readMark, readTextCell, readTimestamp, stripFiller } from './codec.js';
import { COMPILED, matchGroupLine, matchLabel, titleOf, type CompiledSection, type GroupLine } from './layout.js';
import { getPath, setPath, type Obj } from './paths.js';
import { GroupReader, IGNORE, TextReader, quiet, type Collector, type ElementState, type Sink } from './readers.js';
import { lineError, readRow } from './rows.js';
import { dismissalsSection } from './sections-extra.js';
import type { Item } from './spec.js';

const ENTRY = COMPILED[0] as CompiledSection;
const DISMISSALS = COMPILED.find((c) => c.spec.title === dismissalsSection.title) as CompiledSection;

class FormReader {
  readonly record: Obj = {};
  readonly lines = new Map<string, number>();
  private section: CompiledSection | null = null;
  private ended = false;
  private collector: Collector = IGNORE;
  private group: GroupReader | null = null;
  private readonly sections = new Map<CompiledSection, number>();
  private readonly seen = new Map<Item, number>();

  private readonly top: Sink = {
    set: (path, value, line) => {
      setPath(this.record, path, value);
      this.lines.set(path, line);
    },
    append: (path, text, line) => {
      const old = getPath(this.record, path);
      this.top.set(path, typeof old === 'string' ? `${old}\n${text}` : text, line);
    },
    note: (path, line) => {
      this.lines.set(path, line);
    },
  };

  /** Whether the form has this section's banner (blank or not). */
  has(section: CompiledSection): boolean {
    return this.sections.has(section);
  }

  read(text: string): void {
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .forEach((raw, i) => this.line(raw.trimEnd(), i + 1));
    this.finishGroup();
  }

  private line(line: string, no: number): void {
    const t = line.trimStart();
    if (t === '') return this.collector.blank();
    if (t.startsWith('\\')) return this.collector.content(line, no);
    if (isRule(t)) return this.closeCollector();
    const title = titleOf(t);
    if (title !== undefined) return this.title(title, t, no);
    if (this.ended) throw lineError(no, `text after the END banner: "${clip(t)}"`);
    if (!this.section) {
      // Preamble (PURPOSE, SCOPE…) is skipped until the entry's first label or banner.
      if (!matchLabel(t, ENTRY.labels)) return;
      this.enter(ENTRY, no);
    }
    const section = this.section as CompiledSection;
    const label = matchLabel(t, section.labels);
    if (label) return this.openTop(label.entry.item, t, label.rest, no);
    const inGroup = this.group ? matchGroupLine(t, this.group.g) : null;
    if (inGroup) return this.groupLine(inGroup, t, no);
    this.collector.content(line, no);
  }

  private title(title: CompiledSection | 'header' | 'end', t: string, no: number): void {
    if (title === 'header') {
      if (this.section || this.ended) throw lineError(no, `a second form starts here ("${t}"); write one incident per file`);
      return;
    }
    this.finishGroup();
    if (this.ended) throw lineError(no, `section "${t}" after the END banner`);
    if (title === 'end') {
      this.ended = true;
      this.collector = IGNORE;
      return;
    }
    const first = this.sections.get(title);
    if (first !== undefined) throw lineError(no, `section "${title.spec.title}" appears twice (first at line ${first})`);
    this.enter(title, no);
  }

  private enter(section: CompiledSection, no: number): void {
    this.section = section;
    this.sections.set(section, no);
    this.collector = this.idle(`under the "${section.spec.title}" banner`);
    if (section.wide) this.group = new GroupReader(section.wide, no);
  }

  private closeCollector(): void {
    this.collector.close();
    this.collector = this.idle(this.section ? `in section "${this.section.spec.title}"` : '');
  }

  private finishGroup(): void {
    this.closeCollector();
    this.group?.finish(this.top);
    this.group = null;
  }

  /** Between fields: only blanks, unless a numbered or bulleted list accepts bare lines as elements. */
  private idle(where: string): Collector {
    if (!this.section) return IGNORE;
    return quiet(where, (line, no) => this.bareElement(line, no, where));
  }

  private bareElement(line: string, no: number, where: string): void {
    const gr = this.group;
    const s = gr?.g.spec.starter;
    if (!gr || !s || (s.type !== 'numbered' && s.type !== 'bullet')) {
      throw lineError(no, `unexpected text "${clip(line.trim())}" ${where}; write values after a label of the form`);
    }
    const el = gr.start(no);
    this.collector = this.textInto(el.sink, s.path, gr.g.spec.indent, line.trim(), no);
  }

  private textInto(sink: Sink, path: string, indent: number, first: string | null, no: number): Collector {
    return new TextReader(indent, first, (v) => {
      if (v !== undefined) sink.set(path, v, no);
    });
  }

  private openTop(item: Item, t: string, rest: string, no: number): void {
    this.finishGroup();
    const label = 'label' in item ? item.label : '';
    const first = this.seen.get(item);
    if (first !== undefined) throw lineError(no, `"${label}" appears twice (first at line ${first})`);
    this.seen.set(item, no);
    if (item.type === 'group') {
      const g = this.section?.groups.get(item);
      if (g) this.group = new GroupReader(g, no);
      this.collector = this.idle(`after "${label}"`);
      this.collector.content(rest, no);
      return;
    }
    this.collector = this.open(item, t, rest, no, this.top, 0);
  }

  /** Starts reading one field whose label line is `t` (`rest` is what follows the label). */
  private open(item: Item, t: string, rest: string, no: number, sink: Sink, indent: number): Collector {
    switch (item.type) {
      case 'text':
        return new TextReader(indent, rest, (v, anyEscaped) => {
          if (v === undefined || (item.preset !== undefined && !anyEscaped && v === item.preset)) return;
          sink.set(item.path, v, no);
        });
      case 'row': {
        const { values, rests } = readRow(item, t, no);
        item.cells.forEach((c, i) => {
          if (values[i] !== undefined) sink.set(c.path, values[i], no);
          const extra = rests[i];
          if (extra && c.rest) sink.append(c.rest, extra, no);
        });
        return this.idle(`after "${item.label}"`);
      }
      case 'choice': {
        const reader = new ChoiceReader(item);
        const read = (s: string, n: number) => (s.trimStart().startsWith('[') ? reader.boxes(s, n) : reader.plain(s, n));
        if (readTextCell(rest) !== undefined) read(rest, no);
        return {
          blank() {},
          content(line, n) {
            const s = line.trim();
            if (s !== '' && !/^_{3,}$/.test(s)) read(s, n);
          },
          close() {
            const v = reader.value();
            if (v !== undefined) sink.set(item.path, v, no);
            if (item.attach && reader.attached !== undefined) sink.set(item.attach.cell.path, reader.attached, no);
          },
        };
      }
      case 'heading':
        if (stripFiller(rest.trim()) !== '') throw lineError(no, `"${item.label}" is a heading; write values on the labelled lines under it`);
        return this.idle(`under the heading "${item.label}"`);
      default:
        return this.idle('');
    }
  }

  private groupLine(m: GroupLine, t: string, no: number): void {
    const gr = this.group as GroupReader;
    const spec = gr.g.spec;
    this.closeCollector();
    switch (m.kind) {
      case 'head': {
        gr.current = null;
        const text = readTextCell(m.rest);
        if (m.head.value === null && text === undefined) throw lineError(no, `"${spec.heads?.otherLabel ?? ''}" needs a value after it`);
        if (m.head.value !== null && text !== undefined) throw lineError(no, `unexpected text "${clip(text)}" after a sub-heading`);
        gr.head = m.head.value ?? `other: ${text ?? ''}`;
        return;
      }
      case 'starter': {
        gr.explicit = true;
        this.collector = this.starter(gr.start(no), m.m, no);
        return;
      }
      case 'item':
      case 'sub': {
        let el = m.kind === 'item' ? null : gr.current;
        if (!el || el.seen.has(m.entry.item)) el = gr.start(no);
        if (m.kind === 'item') gr.explicit = true;
        el.seen.add(m.entry.item);
        this.collector = this.open(m.entry.item, t, m.rest, no, el.sink, spec.indent);
        return;
      }
    }
  }

  /** An element's first line: `1. text`, `- text`, `[10:32:15] text`, `[x] Action: text`. */
  private starter(el: ElementState, m: RegExpExecArray, no: number): Collector {
    const gr = this.group as GroupReader;
    const s = gr.g.spec.starter;
    const text = m[m.length - 1] ?? '';
    if (s.type === 'stamp') {
      const raw = (m[1] ?? '').trim();
      const what = gr.g.spec.label ?? gr.g.spec.path;
      try {
        const v = s.cell.kind === 'ts' ? readTimestamp(stripFiller(raw), what) : readTextCell(raw, s.cell.placeholder);
        if (v !== undefined) el.sink.set(s.cell.path, v, no);
      } catch (err) {
        if (err instanceof InputError) throw lineError(no, err.message);
        throw err;
      }
    }
    if (s.type === 'box') {
      const mark = readMark(m[1] ?? '');
      if (!mark) throw lineError(no, `unrecognized mark "[${m[1] ?? ''}]"; use [ ], [x] or [-]`);
      el.mark = mark;
    }
    if (s.type === 'item') return this.idle('');
    return this.textInto(el.sink, s.path, gr.g.spec.indent, text, no);
  }
}

export interface ParseOptions {
  /** Check the result against the incident schema and report problems with their line numbers (default true). */
  validate?: boolean;
}

function lineOf(lines: Map<string, number>, path: string): number | undefined {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const l = lines.get(p);
    if (l !== undefined) return l;
  }
  return undefined;
}

function validateRecord(record: Obj, lines: Map<string, number>): void {
  const { status, timeline_dismissals, ...content } = record;
  const issues: ErrorIssue[] = [];
  if (status !== undefined && !(STATUSES as readonly unknown[]).includes(status)) issues.push({ path: 'status', message: `expected one of ${STATUSES.join(', ')}` });
  const result = incidentCreateSchema.safeParse(content);
  if (!result.success) issues.push(...zodIssues(result.error));
  const extras = exportExtrasSchema.safeParse({ timeline_dismissals });
  if (!extras.success) issues.push(...zodIssues(extras.error));
  if (issues.length === 0) return;
  const located = issues.map((i) => {
    const line = lineOf(lines, i.path);
    return { ...i, message: `${line === undefined ? '' : `line ${line}: `}${i.path ? `${i.path}: ` : ''}${i.message}` };
  });
  const more = located.length > 3 ? ` (+${located.length - 3} more)` : '';
  const first = lineOf(lines, issues[0]?.path ?? '');
  throw new InputError(`invalid incident form: ${located.slice(0, 3).map((i) => i.message).join('; ')}${more}`, {
    issues: located,
    details: first === undefined ? {} : { line: first },
  });
}

/**
 * Reads a filled-in system-failure log into a record (`id`, `kind`, `status`, content and the
 * removed timeline entries) for import. Kind defaults from the id prefix (else `sys`), status to `open`.
 * Throws InputError naming the line of anything malformed.
 * @example const record = parseText(renderText(incident)); // deep-equals the incident's content
 */
export function parseText(text: string, { validate = true }: ParseOptions = {}): Record<string, unknown> {
  const reader = new FormReader();
  reader.read(text);
  const record = reader.record;
  if (record.kind === undefined) record.kind = typeof record.id === 'string' && record.id.startsWith('INC-') ? 'inc' : 'sys';
  if (record.status === undefined) record.status = 'open';
  const out = canonicalize(record);
  // A blank section means no removed entries (an import replacing the incident drops its own); a form
  // without the section, written before it existed, leaves them alone.
  if (reader.has(DISMISSALS) && out.timeline_dismissals === undefined) out.timeline_dismissals = [];
  if (validate) validateRecord(out, reader.lines);
  return out;
}
