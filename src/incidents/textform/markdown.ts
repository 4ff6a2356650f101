/**
 * Markdown export of an incident (`pfa incident export --format md`): the post-mortem document's
 * writers and escaping (postmortem/render) applied to the record alone. Not meant to be parsed back.
 */
// The Markdown renderer's own module, not the renderers' index: that one also loads markdown-it and
// the HTML/PDF code, which every `pfa incident` command would then pay for at start-up.
import { renderRecordMarkdown } from '../../postmortem/render/markdown.js';
import type { Incident } from '../schema/index.js';

/**
 * Renders a readable document laid out like the framework's post-mortem template, then the
 * system-failure sections. User text cannot inject Markdown structure, HTML or unsafe links.
 * @example renderMarkdown(incident).startsWith(`# ${incident.id} — `)
 */
export function renderMarkdown(incident: Incident): string {
  return renderRecordMarkdown(incident);
}
