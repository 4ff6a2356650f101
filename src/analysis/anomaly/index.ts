/** Public entry: metric anomaly detection against a baseline before the window. */
export { counterRates } from './rates.js';
export { baselineStats, type BaselineStats } from './baseline.js';
export { detectAnomalies, detectAnomaly, type Anomaly, type AnomalyOptions, type Point, type SeriesInput } from './detect.js';
export { estimateOnset, type OnsetEstimate, type OnsetOptions, type OnsetShape } from './onset.js';
