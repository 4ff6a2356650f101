/**
 * Turns what the engines found in an incident's evidence — a metric ranking, crashes in logs,
 * similar past incidents — into proposed contributing factors, each linked to the evidence that
 * supports it. Pure: the adapter (service.ts) reads the evidence and runs the engines.
 */
import type { SimilarIncident } from '../../knowledge/index.js';
import type { RankReport } from '../rank/report.js';
import type { EvidenceLink, Factor } from './schema.js';

/** One crash found in one piece of log evidence. */
export interface CrashFinding {
  evidence_id: string;
  title: string;
  kind: string;
  signature: string;
  /** 0-based line of the report's first line. */
  startLine: number;
  signal?: string;
}

/** A log template that is new in the incident window, or far above its baseline rate, in one log evidence. */
export interface TemplateFinding {
  evidence_id: string;
  /** e.g. "First occurrence of: spilling order index to disk: <*> entries". */
  description: string;
  /** 1-based line of its first occurrence in the window. */
  line: number;
}

export interface SuggestInput {
  /** Ranking of the attached metrics around the onset; null when there were none to rank. */
  report: Pick<RankReport, 'ranking' | 'components'> | null;
  /** Evidence ids each series name was read from (a series may span several files). */
  seriesEvidence: ReadonlyMap<string, readonly string[]>;
  crashes: readonly CrashFinding[];
  /** New or bursting log templates (optional: absent when no log evidence had a baseline). */
  templates?: readonly TemplateFinding[];
  similar: readonly SimilarIncident[];
}

export interface SuggestOptions {
  maxMetricFactors?: number;
  /**
   * Least robust z-score for a component to be proposed: 3 is the usual "three spreads out", under
   * which a series is within what its own baseline shows and naming it would send people astray.
   */
  minMetricScore?: number;
  /** Series named (and linked) per metric factor. */
  seriesPerFactor?: number;
  maxCrashFactors?: number;
  /** Line references per crash signature and evidence. */
  linesPerCrash?: number;
  maxSimilar?: number;
}

/** Short, readable number: 4 significant digits, exponent form for very large or small magnitudes. */
function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** An instant without the trailing zeros of a nine-digit fraction: `…:04.120000000Z` reads `…:04.12Z`. */
function shortTime(t: string): string {
  return t.replace(/(\.\d*?)0+Z$/, '$1Z').replace(/\.Z$/, 'Z');
}

function metricFactors(input: SuggestInput, o: Required<SuggestOptions>): Factor[] {
  const report = input.report;
  if (!report) return [];
  const out: Factor[] = [];
  for (const c of report.components) {
    if (out.length >= o.maxMetricFactors || !(c.score >= o.minMetricScore)) break;
    const series = report.ranking.filter((r) => r.component === c.component && r.score >= o.minMetricScore).slice(0, o.seriesPerFactor);
    const top = series[0];
    if (!top) continue;
    const moved = top.peak && top.peak.v < top.center ? 'fell' : 'rose';
    const peak = top.peak ? ` to ${num(top.peak.v)} at ${shortTime(top.peak.t)}` : '';
    const others = series.slice(1).map((s) => `${s.series} (${num(s.score)})`);
    const evidence: EvidenceLink[] = series.flatMap((s) => (input.seriesEvidence.get(s.series) ?? []).map((id) => ({ evidence_id: id, ref: s.series })));
    out.push({
      kind: 'metric',
      description: `${c.component}: ${top.series} ${moved}${peak} from a baseline of ${num(top.center)} (score ${num(top.score)})${others.length ? `; also ${others.join(', ')}` : ''}`,
      score: c.score,
      evidence,
    });
  }
  return out;
}

function crashFactors(input: SuggestInput, o: Required<SuggestOptions>): Factor[] {
  const bySignature = new Map<string, CrashFinding[]>();
  for (const c of input.crashes) {
    const list = bySignature.get(c.signature);
    if (list) list.push(c);
    else bySignature.set(c.signature, [c]);
  }
  const out: Factor[] = [];
  for (const [signature, found] of bySignature) {
    if (out.length >= o.maxCrashFactors) break;
    const first = found[0] as CrashFinding;
    const perEvidence = new Map<string, number>();
    const evidence: EvidenceLink[] = [];
    for (const f of found) {
      const n = perEvidence.get(f.evidence_id) ?? 0;
      if (n >= o.linesPerCrash) continue;
      perEvidence.set(f.evidence_id, n + 1);
      evidence.push({ evidence_id: f.evidence_id, ref: `line ${f.startLine + 1}` });
    }
    const times = found.length > 1 ? `, ${found.length} times` : '';
    out.push({ kind: 'crash', description: `crash: ${first.title} (${first.kind}${first.signal ? `, ${first.signal}` : ''}${times})`, evidence, signature });
  }
  return out;
}

function similarFactors(input: SuggestInput, o: Required<SuggestOptions>): Factor[] {
  return input.similar.slice(0, o.maxSimilar).map((m) => {
    // The evidence of a signature match is where this incident's logs show that crash.
    const evidence: EvidenceLink[] = [];
    const seen = new Set<string>();
    for (const c of input.crashes) {
      if (!m.shared_signatures.includes(c.signature) || seen.has(c.evidence_id)) continue;
      seen.add(c.evidence_id);
      evidence.push({ evidence_id: c.evidence_id, ref: `line ${c.startLine + 1}` });
    }
    const parts = [`${m.incident_id} (${m.started_at.slice(0, 10)}): ${m.title}`, `matched on ${m.reasons.join('; ')}`];
    if (m.root_cause) parts.push(`root cause: ${m.root_cause}`);
    if (m.permanent_fix) parts.push(`permanent fix: ${m.permanent_fix}`);
    return { kind: 'similar_incident' as const, description: parts.join(' — '), score: m.score, evidence, incident_id: m.incident_id };
  });
}

/**
 * Proposes contributing factors: metric components that deviated most (best first), then crash
 * signatures in the order they were found, then similar past incidents (most similar first).
 * @example
 * suggestFactors({ report, seriesEvidence, crashes: [], similar: [] })[0]
 * // { kind: 'metric', description: 'db: db_cpu rose to 97 at … from a baseline of 12 (score 41)', score: 41, evidence: [{ evidence_id: 'file-…', ref: 'db_cpu' }] }
 */
export function suggestFactors(
  input: SuggestInput,
  { maxMetricFactors = 5, minMetricScore = 3, seriesPerFactor = 3, maxCrashFactors = 10, linesPerCrash = 3, maxSimilar = 5 }: SuggestOptions = {},
): Factor[] {
  const o = { maxMetricFactors, minMetricScore, seriesPerFactor, maxCrashFactors, linesPerCrash, maxSimilar };
  const templateFactors = (input.templates ?? []).slice(0, 10).map(
    (t): Factor => ({ kind: 'log_template', description: t.description, evidence: [{ evidence_id: t.evidence_id, ref: `line ${t.line}` }] }),
  );
  return [...metricFactors(input, o), ...crashFactors(input, o), ...templateFactors, ...similarFactors(input, o)];
}
