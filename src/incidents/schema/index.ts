/** Public entry of the incident schemas. */
export * from './record.js';
export * as choices from './choices.js';
export { choiceSet, type ChoiceSet } from './fields.js';
export { systemStateSchema, symptomsSchema } from './state.js';
