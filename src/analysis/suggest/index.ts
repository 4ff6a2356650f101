/**
 * Suggested contributing factors of an incident (metric ranking, crash signatures, similar past
 * incidents, each linked to its evidence), and the shared rank report of `pfa rca rank`.
 */
export { MIN_BASELINE, parseOnset, rankReport, type OnsetJson, type RankReport, type RankReportOptions } from '../rank/report.js';
export { suggestFactors, type CrashFinding, type SuggestInput, type SuggestOptions } from './factors.js';
export { incidentOnset, type IncidentOnset } from './onset.js';
export { evidenceText, metricsOf, READ_LIMIT, sourceKindOf, type EvidenceText, type IncidentMetrics } from './evidence.js';
export { suggestForIncident } from './service.js';
export {
  evidenceLinkSchema,
  FACTOR_KINDS,
  factorSchema,
  onsetJsonSchema,
  rankReportSchema,
  suggestionsSchema,
  type EvidenceLink,
  type Factor,
  type FactorKind,
  type Suggestions,
} from './schema.js';
