/**
 * Markdown building blocks that escape every user string: no value can open a heading, list, table
 * cell, link, image, code span or HTML tag. Only this module's own syntax reaches the output.
 */

/** Inline text: Markdown punctuation backslash-escaped, HTML special characters as entities. */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]|~]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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

/** A multi-line value as paragraphs; single line breaks are kept as hard breaks. */
export function escapeBlock(s: string): string {
  const paragraphs = s
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  return paragraphs.map((p) => p.split('\n').map(escapeLineStart).join('\\\n')).join('\n\n');
}

/** A value inside a table cell or list item: one line, breaks as `<br>`. */
export function escapeCell(s: string): string {
  return s
    .split('\n')
    .map((l) => escapeStart(escapeInline(l.trim())))
    .join('<br>');
}

/** Only web and mail links become links; anything else (`javascript:`, `data:`) stays text. */
export function safeUrl(url: string): string | null {
  const u = url.trim();
  if (!/^(?:https?:\/\/|mailto:)/i.test(u)) return null;
  return u.replace(/[\s()<>"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[label](url)` for a safe URL, else the label and the URL as plain text. */
export function link(label: string, url: string | undefined): string {
  const text = escapeCell(label);
  if (url === undefined || url.trim() === '') return text;
  const safe = safeUrl(url);
  return safe ? `[${text}](${safe})` : `${text} (${escapeCell(url)})`;
}

/** Fenced code block whose fence is longer than any backtick run in the content. */
export function codeBlock(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${s.replace(/\n+$/, '')}\n${fence}`;
}

export const NOT_RECORDED = '_Not recorded._';

/** Row of a key/value table; rows with no value are left out. */
export type Row = readonly [string, string | undefined];

/** Accumulates Markdown; a section whose body writes nothing says "_Not recorded._". */
export class MdDoc {
  private readonly parts: string[] = [];

  private push(block: string): void {
    this.parts.push(block);
  }

  heading(level: number, title: string): void {
    this.push(`${'#'.repeat(level)} ${title}`);
  }

  /** Heading, then the body; an empty body gets the "_Not recorded._" line. */
  section(level: number, title: string, body: () => void): void {
    this.heading(level, title);
    const before = this.parts.length;
    body();
    if (this.parts.length === before) this.push(NOT_RECORDED);
  }

  text(s: string | undefined): void {
    if (s !== undefined && s.trim() !== '') this.push(escapeBlock(s));
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

  /** GitHub task list. */
  checklist(items: readonly { done: boolean; text: string }[]): void {
    if (items.length) this.push(items.map((it) => `- [${it.done ? 'x' : ' '}] ${it.text}`).join('\n'));
  }

  toString(): string {
    return `${this.parts.join('\n\n')}\n`;
  }
}
