/**
 * Markdown building blocks that escape every user string: no value can open a heading, list, table
 * cell, link, image, code span or HTML tag. Only this module's own syntax reaches the output.
 */

/** CommonMark ends a line at \n, \r\n and a lone \r: all three must become one \n before escaping. */
function lf(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** Inline text: Markdown punctuation backslash-escaped, HTML special characters as entities. */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]|~]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A one-line value for a heading: line breaks fold to spaces (a heading cannot span lines).
 * @example escapeHeading('a\n# b') // 'a # b'
 */
export function escapeHeading(s: string): string {
  return escapeInline(lf(s).replace(/\s*\n\s*/g, ' ').trim());
}

/** Escapes what a line start would turn into a block: ATX heading, list item, setext underline, rule. */
function escapeStart(body: string): string {
  return body
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^([-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([=-])(?=[=-]*\s*$)/, '\\$1');
}

/** One line of a text block; indentation (which would start a code block) becomes non-breaking spaces. */
function escapeLineStart(line: string): string {
  const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
  return '&nbsp;'.repeat(lead.replace(/\t/g, '    ').length) + escapeStart(escapeInline(line.slice(lead.length)));
}

/**
 * A multi-line value as paragraphs; single line breaks are kept as hard breaks.
 * @example escapeBlock('# a\nb') // '\\# a\\\nb'
 */
export function escapeBlock(s: string): string {
  const paragraphs = lf(s)
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  return paragraphs.map((p) => p.split('\n').map(escapeLineStart).join('\\\n')).join('\n\n');
}

/**
 * A value inside a table cell or list item: one line, breaks as `<br>`.
 * @example escapeCell('a | b\nc') // 'a \\| b<br>c'
 */
export function escapeCell(s: string): string {
  return lf(s)
    .split('\n')
    .map((l) => escapeStart(escapeInline(l.trim())))
    .join('<br>');
}

/**
 * Only web and mail links become links; anything else (`javascript:`, `data:`) stays text.
 * @example safeUrl('javascript:alert(1)') // null
 */
export function safeUrl(url: string): string | null {
  const u = url.trim();
  if (!/^(?:https?:\/\/|mailto:)/i.test(u)) return null;
  return u.replace(/[\s()<>"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * `[label](url)` for a safe URL, else the label and the URL as plain text.
 * @example link('Dashboard', 'https://grafana.example.com') // '[Dashboard](https://grafana.example.com)'
 */
export function link(label: string, url: string | undefined): string {
  const text = escapeCell(label);
  if (url === undefined || url.trim() === '') return text;
  const safe = safeUrl(url);
  return safe ? `[${text}](${safe})` : `${text} (${escapeCell(url)})`;
}

/**
 * Fenced code block whose fence is longer than any backtick run in the content.
 * @example codeBlock('x') // '```text\nx\n```'
 */
export function codeBlock(s: string): string {
  const body = lf(s);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${body.replace(/\n+$/, '')}\n${fence}`;
}

export const NOT_RECORDED = '_Not recorded._';

/** Row of a key/value table; rows with no value are left out. */
export type Row = readonly [string, string | undefined];

/** One item of a nested list: text already escaped for a cell, and its children. */
export interface ListNode {
  text: string;
  children: readonly ListNode[];
}

/**
 * Accumulates Markdown; a section whose body writes nothing says "_Not recorded._" — or, inside
 * `optional()`, disappears with its heading.
 * @example const doc = new MdDoc(); doc.section(2, 'Summary', () => doc.text(undefined)); doc.toString() // '## Summary\n\n_Not recorded._\n'
 */
export class MdDoc {
  private readonly parts: string[] = [];
  private optionalDepth = 0;

  private push(block: string): void {
    this.parts.push(block);
  }

  heading(level: number, title: string): void {
    this.push(`${'#'.repeat(level)} ${title}`);
  }

  /** Heading, then the body; an empty body gets the "_Not recorded._" line (or, when optional, no heading either). */
  section(level: number, title: string, body: () => void): void {
    const start = this.parts.length;
    this.heading(level, title);
    body();
    if (this.parts.length > start + 1) return;
    if (this.optionalDepth > 0) this.parts.length = start;
    else this.push(NOT_RECORDED);
  }

  /** Runs `body` with sections that vanish when empty (data kept beyond a template, not part of it). */
  optional(body: () => void): void {
    this.optionalDepth++;
    try {
      body();
    } finally {
      this.optionalDepth--;
    }
  }

  /** A block of Markdown this module or its callers built from escaped parts. */
  raw(block: string): void {
    if (block !== '') this.push(block);
  }

  text(s: string | undefined): void {
    if (s !== undefined && s.trim() !== '') this.push(escapeBlock(s));
  }

  /** A paragraph already escaped (e.g. `_Key events only._`). */
  para(escaped: string | undefined): void {
    if (escaped !== undefined && escaped !== '') this.push(escaped);
  }

  /** A fenced code block (logs, backtraces), under a bold caption when given. */
  code(s: string | undefined, caption?: string): void {
    if (s === undefined || s === '') return;
    if (caption !== undefined) this.push(`**${escapeInline(caption)}:**`);
    this.push(codeBlock(s));
  }

  /** A labelled value in bold followed by its text, e.g. `**Details:** …`. */
  labelled(label: string, s: string | undefined): void {
    if (s !== undefined && s.trim() !== '') this.push(`**${label}:** ${s.includes('\n') ? `\\\n${escapeBlock(s)}` : escapeInline(s)}`);
  }

  /** Two-column table of the rows that have a value (values already escaped for a cell). */
  kv(rows: readonly Row[]): void {
    const filled = rows.filter((r): r is readonly [string, string] => r[1] !== undefined && r[1] !== '');
    if (filled.length) this.table(['Field', 'Value'], filled.map(([k, v]) => [k, v]));
  }

  /** Table with cells already escaped. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    if (rows.length === 0) return;
    const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
    this.push([line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n'));
  }

  /** List of items already escaped for a cell. */
  list(items: readonly string[], ordered = false): void {
    if (items.length) this.push(items.map((it, i) => `${ordered ? `${i + 1}.` : '-'} ${it}`).join('\n'));
  }

  /** Bulleted list nested by depth (two spaces per level: the content column of `- `). */
  tree(nodes: readonly ListNode[]): void {
    const lines: string[] = [];
    const walk = (ns: readonly ListNode[], depth: number) => {
      for (const n of ns) {
        lines.push(`${'  '.repeat(depth)}- ${n.text}`);
        walk(n.children, depth + 1);
      }
    };
    walk(nodes, 0);
    if (lines.length) this.push(lines.join('\n'));
  }

  /** GitHub task list. */
  checklist(items: readonly { done: boolean; text: string }[]): void {
    if (items.length) this.push(items.map((it) => `- [${it.done ? 'x' : ' '}] ${it.text}`).join('\n'));
  }

  /** A block quote of paragraphs already escaped (a callout). */
  quote(paragraphs: readonly string[]): void {
    if (paragraphs.length) this.push(paragraphs.map((p) => p.split('\n').map((l) => `> ${l}`).join('\n')).join('\n>\n'));
  }

  toString(): string {
    return `${this.parts.join('\n\n')}\n`;
  }
}
