/**
 * Adapter: the text of file evidence (stored content, else the original file) and the metric series
 * of an incident's metric evidence, remembering which evidence each series came from.
 */
import { open } from 'node:fs/promises';
import { materialize, storedText } from '../../evidence/files.js';
import { mergeSeries, parseMetricsText, seriesKey, type MetricSet } from '../../evidence/metrics/index.js';
import type { Evidence } from '../../evidence/schema.js';

/** Most bytes read from one piece of evidence: bounds memory on a multi-gigabyte log kept by reference. */
export const READ_LIMIT = 64 * 1024 * 1024;

export interface EvidenceText {
  text: string;
  truncated: boolean;
}

/**
 * The text of file evidence, or null when it is neither stored nor still on disk unchanged.
 * @example const t = await evidenceText(e); if (t) findCrashes(t.text);
 */
export async function evidenceText(e: Evidence, { limit = READ_LIMIT }: { limit?: number } = {}): Promise<EvidenceText | null> {
  const stored = storedText(e);
  if (stored !== null) return { text: stored, truncated: false };
  const m = await materialize(e);
  if (m === null) return null;
  try {
    const fh = await open(m.path, 'r');
    try {
      const size = (await fh.stat()).size;
      const buf = Buffer.alloc(Math.min(size, limit));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return { text: buf.subarray(0, bytesRead).toString('utf8'), truncated: size > limit };
    } finally {
      await fh.close();
    }
  } finally {
    await m.release();
  }
}

/** What kind of file the evidence is (set by `pfa evidence add`). */
export function sourceKindOf(e: Evidence): string | null {
  return typeof e.metadata.source_kind === 'string' ? e.metadata.source_kind : null;
}

export interface IncidentMetrics {
  set: MetricSet;
  /** Series name → ids of the evidence it was read from. */
  seriesEvidence: Map<string, string[]>;
}

/**
 * Parses the metric texts of several pieces of evidence and merges the same series across them
 * (a capture split into `normal.csv` and `anomalous.csv`), keeping the link to each source.
 * @example metricsOf([{ evidence: e, text }]).seriesEvidence.get('db_cpu') // ['file-ab12…']
 */
export function metricsOf(inputs: readonly { evidence: Evidence; text: string }[]): IncidentMetrics {
  const parsed = inputs.map((i) => ({ id: i.evidence.id, p: parseMetricsText(i.text, { source: sourceName(i.evidence) }) }));
  const byKey = new Map<string, string[]>();
  for (const { id, p } of parsed) {
    for (const s of p.series) {
      const key = seriesKey(s.metric, s.labels);
      const ids = byKey.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byKey.set(key, ids);
    }
  }
  const merged = mergeSeries(parsed.map(({ p }) => p.series));
  const seriesEvidence = new Map<string, string[]>();
  for (const s of merged.series) seriesEvidence.set(s.name, byKey.get(seriesKey(s.metric, s.labels)) ?? []);
  return {
    set: { series: merged.series, files: parsed.map(({ p }) => p.stats), duplicatesDropped: merged.duplicatesDropped, conflicts: merged.conflicts },
    seriesEvidence,
  };
}

/** The name the format is detected from: the original path keeps its extension. */
function sourceName(e: Evidence): string {
  return typeof e.metadata.path === 'string' ? e.metadata.path : e.name;
}
