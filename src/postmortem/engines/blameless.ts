/**
 * The blameless check: walks every narrative text field of an incident record and reports the
 * passages that put the incident on a person, with a blameless rewording. A warning, never a block.
 */
import type { IncidentContent } from '../../incidents/schema/index.js';
import { parseTimestamp } from '../../shared/time.js';
import type { BlameFinding } from '../types.js';
import { findBlame } from './blame-rules.js';
import { peopleFrom } from './grammar.js';

/**
 * Keys whose values are never narrative, wherever they appear: ids and links, choice values
 * (scanned only for an "other: …" text), names and roles, times and durations.
 */
const ID_KEYS = new Set(['id', 'parent', 'factor', 'source', 'incident_id', 'evidence', 'url', 'snapshots', 'tags', 'postmortem_document', 'ticket']);
const CHOICE_KEYS = new Set([
  'kind', 'status', 'severity', 'component', 'failure_type', 'mode', 'available', 'methodology', 'why_not_caught', 'detection_methods',
  'kinds', 'met', 'executed', 'success', 'effectiveness', 'types', 'type', 'monitoring_enhanced', 'follow_up_tests_passed',
  'all_criteria_met', 'pressure', 'horizon', 'is_pattern', 'trend', 'priority', 'postmortem_completed', 'marker', 'event_type',
]);
const NAME_KEYS = new Set(['incident_commander', 'responders', 'owner', 'name', 'role', 'reviewed_by', 'analyzed_by', 'approved_by', 'vendor']);
const TIME_KEYS = new Set([
  'at', 'date', 'due', 'target_date', 'time', 'window_start', 'window_end', 'downtime', 'detection_time', 'diagnosis_time', 'fix_time',
  'verification_time', 'total_time', 'rto', 'actual_recovery', 'variance', 'period', 'frequency', 'degradation_duration', 'failover_time',
  'response_time', 'version',
]);
/** Sections that hold pasted evidence or data (logs, dumps, commands, changes), not narrative: "failed to" is normal there. */
const DATA_SECTIONS = new Set([
  'system_state', 'failure.core_dump', 'failure.logs', 'failure.crash_dump', 'symptoms.error_messages', 'supporting.diagnostic_commands',
  'supporting.hardware_diagnostics', 'resolution.permanent_fix.code_changes', 'resolution.permanent_fix.configuration_changes',
  'resolution.permanent_fix.hardware_changes', 'resolution.permanent_fix.system_changes', 'analysis.code_issues.code_location',
  'prevention.documentation', 'milestones',
]);
/** Choice fields whose key is also used by a narrative field elsewhere. */
const CHOICE_PATHS = new Set(['resolution.testing.result']);

/** A key under which nothing is narrative, or a dotted section (indices left out) that holds pasted data. */
function skipped(key: string, dotted: string): boolean {
  return ID_KEYS.has(key) || NAME_KEYS.has(key) || TIME_KEYS.has(key) || key.endsWith('_at') || DATA_SECTIONS.has(dotted);
}

/**
 * Whether the string at this path is narrative text to check (choice fields only for their "other: …" text).
 * @example narrativeKind(['analysis', 'five_whys', '2', 'answer']) === 'narrative'
 */
export function narrativeKind(path: readonly string[]): 'narrative' | 'choice' | 'skip' {
  const keys = path.filter((p) => !/^\d+$/.test(p));
  for (let i = 0; i < keys.length; i++) if (skipped(keys[i] ?? '', keys.slice(0, i + 1).join('.'))) return 'skip';
  return leafKind(keys[keys.length - 1] ?? '', keys.join('.'));
}

function leafKind(key: string, dotted: string): 'narrative' | 'choice' {
  return CHOICE_KEYS.has(key) || CHOICE_PATHS.has(dotted) ? 'choice' : 'narrative';
}

function isTimestamp(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(s.trim())) return false;
  try {
    parseTimestamp(s);
    return true;
  } catch {
    return false;
  }
}

/** Up to ~120 characters around the phrase, on one line, cut at word boundaries. */
function excerptOf(text: string, start: number, end: number, width = 120): string {
  const room = Math.max(0, Math.floor((width - (end - start)) / 2));
  // Centred on the phrase; room one side does not use goes to the other.
  let to = Math.min(text.length, Math.max(end, Math.max(0, start - room) + width));
  let from = Math.max(0, Math.min(start, to - width));
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) {
    const cut = text.lastIndexOf(' ', to);
    if (cut > end) to = cut;
  }
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/** The names the record gives people: commander, responders, owners, sign-off and review. */
function namesIn(incident: IncidentContent): string[] {
  const names: Array<string | undefined> = [incident.summary?.incident_commander, ...(incident.summary?.responders ?? [])];
  for (const a of incident.action_items ?? []) names.push(a.owner);
  for (const a of incident.prevention?.immediate_actions ?? []) names.push(a.owner);
  const s = incident.signoff;
  names.push(s?.analyzed_by?.name, s?.reviewed_by?.name, s?.approved_by?.name, incident.review?.reviewed_by);
  return names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

/**
 * Blame language in the record's narrative fields, in field order then text order.
 * @example checkBlameless(incident).map((f) => `${f.path}: ${f.phrase}`) // ['lessons.went_poorly.1: should have']
 */
export function checkBlameless(incident: IncidentContent): BlameFinding[] {
  const people = peopleFrom(namesIn(incident));
  const findings: BlameFinding[] = [];
  // One walk; a skipped key or section is left at once, and the path is built only for a finding.
  const path: string[] = [];
  const visit = (value: unknown, key: string, dotted: string): void => {
    if (typeof value === 'string') {
      if (isTimestamp(value)) return;
      let text = value;
      let offset = 0;
      if (leafKind(key, dotted) === 'choice') {
        const other = /^other\s*:\s*/i.exec(value);
        if (!other) return;
        offset = other[0].length;
        text = value.slice(offset);
      }
      for (const hit of findBlame(text, people)) {
        findings.push({ path: path.join('.'), phrase: hit.phrase, excerpt: excerptOf(value, hit.start + offset, hit.end + offset), rule: hit.rule, suggestion: hit.suggestion });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        path.push(String(i));
        visit(v, key, dotted);
        path.pop();
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const d = dotted ? `${dotted}.${k}` : k;
        if (skipped(k, d)) continue;
        path.push(k);
        visit(v, k, d);
        path.pop();
      }
    }
  };
  visit(incident, '', '');
  return findings;
}
