/** Impact assessment and the recovery figures: time to recovery, the RTO, orders and money, computed beside recorded. */
import { MARKERS, choices } from '../../incidents/schema/index.js';
import type { Span } from '../types.js';
import type { DocContext } from './context.js';
import { boolCell, cell, choiceCell, choiceLabel, numCell, tsCell, usdCell } from './md-values.js';
import { escapeCell, type MdDoc } from './md-writer.js';

const span = (s: Span | undefined): string | undefined => (s ? escapeCell(s.text) : undefined);

function signed(v: (Span & { negative: boolean }) | undefined): string | undefined {
  if (!v) return undefined;
  return /^[+\-−]/.test(v.text) ? escapeCell(v.text) : `${v.negative ? '−' : '+'}${escapeCell(v.text)}`;
}

/** A count from FIX evidence; null means no FIX evidence was read, or (when other counts exist) the events could not tell. */
const counted = (n: number | null, read: boolean): string => (n !== null ? escapeCell(String(n)) : read ? '_not countable from the FIX events (see the notes)_' : '_no FIX evidence read_');
const recorded = (n: number | undefined): string => (n === undefined ? '_not recorded_' : escapeCell(String(n)));

/** Record-only view: the figures the record states. */
function writeRecordedRecovery(doc: MdDoc, ctx: DocContext): void {
  const r = ctx.inc.impact?.recovery;
  const s = ctx.inc.impact?.sla;
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
}

/** Computed from the curated timeline's markers and FIX evidence, each beside what the record states. */
function writeComputedRecovery(doc: MdDoc, ctx: DocContext, level: number): void {
  const rc = ctx.recovery;
  if (!rc) return;
  const r = ctx.inc.impact?.recovery;
  const s = ctx.inc.impact?.sla;
  const t = ctx.inc.impact?.trading;
  const row = (label: string, computed: string | undefined, recorded: string | undefined): string[] | null =>
    computed === undefined && recorded === undefined ? null : [label, computed ?? '—', recorded ?? '—'];
  const keep = (rows: (string[] | null)[]): string[][] => rows.filter((x): x is string[] => x !== null);
  doc.section(level, 'Time to Recovery', () =>
    doc.table(
      ['Phase', 'Computed', 'Recorded'],
      keep([
        row('Detection (first indication → detection)', span(rc.detection), cell(r?.detection_time)),
        row('Diagnosis (detection → diagnosis)', span(rc.diagnosis), cell(r?.diagnosis_time)),
        row('Fix implementation (diagnosis → fix)', span(rc.fix), cell(r?.fix_time)),
        row('Testing/verification (fix → verification)', span(rc.testing), cell(r?.verification_time)),
        row('Total time to recovery', span(rc.total), cell(r?.total_time)),
        row('Downtime', span(rc.downtime), cell(t?.downtime)),
      ]),
    ),
  );
  doc.section(level, 'Recovery Time Objective', () => {
    const rto = rc.rto;
    doc.table(
      ['', 'Computed', 'Recorded'],
      keep([
        row('Component', cell(rto.component), undefined),
        row('Target RTO', span(rto.objective), cell(s?.rto)),
        row('Actual recovery', span(rto.actual), cell(s?.actual_recovery)),
        row('Met', boolCell(rto.met), choiceCell(choices.yesNo, s?.met)),
        row('Variance', signed(rto.variance), cell(s?.variance)),
      ]),
    );
  });
  doc.section(level, 'Orders and Financial Impact', () => {
    const o = rc.orders;
    doc.table(
      ['', 'Computed', 'Recorded'],
      [
        ['Orders failed (from FIX evidence)', counted(o.failed, o.sources.length > 0), recorded(o.recorded_failed ?? t?.orders_failed)],
        ['Orders lost (from FIX evidence)', counted(o.lost, o.sources.length > 0), recorded(o.recorded_lost ?? t?.orders_lost)],
        ['Financial impact (USD)', usdCell(rc.financial_loss_usd) ?? '—', usdCell(t?.financial_loss_usd) ?? '_not recorded_'],
      ],
    );
    if (o.sources.length) doc.para(`Orders counted from: ${o.sources.map(escapeCell).join('; ')}`);
  });
  doc.section(level, 'Recovery Markers', () => {
    const rows = MARKERS.filter((m) => rc.markers[m] !== undefined).map((m) => [
      escapeCell(choices.marker.label(m)),
      tsCell(rc.markers[m]) ?? '',
      cell(rc.marker_sources[m]) ?? '',
    ]);
    doc.table(['Marker', 'Time (UTC)', 'Source'], rows);
  });
  if (rc.notes.length) doc.section(level, 'Notes on the Figures', () => doc.list(rc.notes.map(escapeCell)));
}

/**
 * The recovery figures: computed beside recorded in a post-mortem, the recorded ones in a record export.
 * `level` is the heading level of its sub-sections.
 */
export function writeRecovery(doc: MdDoc, ctx: DocContext, level: number): void {
  if (ctx.recovery) writeComputedRecovery(doc, ctx, level);
  else writeRecordedRecovery(doc, ctx);
}

/** `withRecovery`: put the recovery figures here (when there is no system-failure section to hold them). */
export function writeImpact(doc: MdDoc, ctx: DocContext, { withRecovery }: { withRecovery: boolean }): void {
  const im = ctx.inc.impact;
  doc.section(2, 'Impact Assessment', () => {
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
    if (withRecovery) doc.section(3, 'Recovery Time', () => writeRecovery(doc, ctx, 4));
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
  });
}
