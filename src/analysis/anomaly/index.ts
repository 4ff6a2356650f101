/** Public entry: metric anomaly detection against a baseline before the window. */
export { baselineStats, detectAnomalies, detectAnomaly, type Anomaly, type AnomalyOptions, type Point, type SeriesInput } from './detect.js';
