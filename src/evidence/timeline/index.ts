/** Public entry: timeline reconstruction from logs, FIX logs, metrics and alerts. */
export { buildTimeline, openTimeline, type OpenTimeline, type Timeline, type TimelineOptions } from './build.js';
export { compareEvents, eventJson, EVENT_SOURCES, type EventSource, type TimelineEvent } from './event.js';
export { renderHtml, renderJsonl, renderMarkdown, escapeHtml, mdCell } from './render.js';
export { sniffSource } from './sniff.js';
export { notableKind } from './notable.js';
export { alertEvents, alertEventsOfDocs, mergeAlerts } from './alerts.js';
