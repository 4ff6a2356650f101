/** Tells the three import formats apart: the filled-in text form, JSON, or YAML. */
import { parse as parseYaml } from 'yaml';
import { isRule } from './codec.js';
import { titleOf } from './layout.js';

// Keys of a record as pfa writes it (YAML export): the form's labels are upper-case words instead.
const RECORD_KEYS = ['id', 'kind', 'title', 'severity', 'status', 'started_at'];

export type ImportFormat = 'text' | 'json' | 'yaml';

/**
 * JSON when the text opens with `{` or `[`; YAML when it reads as a YAML mapping with a record's
 * keys (a pasted form inside a block scalar of a YAML export is text of a field, not the form);
 * the text form when any line is a banner rule, a known section title or the entry's
 * `INCIDENT ID:` label; YAML otherwise.
 * @example detectFormat('{"title":"x"}') === 'json'
 */
export function detectFormat(text: string): ImportFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return 'json';
  if (isRecordYaml(body)) return 'yaml';
  for (const line of body.split(/\r?\n/, 2000)) {
    const t = line.trim();
    if (t === '') continue;
    if (isRule(t) || titleOf(t) !== undefined || /^INCIDENT\s*ID\s*:/i.test(t)) return 'text';
  }
  return 'yaml';
}

function isRecordYaml(text: string): boolean {
  try {
    const v: unknown = parseYaml(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && RECORD_KEYS.some((k) => k in v);
  } catch {
    return false;
  }
}
