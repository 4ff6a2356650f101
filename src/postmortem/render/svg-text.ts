/** Text for SVG: XML escaping (and removal of characters XML 1.0 forbids), and wrapping by estimated width. */

/** Characters XML 1.0 does not allow at all: an SVG holding one is not well-formed. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for XML content or a quoted attribute.
 * @example escapeXml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Estimated advance of one character in ems: wide for CJK and emoji, narrow otherwise (no font metrics in a pure module). */
function charEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2e80) return 1;
  if (/[A-Z@MW%&]/.test(ch)) return 0.7;
  if (/[ilj.,:;'|!()[\]]/.test(ch)) return 0.32;
  return 0.58;
}

/** Estimated width of a string in ems. */
export function textEm(s: string): number {
  let w = 0;
  for (const ch of s) w += charEm(ch);
  return w;
}

export interface Wrapped {
  lines: string[];
  /** True when text was cut (the last line ends with an ellipsis). */
  truncated: boolean;
}

/** Splits one word that is wider than the line into pieces that fit. */
function splitWord(word: string, maxEm: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (cur !== '' && textEm(cur + ch) > maxEm) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/**
 * Greedy word wrap to lines of at most `maxEm` ems, at most `maxLines` lines; what does not fit is cut
 * with an ellipsis. Whitespace (line breaks included) folds to single spaces.
 * @example wrapText('a long cause that wraps', 8, 2).lines.length // 2
 */
export function wrapText(s: string, maxEm: number, maxLines: number): Wrapped {
  const words = s.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w !== '').flatMap((w) => splitWord(w, maxEm));
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur === '' ? w : `${cur} ${w}`;
    if (cur === '' || textEm(next) <= maxEm) {
      cur = next;
      continue;
    }
    lines.push(cur);
    cur = w;
  }
  if (cur !== '') lines.push(cur);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last !== '' && textEm(`${last}…`) > maxEm) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return { lines: kept, truncated: true };
}
