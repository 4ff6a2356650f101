/** Public entry: metric anomaly detection against a baseline before the window. */
export { counterRates } from './rates.js';
export { baselineStats, detectAnomalies, detectAnomaly, type Anomaly, type AnomalyOptions, type Point, type SeriesInput } from './detect.js';
