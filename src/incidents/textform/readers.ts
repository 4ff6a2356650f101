/**
 * Collectors the parser feeds line by line: free text under a label, quiet stretches that accept only
 * blanks, and repeated groups whose elements are assembled and pruned when the group ends.
 */
import { canonicalize } from '../merge.js';
import { clip, isFillerOnly, stripFiller, unescapeLine, type Mark } from './codec.js';
import type { CompiledGroup } from './layout.js';
import { getPath, setPath, type Obj } from './paths.js';
import { lineError } from './rows.js';
import type { Item } from './spec.js';

/** Where values go: the record, or one element of a group; remembers the line each came from. */
export interface Sink {
  set(path: string, value: unknown, line: number): void;
  /** Adds a line of text to a text field (a remark after a number joins the notes field). */
  append(path: string, text: string, line: number): void;
  /** Records where a value came from, for error messages. */
  note(path: string, line: number): void;
}

export interface Collector {
  blank(): void;
  content(line: string, no: number): void;
  close(): void;
}

/** A stretch where only blank and `____` lines may appear (after a heading, a row, a banner). */
export function quiet(where: string, fallback?: (line: string, no: number) => void): Collector {
  return {
    blank() {},
    content(line, no) {
      const t = line.trim();
      if (t === '' || isFillerOnly(t)) return;
      if (fallback) return fallback(line, no);
      throw lineError(no, `unexpected text "${clip(t)}" ${where}; write values after a label of the form`);
    },
    close() {},
  };
}

/** Lines that carry no information anywhere: the preamble and what follows the END banner. */
export const IGNORE: Collector = { blank() {}, content() {}, close() {} };

interface Part {
  text: string;
  escaped: boolean;
}

/**
 * Free text: an optional first line on the label's line, then the lines under it (indentation up to
 * `indent` removed). Blank lines at either end and `____` lines are dropped; escaped lines are literal.
 */
export class TextReader implements Collector {
  private readonly parts: Part[] = [];

  constructor(
    private readonly indent: number,
    first: string | null,
    private readonly done: (value: string | undefined, anyEscaped: boolean) => void,
  ) {
    const s = (first ?? '').trim();
    if (s.startsWith('\\')) this.parts.push({ text: unescapeLine(s), escaped: true });
    else if (s !== '' && !isFillerOnly(s)) this.parts.push({ text: stripFiller(s), escaped: false });
  }

  blank(): void {
    this.parts.push({ text: '', escaped: false });
  }

  content(line: string): void {
    const lead = line.length - line.replace(/^ +/, '').length;
    const s = line.slice(Math.min(lead, this.indent));
    if (s.startsWith('\\')) this.parts.push({ text: unescapeLine(s), escaped: true });
    else if (!isFillerOnly(s)) this.parts.push({ text: stripFiller(s), escaped: false });
  }

  close(): void {
    const p = this.parts;
    const isBlank = (x: Part | undefined) => x !== undefined && x.text === '' && !x.escaped;
    while (isBlank(p[0])) p.shift();
    while (isBlank(p[p.length - 1])) p.pop();
    this.done(p.length ? p.map((x) => x.text).join('\n') : undefined, p.some((x) => x.escaped));
  }
}

/** One element of a repeated group while it is being read. */
export class ElementState {
  readonly obj: Obj = {};
  readonly lines = new Map<string, number>();
  readonly seen = new Set<Item>();
  mark: Mark | undefined;

  constructor(
    readonly line: number,
    readonly head: string | undefined,
  ) {}

  readonly sink: Sink = {
    set: (path, value, line) => {
      setPath(this.obj, path, value);
      this.lines.set(path, line);
    },
    append: (path, text, line) => {
      const old = getPath(this.obj, path);
      this.sink.set(path, typeof old === 'string' ? `${old}\n${text}` : text, line);
    },
    note: (path, line) => {
      this.lines.set(path, line);
    },
  };
}

/** A repeated group being read: elements in order, the current sub-heading value, and whether numbering was used. */
export class GroupReader {
  readonly elements: ElementState[] = [];
  current: ElementState | null = null;
  head: string | undefined;
  /** An element was started by its own starter line (`1.`, `-`, `[x]`…) rather than by bare text. */
  explicit = false;

  constructor(
    readonly g: CompiledGroup,
    readonly line: number,
  ) {}

  start(no: number): ElementState {
    const el = new ElementState(no, this.head);
    this.elements.push(el);
    this.current = el;
    return el;
  }

  /** Lines written without numbers or bullets under a list label are one element each. */
  private splitImplicit(): ElementState[] {
    const s = this.g.spec.starter;
    const only = this.elements[0];
    if (this.explicit || this.elements.length !== 1 || !only || !('path' in s) || s.type === 'box' || s.type === 'stamp') return this.elements;
    const obj = canonicalize(only.obj);
    const text = obj[s.path];
    if (Object.keys(obj).length !== 1 || typeof text !== 'string' || !text.includes('\n')) return this.elements;
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const el = new ElementState(only.line, only.head);
        el.sink.set(s.path, l, only.line);
        return el;
      });
  }

  /** Writes the non-empty elements to `sink` at the group's path. */
  finish(sink: Sink): void {
    const spec = this.g.spec;
    const values: unknown[] = [];
    for (const el of this.splitImplicit()) {
      const obj = canonicalize(el.obj);
      const at = `${spec.path}.${values.length}`;
      if (spec.scalar) {
        if (obj._ === undefined) continue;
        values.push(obj._);
        sink.note(at, el.lines.get('_') ?? el.line);
        continue;
      }
      if (Object.keys(obj).length === 0) continue;
      if (spec.heads && el.head !== undefined) setPath(obj, spec.heads.path, el.head);
      const s = spec.starter;
      if (s.type === 'box' && el.mark) {
        const b = s.box;
        if (b.mode === 'tristate' && (el.mark.on || el.mark.no)) setPath(obj, b.path, el.mark.on);
        if (b.mode === 'completes' && el.mark.on && getPath(obj, b.path) === undefined) setPath(obj, b.path, b.value);
      }
      values.push(obj);
      sink.note(at, el.line);
      for (const [p, l] of el.lines) sink.note(`${at}.${p}`, l);
    }
    if (values.length) sink.set(spec.path, values, this.line);
  }
}
