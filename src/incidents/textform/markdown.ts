/**
 * Markdown export of an incident, laid out like the framework's post-mortem document template
 * (summary table, timeline, RCA, impact, corrective actions…), then the system-failure details.
 * Every user string is escaped; an empty section says "_Not recorded._". Not meant to be parsed back.
 */
import { formatDuration, parseTimestamp } from '../../shared/time.js';
import { choices, type Incident } from '../schema/index.js';
import { writeTimestamp } from './codec.js';
import { writeSystemSections } from './markdown-system.js';
import { boolCell, cell, choiceCell, choiceLabel, listCell, numCell, tsCell } from './md-values.js';
import { MdDoc, escapeCell, escapeInline, link } from './md-writer.js';
import { kindChoice, markerChoice, statusChoice } from './sections-extra.js';

function duration(from: string, to: string | undefined): string | undefined {
  if (!to) return undefined;
  try {
    return formatDuration(parseTimestamp(to).ns - parseTimestamp(from).ns);
  } catch {
    return undefined;
  }
}

function writeSummary(doc: MdDoc, inc: Incident): void {
  const money = inc.impact?.trading?.financial_loss_usd;
  doc.section(2, 'Incident Summary', () => {
    doc.kv([
      ['Status', choiceCell(statusChoice, inc.status)],
      ['Kind', choiceCell(kindChoice, inc.kind)],
      ['Severity', choiceCell(choices.severity, inc.severity)],
      ['Started', tsCell(inc.started_at)],
      ['Ended', tsCell(inc.ended_at)],
      ['Duration', cell(duration(inc.started_at, inc.ended_at))],
      ['Component', choiceCell(choices.component, inc.component)],
      ['Failure type', choiceCell(choices.failureType, inc.failure_type)],
      ['Impact', cell(inc.summary?.impact_headline)],
      ['Financial impact', money === undefined ? undefined : `$${escapeCell(money.toLocaleString('en-US', { maximumFractionDigits: 20 }))}`],
      ['Incident commander', cell(inc.summary?.incident_commander)],
      ['Responders', listCell(inc.summary?.responders)],
      ['Tags', listCell(inc.analysis?.tags)],
    ]);
    doc.text(inc.summary?.description);
  });
  doc.section(2, 'Executive Summary', () => doc.text(inc.summary?.executive_summary));
  doc.section(2, 'Timeline (UTC)', () => {
    const rows = (inc.timeline ?? []).map((e) => [escapeCell(writeTimestamp(e.at)), escapeCell(e.event), e.marker ? escapeCell(markerChoice.label(e.marker)) : '']);
    doc.table(['Time', 'Event', 'Marker'], rows);
  });
}

function writeRootCause(doc: MdDoc, inc: Incident): void {
  const a = inc.analysis;
  doc.heading(2, 'Root Cause Analysis');
  doc.section(3, 'What Happened', () => doc.text(a?.what_happened));
  doc.section(3, 'Why It Happened (5 Whys)', () => {
    const items = (a?.five_whys ?? []).map((w) => {
      const answer = w.answer ? `<br>→ ${escapeCell(w.answer)}` : '';
      return `${escapeCell(w.question)}${answer}${w.root_cause ? ' — **ROOT CAUSE**' : ''}`;
    });
    doc.list(items, true);
  });
  doc.section(3, 'Root Cause', () => doc.text(a?.root_cause));
  doc.section(3, 'Technical Explanation', () => doc.text(a?.technical_explanation));
  doc.section(3, 'Contributing Factors', () =>
    doc.list((a?.contributing_factors ?? []).map((f) => `${escapeCell(f.description)}${f.details ? ` — ${escapeCell(f.details)}` : ''}`)),
  );
  doc.section(3, 'Investigation Methodology', () => doc.list((a?.methodology ?? []).map((m) => escapeCell(choiceLabel(choices.methodology, m)))));
  doc.section(3, 'Code and Configuration Issues', () =>
    doc.kv([
      ['Problematic code location', cell(a?.code_issues?.code_location)],
      ['Configuration error', cell(a?.code_issues?.configuration_error)],
      ['Resource limitation', cell(a?.code_issues?.resource_limitation)],
    ]),
  );
  doc.section(3, 'Why It Was Not Caught Earlier', () => {
    doc.list((a?.why_not_caught ?? []).map((m) => escapeCell(choiceLabel(choices.notCaughtReason, m))));
    doc.text(a?.why_not_caught_explanation);
  });
}

function writeImpact(doc: MdDoc, inc: Incident): void {
  const im = inc.impact;
  doc.heading(2, 'Impact Assessment');
  doc.section(3, 'Summary', () => doc.text(im?.summary));
  doc.section(3, 'Technical Impact', () => doc.text(im?.technical));
  doc.section(3, 'Financial Impact', () => doc.text(im?.financial));
  doc.section(3, 'Customer Impact', () => doc.text(im?.customer));
  doc.section(3, 'Trading Impact', () => {
    const t = im?.trading;
    doc.kv([
      ['Downtime', cell(t?.downtime)],
      ['Strategies affected', cell(t?.strategies_affected)],
      ['Orders lost', numCell(t?.orders_lost)],
      ['Orders failed', numCell(t?.orders_failed)],
      ['Financial loss (USD)', numCell(t?.financial_loss_usd)],
      ['Notes', cell(t?.financial_loss_notes)],
    ]);
  });
  doc.section(3, 'Recovery Time', () => {
    const r = im?.recovery;
    const s = im?.sla;
    doc.kv([
      ['Detection', cell(r?.detection_time)],
      ['Diagnosis', cell(r?.diagnosis_time)],
      ['Fix implementation', cell(r?.fix_time)],
      ['Testing/verification', cell(r?.verification_time)],
      ['Total time to recovery', cell(r?.total_time)],
      ['Target RTO', cell(s?.rto)],
      ['Actual recovery', cell(s?.actual_recovery)],
      ['Met SLA', choiceCell(choices.yesNo, s?.met)],
      ['Variance', cell(s?.variance)],
    ]);
  });
  doc.section(3, 'Data Loss', () => {
    doc.list((im?.data_loss?.kinds ?? []).map((k) => escapeCell(choiceLabel(choices.dataLoss, k))));
    doc.text(im?.data_loss?.details);
  });
  doc.section(3, 'Downstream Effects', () => doc.text(im?.downstream_effects));
  doc.section(3, 'Post-Mortem Triggers', () =>
    doc.kv([
      ['Regulatory reporting required', boolCell(im?.regulatory_reporting_required)],
      ['Circuit breaker activated', boolCell(im?.circuit_breaker_activated)],
      ['Emergency halt', boolCell(im?.emergency_halt)],
    ]),
  );
}

function writeFollowUp(doc: MdDoc, inc: Incident): void {
  const le = inc.lessons;
  doc.section(2, 'What Went Well', () => doc.list((le?.went_well ?? []).map(escapeCell)));
  doc.section(2, 'What Went Poorly', () => doc.list((le?.went_poorly ?? []).map(escapeCell)));
  doc.heading(2, 'Corrective Actions');
  const actions = inc.corrective_actions ?? [];
  for (const h of choices.actionHorizon.values) {
    doc.section(3, escapeInline(choices.actionHorizon.label(h)), () =>
      doc.checklist(actions.filter((a) => a.horizon === h).map((a) => ({ done: a.done === true, text: escapeCell(a.description) }))),
    );
  }
  const others = actions.filter((a) => !(choices.actionHorizon.values as readonly string[]).includes(a.horizon));
  if (others.length) {
    doc.section(3, 'Other', () => doc.checklist(others.map((a) => ({ done: a.done === true, text: `${escapeCell(a.description)} (${escapeCell(choiceLabel(choices.actionHorizon, a.horizon))})` }))));
  }
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

function writeClosing(doc: MdDoc, inc: Incident): void {
  const su = inc.supporting;
  doc.section(2, 'Supporting Information', () => {
    doc.list((su?.links ?? []).map((l) => link(l.label, l.url)));
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
  doc.section(2, 'Review', () =>
    doc.kv([['Reviewed by', cell(inc.review?.reviewed_by)], ['Date', cell(inc.review?.date)], ['Approved', boolCell(inc.review?.approved)]]),
  );
  doc.section(2, 'Post-Mortem Milestones', () => {
    const m = inc.milestones;
    doc.kv([
      ['Initial timeline', tsCell(m?.initial_timeline_at)],
      ['Draft', tsCell(m?.draft_at)],
      ['Final', tsCell(m?.final_at)],
      ['Corrective actions started', tsCell(m?.actions_started_at)],
      ['Fixes reviewed', tsCell(m?.fixes_reviewed_at)],
    ]);
  });
}

/**
 * Renders a readable post-mortem document in Markdown. User text cannot inject Markdown structure,
 * HTML or unsafe links.
 * @example renderMarkdown(incident).startsWith(`# ${incident.id} — `)
 */
export function renderMarkdown(incident: Incident): string {
  const doc = new MdDoc();
  doc.heading(1, `${incident.id} — ${escapeInline(incident.title.replace(/\s*\n\s*/g, ' '))}`);
  writeSummary(doc, incident);
  writeRootCause(doc, incident);
  writeImpact(doc, incident);
  writeFollowUp(doc, incident);
  writeSystemSections(doc, incident);
  writeClosing(doc, incident);
  return doc.toString();
}
