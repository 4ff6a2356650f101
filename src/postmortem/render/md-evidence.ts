/** Evidence links as a reader sees them: the resolved label, the quoted line or value, or why it could not be read. */
import { parseEvidenceLink } from '../../incidents/schema/index.js';
import { resolved, type DocContext } from './context.js';
import { clip } from './md-values.js';
import { escapeCell, link as mdLink } from './md-writer.js';

/** Longest quoted excerpt: one log line, not a page. */
const EXCERPT_MAX = 200;

/**
 * One evidence link, escaped for a cell: `label: “excerpt”`, a web link for `url:` evidence, the raw
 * link when nobody resolved it.
 * @example evidenceText(ctx, 'log:f-1#line 2') // 'app.log line 2: “ERROR timeout”'
 */
export function evidenceText(ctx: DocContext, linkText: string): string {
  const r = resolved(ctx, linkText);
  const parts = parseEvidenceLink(linkText);
  const label = r?.label ?? linkText;
  let out = parts?.kind === 'url' ? mdLink(label, parts.target) : escapeCell(label);
  if (r?.excerpt) out += `: “${escapeCell(clip(r.excerpt, EXCERPT_MAX))}”`;
  if (r?.error) out += ` _(not resolved: ${escapeCell(clip(r.error, EXCERPT_MAX))})_`;
  return out;
}

/**
 * Every link of a list, one per line of a cell (`<br>`-joined), or undefined when there are none.
 * @example evidenceCell(ctx, ['log:f-1#line 2', 'crash:oom']) // 'app.log line 2: “…”<br>crash:oom'
 */
export function evidenceCell(ctx: DocContext, links: readonly string[] | undefined): string | undefined {
  return links?.length ? links.map((l) => evidenceText(ctx, l)).join('<br>') : undefined;
}

/** `<br>Evidence: …` lines to append to a list item, or ''. */
export function evidenceSuffix(ctx: DocContext, links: readonly string[] | undefined): string {
  return (links ?? []).map((l) => `<br>Evidence: ${evidenceText(ctx, l)}`).join('');
}
