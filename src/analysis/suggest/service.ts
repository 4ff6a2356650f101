/**
 * Flow behind `pfa rca suggest` and GET /incidents/:id/suggestions: reads the incident's file
 * evidence, ranks its metrics around the onset, finds crashes in its logs, looks up similar past
 * incidents, and hands all of it to the pure suggestFactors. Reads only; writes nothing.
 */
import { evidenceList } from '../../evidence/service.js';
import type { Evidence } from '../../evidence/schema.js';
import { getIncident, type Deps } from '../../incidents/service.js';
import { crashSignaturesOf, plainTags, similarIncidents, type SimilarityQuery } from '../../knowledge/index.js';
import { InputError, isPfaError } from '../../shared/errors.js';
import { findCrashes } from '../crash/index.js';
import { parseLogText } from '../../evidence/logs/index.js';
import { TemplateTracker } from '../../evidence/timeline/template-events.js';
import { NS_PER_HOUR, parseTimestamp } from '../../shared/time.js';
import { evidenceText, metricsOf, sourceKindOf, type IncidentMetrics } from './evidence.js';
import { suggestFactors, type CrashFinding, type SuggestOptions, type TemplateFinding } from './factors.js';
import { incidentOnset } from './onset.js';
import { rankReport, type RankReport } from '../rank/report.js';
import type { Suggestions } from './schema.js';

/** Most file evidence read for one incident; more is unusual and would make a read request slow. */
const MAX_EVIDENCE = 1000;

function byAge(a: Evidence, b: Evidence): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const label = (e: Evidence) => `${e.id} (${e.name})`;

function countReasons(skipped: readonly { reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ');
}

function rankMetrics(metrics: IncidentMetrics, onset: bigint, notes: string[]): RankReport | null {
  if (metrics.set.series.length === 0) {
    notes.push('no metric series could be read from the metric evidence');
    return null;
  }
  try {
    const report = rankReport(metrics.set, { onset });
    if (report.baseline === 'after_anomalous_run') notes.push('the metrics hold no data before the onset: the baseline is the data after the anomalous run');
    if (report.skipped.length) notes.push(`${report.skipped.length} metric series not ranked (${countReasons(report.skipped)})`);
    return report;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    notes.push(`metrics not ranked: ${err.message}`);
    return null;
  }
}

/**
 * Proposes contributing factors for an incident from its attached evidence and past incidents.
 * @example const { onset, factors } = await suggestForIncident(deps, 'SYS-20251126-001');
 */
export async function suggestForIncident(deps: Deps, id: string, options: SuggestOptions = {}): Promise<Suggestions> {
  const inc = await getIncident(deps, id);
  const onset = incidentOnset(inc);
  const notes: string[] = [];
  const files = (await evidenceList(deps, { incidentId: id, kind: 'file', limit: MAX_EVIDENCE })).sort(byAge);

  const metricInputs: { evidence: Evidence; text: string }[] = [];
  const crashes: CrashFinding[] = [];
  const templates: TemplateFinding[] = [];
  for (const e of files) {
    const kind = sourceKindOf(e);
    if (kind !== 'metrics' && kind !== 'log') continue;
    let t;
    try {
      t = await evidenceText(e);
    } catch (err) {
      // One unreadable file must not hide what the others show.
      notes.push(`${label(e)}: cannot be read (${isPfaError(err) ? err.message : ((err as NodeJS.ErrnoException).code ?? 'error')})`);
      continue;
    }
    if (!t) {
      notes.push(`${label(e)}: not readable: the file is gone or changed and its content was not stored`);
      continue;
    }
    if (t.truncated) notes.push(`${label(e)}: only the first ${t.text.length} characters were read`);
    if (kind === 'metrics') metricInputs.push({ evidence: e, text: t.text });
    else {
      // Suggestions are read by people: the title with its real numbers (crashes group by signature, not title).
      for (const c of findCrashes(t.text)) {
        crashes.push({ evidence_id: e.id, title: c.displayTitle ?? c.title, kind: c.kind, signature: c.signature, startLine: c.startLine, ...(c.signal ? { signal: c.signal } : {}) });
      }
      // New or bursting message shapes from the onset to the incident's end (or an hour), against the hour before.
      const end = inc.ended_at ? parseTimestamp(inc.ended_at).ns : onset.ns + NS_PER_HOUR;
      const tracker = new TemplateTracker({ start: onset.ns, end: end > onset.ns ? end : onset.ns + NS_PER_HOUR, baselineStart: onset.ns - NS_PER_HOUR }, e.name);
      for (const r of parseLogText(t.text).results) if (r.kind === 'record' && r.record.ns !== null) tracker.add(r.record.message, r.record.ns, r.record.line);
      for (const ev of tracker.events().events) templates.push({ evidence_id: e.id, description: ev.description, line: Number(ev.metadata.line) });
    }
  }

  let report: RankReport | null = null;
  let seriesEvidence = new Map<string, string[]>();
  if (metricInputs.length === 0) notes.push('no metric evidence attached (pfa evidence add ID metrics.csv)');
  else {
    const metrics = metricsOf(metricInputs);
    report = rankMetrics(metrics, onset.ns, notes);
    seriesEvidence = metrics.seriesEvidence;
  }

  const signatures = [...new Set([...crashes.map((c) => c.signature), ...crashSignaturesOf(inc.analysis?.tags)])];
  const query: SimilarityQuery = {
    signatures,
    tags: plainTags(inc.analysis?.tags),
    ...(inc.component ? { component: inc.component } : {}),
    ...(inc.failure_type ? { failure_type: inc.failure_type } : {}),
    text: `${inc.title}\n${inc.analysis?.root_cause ?? ''}`,
  };
  const similar = await similarIncidents(deps, query, { exclude: [id], limit: options.maxSimilar ?? 5 });

  const factors = suggestFactors({ report, seriesEvidence, crashes, templates, similar }, options);
  return { incident_id: inc.id, onset: onset.at, onset_source: onset.source, factors, notes };
}
