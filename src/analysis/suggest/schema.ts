/**
 * Zod schemas of the analysis outputs (rank report, suggestions): they document the HTTP API in the
 * OpenAPI document and let tests check a response's shape.
 */
import { z } from 'zod';

const instant = z.string().meta({ format: 'date-time', example: '2025-11-26T10:27:35.123456789Z' });

export const onsetJsonSchema = z.union([
  z.object({ t: instant, estimated: z.literal(false) }),
  z.object({
    estimated: z.literal(true),
    t: instant,
    lower: instant,
    upper: instant,
    level: z.number().describe('Credible level of [lower, upper]'),
    log_bayes_factor: z.number().describe('Evidence for one change against none; ≤ 0 means no clear change'),
    series_used: z.number().int(),
    series_changed: z.number().int(),
    first_changed: z.string().nullable(),
  }),
]);

export const rankReportSchema = z
  .object({
    onset: onsetJsonSchema,
    baseline: z.enum(['before_onset', 'after_anomalous_run']).describe('How the reference window was chosen'),
    ranking: z.array(
      z.object({
        series: z.string(),
        score: z.number().describe('Robust z-score of the largest sustained deviation'),
        component: z.string(),
        center: z.number(),
        scale: z.number(),
        scale_source: z.enum(['iqr', 'std', 'relative_floor', 'pooled', 'constant']),
        rate: z.literal(true).optional().describe('Present when the series is a counter, ranked on its per-second rate'),
        peak: z.object({ t: instant, v: z.number() }).nullable(),
      }),
    ),
    components: z.array(
      z.object({ component: z.string(), score: z.number(), top_series: z.string(), series_count: z.number().int(), grouped_by: z.string() }),
    ),
    skipped: z.array(z.object({ series: z.string(), reason: z.string() })),
    files: z.array(
      z.object({
        source: z.string(),
        format: z.enum(['csv', 'prometheus', 'openmetrics', 'query_range']),
        rows: z.number().int(),
        values: z.number().int(),
        rejectedRows: z.number().int(),
        rejected: z.record(z.string(), z.number()),
        skipped: z.record(z.string(), z.number()),
        series: z.number().int(),
        timeUnit: z.enum(['rfc3339', 's', 'ms', 'us', 'ns']).optional(),
        issues: z.array(z.object({ line: z.number().int(), reason: z.string(), text: z.string() })),
      }),
    ),
  })
  .meta({ id: 'RankReport', description: 'Metric series and components ranked as root-cause candidates, best first (as `pfa rca rank --json`).' });

export const FACTOR_KINDS = ['metric', 'crash', 'log_template', 'similar_incident'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export const evidenceLinkSchema = z
  .object({
    evidence_id: z.string().describe('Evidence attached to the incident'),
    ref: z.string().describe('Where in it: a series name for metrics, `line N` for logs'),
  })
  .meta({ id: 'EvidenceLink' });
export type EvidenceLink = z.output<typeof evidenceLinkSchema>;

export const factorSchema = z
  .object({
    kind: z.enum(FACTOR_KINDS),
    description: z.string(),
    score: z.number().optional().describe('metric: robust z-score of the component; similar_incident: similarity 0–1'),
    evidence: z.array(evidenceLinkSchema),
    signature: z.string().optional().describe('crash: grouping signature (recorded as tag crash:<signature>)'),
    incident_id: z.string().optional().describe('similar_incident: the past incident'),
  })
  .meta({ id: 'SuggestedFactor' });
export type Factor = z.output<typeof factorSchema>;

export const suggestionsSchema = z
  .object({
    incident_id: z.string(),
    onset: instant.describe('Incident start, or an earlier first indication'),
    onset_source: z.enum(['started_at', 'failure.first_indication_at', 'timeline.first_indication']),
    factors: z.array(factorSchema).describe('metric factors by score, then crashes in order found, then similar past incidents'),
    notes: z.array(z.string()).describe('Evidence that could not be used, and why'),
  })
  .meta({ id: 'Suggestions', description: 'Proposed contributing factors of an incident, each linked to its evidence.' });
export type Suggestions = z.output<typeof suggestionsSchema>;
