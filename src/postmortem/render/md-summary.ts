/** Document head, incident summary, executive summary and the timeline table (UTC). */
import { choices } from '../../incidents/schema/index.js';
import type { DocContext } from './context.js';
import { evidenceSuffix } from './md-evidence.js';
import {
  REVIEW_STATE_LABELS,
  cell,
  choiceCell,
  durationBetween,
  labelOf,
  listCell,
  tsCell,
  usdCell,
  utcTime,
  columnTimes,
} from './md-values.js';
import { escapeCell, escapeHeading, escapeInline, type MdDoc } from './md-writer.js';
import { curatedTimeline } from './timeline.js';

/** Title, and for a post-mortem a line saying what it was generated from, and the blameless callout. */
export function writeHead(doc: MdDoc, ctx: DocContext): void {
  const { inc } = ctx;
  const title = `${escapeInline(inc.id)} — ${escapeHeading(inc.title)}`;
  if (ctx.mode === 'record') {
    doc.heading(1, title);
    return;
  }
  doc.heading(1, `Post-Mortem: ${title}`);
  const review = ctx.review ? ` Review: ${escapeInline(labelOf(REVIEW_STATE_LABELS, ctx.review.state))}.` : '';
  const when = ctx.generatedAt ? ` on ${escapeInline(utcTime(ctx.generatedAt))}` : '';
  doc.para(`_Generated${when} from version ${inc.version} of the incident record.${review}_`);
  const n = ctx.blame?.length ?? 0;
  if (n > 0) {
    doc.quote([
      `**Blameless language check:** ${n} ${n === 1 ? 'passage' : 'passages'} may assign blame to people rather than to systems and conditions. See "Appendix: Blameless Language Check" for the passages and suggested rewording.`,
    ]);
  }
}

export function writeSummary(doc: MdDoc, ctx: DocContext): void {
  const { inc } = ctx;
  const money = ctx.recovery?.financial_loss_usd ?? inc.impact?.trading?.financial_loss_usd;
  doc.section(2, 'Incident Summary', () => {
    doc.kv([
      ['Status', cell(choices.status.label(inc.status))],
      ['Kind', cell(choices.kind.label(inc.kind))],
      ['Severity', choiceCell(choices.severity, inc.severity)],
      ['Started', tsCell(inc.started_at)],
      ['Ended', tsCell(inc.ended_at)],
      ['Duration', cell(durationBetween(inc.started_at, inc.ended_at))],
      ['Component', choiceCell(choices.component, inc.component)],
      ['Failure type', choiceCell(choices.failureType, inc.failure_type)],
      ['Impact', cell(inc.summary?.impact_headline)],
      ['Financial impact', usdCell(money)],
      ['Incident commander', cell(inc.summary?.incident_commander)],
      ['Responders', listCell(inc.summary?.responders)],
      ['Tags', listCell(inc.analysis?.tags)],
      ['Review', ctx.review ? cell(labelOf(REVIEW_STATE_LABELS, ctx.review.state)) : undefined],
      ['Record version', ctx.mode === 'postmortem' ? String(inc.version) : undefined],
    ]);
    doc.text(inc.summary?.description);
  });
  doc.section(2, 'Executive Summary', () => doc.text(inc.summary?.executive_summary));
}

/**
 * `| Time | Event | Marker | Notes |`, times in UTC with every stored digit; in a post-mortem padded
 * to the finest precision of the table (see columnTimes). A post-mortem shows the
 * key events (pinned and marked) when any entry is pinned; a record export shows every entry.
 */
export function writeTimeline(doc: MdDoc, ctx: DocContext): void {
  doc.section(2, 'Timeline (UTC)', () => {
    const t = curatedTimeline(ctx.inc.timeline ?? [], { curate: ctx.mode === 'postmortem' });
    // The record export writes each time as stored; the post-mortem reads on one scale.
    const times = ctx.mode === 'postmortem' ? columnTimes(t.rows.map((e) => e.at)) : t.rows.map((e) => e.at);
    const rows = t.rows.map((e, i) => {
      const notes = [e.annotation ? escapeCell(e.annotation) : '', evidenceSuffix(ctx, e.evidence).replace(/^<br>/, '')].filter((s) => s !== '');
      return [escapeCell(utcTime(times[i] ?? e.at)), escapeCell(e.event), e.marker ? escapeCell(choices.marker.label(e.marker)) : '', notes.join('<br>')];
    });
    doc.table(['Time', 'Event', 'Marker', 'Notes'], rows);
    if (t.curated) doc.para(`_Key events: the ${t.rows.length} pinned or marked entries of ${t.total} in the curated timeline._`);
  });
}
