/**
 * The post-mortem as one self-contained printable HTML page: the Markdown document rendered with
 * markdown-it (raw HTML off), the fishbone SVG inline, inline CSS, a CSP that forbids every script,
 * and no external resource.
 */
import type { PostmortemInput } from '../types.js';
import { postmortemContext } from './context.js';
import { fishboneOf } from './fishbone-model.js';
import { renderFishboneSvg } from './fishbone-svg.js';
import { POSTMORTEM_CSS } from './html-style.js';
import { writeDocument } from './markdown.js';
import { markdownToHtml } from './md-html.js';

/** No script source at all; styles only inline; images only as data: URLs. */
export const POSTMORTEM_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content or a quoted attribute.
 * @example escapeHtml('<b>') // '&lt;b&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Renders the post-mortem as HTML. Nothing a user writes can run script or add markup: every value is
 * escaped before markdown-it sees it, markdown-it passes no raw HTML and keeps only http(s)/mailto
 * links (with rel="noopener noreferrer"), and the CSP would block a script even if one got through.
 * @example renderPostmortemHtml(input).startsWith('<!doctype html>')
 */
export function renderPostmortemHtml(input: PostmortemInput): string {
  const figure = `<figure class="fishbone">${renderFishboneSvg(input)}<figcaption><strong>Effect:</strong> ${escapeHtml(fishboneOf(input).effect)}</figcaption></figure>`;
  const body = markdownToHtml(writeDocument(postmortemContext(input, 'html')), { fishbone: figure });
  const inc = input.incident;
  const title = `Post-Mortem: ${inc.id} — ${inc.title.replace(/\s+/g, ' ').trim()}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POSTMORTEM_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${POSTMORTEM_CSS}</style>
</head>
<body>
<main class="postmortem">
${body}</main>
</body>
</html>
`;
}
