/**
 * The post-mortem document in Markdown: every section of the framework's template in its order, then
 * the system-failure sections. The incident record export is the same document from the record alone.
 */
import { DEFAULT_FISHBONE_CATEGORIES, type Incident } from '../../incidents/schema/index.js';
import type { PostmortemInput } from '../types.js';
import { postmortemContext, type DocContext } from './context.js';
import { writeBlameAppendix, writeLessonsAndActions, writeReview, writeSupporting } from './md-followup.js';
import { writeImpact } from './md-impact.js';
import { writeRootCause } from './md-rca.js';
import { writeHead, writeSummary, writeTimeline } from './md-summary.js';
import { writeSystemSections } from './md-system.js';
import { MdDoc } from './md-writer.js';

/** Writes the whole document for a context (shared by Markdown and HTML). */
export function writeDocument(ctx: DocContext): string {
  const doc = new MdDoc();
  // A system failure gets the log's sections, each even when empty; another incident gets only those it
  // filled in (recovery and sign-off then live in the impact and review sections). A record export shows all.
  const systemForm = ctx.mode === 'record' || ctx.inc.kind === 'sys';
  writeHead(doc, ctx);
  writeSummary(doc, ctx);
  writeTimeline(doc, ctx);
  writeRootCause(doc, ctx);
  writeImpact(doc, ctx, { withRecovery: !systemForm });
  writeLessonsAndActions(doc, ctx);
  writeSupporting(doc, ctx);
  writeReview(doc, ctx, { withSignoff: !systemForm });
  if (systemForm) writeSystemSections(doc, ctx);
  else doc.optional(() => writeSystemSections(doc, ctx, { withRecovery: false, withSignoff: false }));
  writeBlameAppendix(doc, ctx);
  return doc.toString();
}

/**
 * The post-mortem as Markdown that renders on GitHub and Confluence. Every user string is escaped: no
 * value can inject structure, HTML or a link other than http(s)/mailto.
 * @example renderPostmortemMarkdown(input).startsWith('# Post-Mortem: SYS-20251119-001 — ')
 */
export function renderPostmortemMarkdown(input: PostmortemInput): string {
  return writeDocument(postmortemContext(input, 'md'));
}

/**
 * The incident record as a readable Markdown document (`pfa incident export --format md`): the same
 * sections, from the record alone, every section shown.
 * @example renderRecordMarkdown(incident).startsWith(`# ${incident.id} — `)
 */
export function renderRecordMarkdown(incident: Incident): string {
  const categories = incident.analysis?.fishbone?.categories ?? [...DEFAULT_FISHBONE_CATEGORIES];
  return writeDocument({ inc: incident, links: {}, categories, mode: 'record', target: 'md' });
}
