/** What went well and poorly, corrective actions, lessons, action items, supporting information, review and sign-off. */
import { choices } from '../../incidents/schema/index.js';
import type { DocContext } from './context.js';
import { evidenceText } from './md-evidence.js';
import { REVIEW_STATE_LABELS, cell, choiceCell, choiceLabel, boolCell, labelOf, tsCell, utcTime } from './md-values.js';
import { escapeCell, escapeInline, link, type MdDoc } from './md-writer.js';

const HORIZONS: readonly string[] = choices.actionHorizon.values;

export function writeLessonsAndActions(doc: MdDoc, ctx: DocContext): void {
  const { inc } = ctx;
  const le = inc.lessons;
  doc.section(2, 'What Went Well', () => doc.list((le?.went_well ?? []).map(escapeCell)));
  doc.section(2, 'What Went Poorly', () => doc.list((le?.went_poorly ?? []).map(escapeCell)));
  const actions = inc.corrective_actions ?? [];
  const item = (a: (typeof actions)[number], withHorizon: boolean) => {
    const meta = [
      a.type ? escapeCell(choiceLabel(choices.actionType, a.type)) : '',
      a.source ? `from ${escapeCell(a.source)}` : '',
      withHorizon ? escapeCell(choiceLabel(choices.actionHorizon, a.horizon)) : '',
    ].filter((s) => s !== '');
    const id = a.id ? `**${escapeInline(a.id)}** ` : '';
    return { done: a.done === true, text: `${id}${escapeCell(a.description)}${meta.length ? ` (${meta.join(', ')})` : ''}` };
  };
  doc.section(2, 'Corrective Actions', () => {
    for (const h of choices.actionHorizon.values) {
      doc.section(3, escapeInline(choices.actionHorizon.label(h)), () => doc.checklist(actions.filter((a) => a.horizon === h).map((a) => item(a, false))));
    }
    const others = actions.filter((a) => !HORIZONS.includes(a.horizon));
    if (others.length) doc.section(3, 'Other', () => doc.checklist(others.map((a) => item(a, true))));
  });
  doc.section(2, 'Lessons Learned', () => {
    doc.list((le?.lessons_learned ?? []).map(escapeCell), true);
    doc.labelled('Knowledge gaps', le?.knowledge_gaps);
    doc.labelled('Technical debt exposed', le?.technical_debt);
    doc.labelled('Architectural concerns', le?.architectural_concerns);
  });
  doc.section(2, 'Action Items', () => {
    const rows = (inc.action_items ?? []).map((a) => [
      escapeCell(choiceLabel(choices.actionPriority, a.priority)),
      cell(a.owner) ?? '',
      escapeCell(a.action),
      cell(a.due) ?? '',
      choiceCell(choices.actionStatus, a.status) ?? '',
    ]);
    doc.table(['Priority', 'Owner', 'Action', 'Due Date', 'Status'], rows);
  });
}

/** Every evidence link the record cites, in order of first appearance. */
function citedEvidence(ctx: DocContext): string[] {
  const a = ctx.inc.analysis;
  const all = [
    ...(a?.five_whys ?? []).flatMap((w) => w.evidence ?? []),
    ...(a?.contributing_factors ?? []).filter((f) => f.status !== 'rejected').flatMap((f) => f.evidence ?? []),
    ...(a?.fishbone?.causes ?? []).flatMap((c) => c.evidence ?? []),
    ...(ctx.inc.timeline ?? []).flatMap((e) => e.evidence ?? []),
  ];
  return [...new Set(all)];
}

export function writeSupporting(doc: MdDoc, ctx: DocContext): void {
  const su = ctx.inc.supporting;
  doc.section(2, 'Supporting Information', () => {
    doc.list((su?.links ?? []).map((l) => link(l.label, l.url)));
    doc.section(3, 'Evidence Cited', () => doc.list(citedEvidence(ctx).map((l) => evidenceText(ctx, l))));
    doc.section(3, 'Diagnostic Commands Used', () => doc.code(su?.diagnostic_commands));
    doc.section(3, 'Hardware Diagnostics', () => {
      const h = su?.hardware_diagnostics;
      doc.kv([['CPU', cell(h?.cpu)], ['Memory', cell(h?.memory)], ['Disk', cell(h?.disk)], ['Network', cell(h?.network)]]);
    });
    doc.section(3, 'Vendor Support', () => {
      const v = su?.vendor_support;
      doc.kv([['Ticket', cell(v?.ticket)], ['Vendor', cell(v?.vendor)], ['Response time', cell(v?.response_time)], ['Resolution', cell(v?.resolution)]]);
    });
    doc.section(3, 'Additional Notes', () => doc.text(su?.notes));
  });
}

type Signature = { name: string; role?: string | undefined; date?: string | undefined } | undefined;
const who = (s: Signature) => (s ? [escapeCell(s.name), s.role ? escapeCell(s.role) : '', s.date ? escapeCell(s.date) : ''].filter((x) => x !== '').join(', ') : undefined);

/** The record's three signatures, and the latest approval given in review (who, role, when, which version). */
export function writeSignoff(doc: MdDoc, ctx: DocContext, level: number): void {
  const so = ctx.inc.signoff;
  const approval = [...(ctx.review?.events ?? [])].reverse().find((e) => e.action === 'approved');
  doc.section(level, 'Sign-off', () =>
    doc.kv([
      ['Analyzed by', who(so?.analyzed_by)],
      ['Reviewed by', who(so?.reviewed_by)],
      ['Approved by', who(so?.approved_by)],
      [
        'Approved in review',
        approval ? `${escapeCell(approval.actor)}, ${escapeCell(approval.role)}, ${escapeCell(utcTime(approval.at))} (version ${approval.incident_version})` : undefined,
      ],
      ['Post-mortem completed', choiceCell(choices.postmortemCompleted, so?.postmortem_completed)],
      ['Post-mortem document', cell(so?.postmortem_document)],
      ['Incident closed', tsCell(so?.closed_at)],
    ]),
  );
}

const REVIEW_ACTIONS: Readonly<Record<string, string>> = {
  submitted: 'Submitted for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  published: 'Published',
  reopened: 'Reopened',
};

/** `withSignoff`: also the sign-off (when there is no system-failure section to hold it). */
export function writeReview(doc: MdDoc, ctx: DocContext, { withSignoff }: { withSignoff: boolean }): void {
  const rv = ctx.review;
  const rec = ctx.inc.review;
  doc.section(2, 'Review', () => {
    doc.kv([
      ['State', rv ? escapeCell(labelOf(REVIEW_STATE_LABELS, rv.state)) : undefined],
      ['Note', cell(rv?.note)],
      ['Published version', rv?.published_version === undefined ? undefined : String(rv.published_version)],
      ['Reviewed by', cell(rec?.reviewed_by)],
      ['Date', cell(rec?.date)],
      ['Approved', boolCell(rec?.approved)],
    ]);
    if (rv) {
      doc.table(
        ['Step', 'Who', 'Role', 'When (UTC)', 'Version', 'Comment'],
        rv.events.map((e) => [
          escapeCell(labelOf(REVIEW_ACTIONS, e.action)),
          escapeCell(e.actor),
          escapeCell(e.role),
          escapeCell(utcTime(e.at)),
          String(e.incident_version),
          cell(e.comment) ?? '',
        ]),
      );
    }
    if (withSignoff) writeSignoff(doc, ctx, 3);
    doc.section(3, 'Post-Mortem Milestones', () => {
      const m = ctx.inc.milestones;
      doc.kv([
        ['Initial timeline', tsCell(m?.initial_timeline_at)],
        ['Draft', tsCell(m?.draft_at)],
        ['Final', tsCell(m?.final_at)],
        ['Corrective actions started', tsCell(m?.actions_started_at)],
        ['Fixes reviewed', tsCell(m?.fixes_reviewed_at)],
      ]);
    });
  });
}

/** Passages that may assign blame, with the suggested blameless rewording (a warning, not a block). */
export function writeBlameAppendix(doc: MdDoc, ctx: DocContext): void {
  if (ctx.blame === undefined) return;
  const findings = ctx.blame;
  doc.section(2, 'Appendix: Blameless Language Check', () => {
    if (findings.length === 0) {
      doc.para('No passage was found that assigns blame to a person.');
      return;
    }
    doc.para('These passages may assign blame to people rather than to systems and conditions. The check is a warning: consider the suggested rewording.');
    doc.table(
      ['Field', 'Phrase', 'Passage', 'Suggestion'],
      findings.map((f) => [escapeCell(f.path), escapeCell(f.phrase), escapeCell(f.excerpt), escapeCell(f.suggestion)]),
    );
  });
}
