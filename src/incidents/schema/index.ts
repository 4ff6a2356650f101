/** Public entry of the incident schemas. */
export * from './record.js';
export * as choices from './choices.js';
export { choiceSet, type ChoiceSet } from './fields.js';
export { systemStateSchema, symptomsSchema } from './state.js';
export * from './rca.js';
export { contributingFactorSchema, type ContributingFactor } from './failure.js';
export { correctiveActionSchema, actionItemSchema } from './followup.js';
export { timelineEntrySchema, MARKERS, type Marker, type TimelineEntry } from './impact.js';
export * from './exchange.js';
