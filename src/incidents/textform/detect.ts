/** Tells the three import formats apart: the filled-in text form, JSON, or YAML. */
import { isRule } from './codec.js';
import { titleOf } from './layout.js';

export type ImportFormat = 'text' | 'json' | 'yaml';

/**
 * JSON when the text opens with `{` or `[`; the text form when any line is a banner rule, a known
 * section title or the entry's `INCIDENT ID:` label; YAML otherwise.
 * @example detectFormat('{"title":"x"}') === 'json'
 */
export function detectFormat(text: string): ImportFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return 'json';
  for (const line of body.split(/\r?\n/, 2000)) {
    const t = line.trim();
    if (t === '') continue;
    if (isRule(t) || titleOf(t) !== undefined || /^INCIDENT\s*ID\s*:/i.test(t)) return 'text';
  }
  return 'yaml';
}
