/**
 * How far around an incident's [start, end] `pfa timeline` reads by default (`--before`, `--after`).
 * Other parts judge "near the incident" by the same margin: a curated marker further out earns a note
 * in the recovery figures, a host capture further out does not stand for the state at the failure.
 * A module of its own so that they need not load the timeline's readers for one constant.
 */
export const WINDOW_MARGIN = '15m';
