/**
 * Metric root-cause ranking: robust anomaly scores per series (BARO, N-Sigma), per-component ranking,
 * and multivariate onset estimation. Pure functions over series; no I/O.
 */
export { rankRootCauses } from './rank.js';
export type { RankOptions } from './rank.js';
export { scoreAnomaly } from './score.js';
export type { AnomalyScore, ScoreOptions } from './score.js';
export { detectOnset } from './onset.js';
export type { OnsetOptions } from './onset.js';
export { COMPONENT_LABELS, componentResolver, namePartOf, namePrefix } from './component.js';
export type { ComponentOf, ComponentOptions } from './component.js';
export { prepareSeries } from './prepare.js';
export { acAtK, avgAtK, rankOf } from './evaluate.js';
export type {
  Direction,
  OnsetEstimate,
  RankedComponent,
  RankedSeries,
  RankPoint,
  RankResult,
  RankSeries,
  ScaleSource,
  ScoreMethod,
} from './types.js';
export { reportNotes } from './notes.js';
export { MIN_BASELINE, parseOnset, rankReport, type OnsetJson, type RankReport, type RankReportOptions } from './report.js';
export { chooseWindows, type Windows } from './windows.js';
