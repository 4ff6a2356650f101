/**
 * How a cause becomes an action: its type (detective, preventive, corrective) and horizon
 * (immediate, short term, long term) from its wording and category, and the draft's text.
 *
 * Type: a cause that says detection was missing ("no monitoring of …") gets a detective action; one
 * about tests, reviews, runbooks, procedures, ownership, redundancy or capacity a preventive one;
 * one otherwise about detection (an alert that fired but misled) a detective one; otherwise
 * the fishbone category decides (people, process, procedures, environment, tools: preventive;
 * technology and any other category: corrective), and without a category it is corrective.
 * Horizon: detective actions are immediate (an alert on a known signal ships within a day and guards
 * while the fixes land); corrective actions are immediate when the cause is a configuration setting,
 * else short term (a code or hardware change needs a build, tests and a window); preventive actions
 * are long term when systemic (recurring patterns, architecture, redundancy, capacity, environment,
 * training), else short term (a test, a runbook or a procedure).
 */
import type { ActionHorizon, ActionType } from '../types.js';

const DETECTION_WORDS = '(?:monitor(?:s|ing|ed)?|alert(?:s|ing|ed)?|alarms?|dashboards?|detect(?:s|ion|ed|ing)?|observab\\w*|visibility|health[- ]?checks?|paging|paged|telemetry|watchdog)';
const DETECTION = new RegExp(`\\b${DETECTION_WORDS}\\b`, 'i');
/** Detection said to be missing: "no monitoring of …", "without an alert on …", "insufficient dashboards". */
const DETECTION_GAP = new RegExp(`\\b(?:no|missing|without|lack(?:s|ed|ing)?(?: of)?|insufficient|inadequate|absent|not)\\s+(?:[\\w%-]+\\s+){0,2}${DETECTION_WORDS}\\b`, 'i');
const PREVENTION =
  /\b(?:tests?|testing|tested|reviews?|reviewed|training|trained|runbooks?|playbooks?|documentation|documented|procedures?|checklists?|drills?|chaos|capacity|redundan\w*|single point of failure|spof|architecture|soak|owner|ownership|follow[- ]?up|escalation|hand(?:over|off))\b/i;
const SYSTEMIC = /\b(?:recurr\w*|pattern|architecture|architectural|redundan\w*|single point of failure|spof|capacity|chaos|training|culture|vendor|environment(?:al)?|region|datacenter|data center)\b/i;
const CONFIGURATION = /\b(?:configur\w*|config|settings?|parameters?|thresholds?|flags?|sysctl|ulimit|tunables?)\b/i;

const PREVENTIVE_CATEGORIES = /\b(?:people|person|staff|human|process|procedures?|environment|tools?|tooling|training|organi[sz]ation|management|methods?)\b/i;

/**
 * The type of an action answering a cause, from its text, then its category.
 * @example actionType('No monitoring of DNS server health') === 'detective'
 */
export function actionType(text: string, category?: string): ActionType {
  if (DETECTION_GAP.test(text)) return 'detective';
  if (PREVENTION.test(text)) return 'preventive';
  if (DETECTION.test(text)) return 'detective';
  if (category !== undefined && PREVENTIVE_CATEGORIES.test(category)) return 'preventive';
  return 'corrective';
}

/**
 * The horizon of an action of this type answering a cause with this text.
 * @example actionHorizon('corrective', 'DNS failover was not configured') === 'immediate'
 */
export function actionHorizon(type: ActionType, text: string, category?: string): ActionHorizon {
  if (type === 'detective') return 'immediate';
  if (type === 'corrective') return CONFIGURATION.test(text) ? 'immediate' : 'short_term';
  return SYSTEMIC.test(text) || (category !== undefined && /\b(?:environment|people|training)\b/i.test(category)) ? 'long_term' : 'short_term';
}

/**
 * A cause's text as a clause: one line, no final period, a lower-case first letter unless it starts an acronym or a name.
 * @example clause('No TTL-based cleanup existed.') === 'no TTL-based cleanup existed'
 */
export function clause(text: string, max = 200): string {
  let t = text.replace(/\s+/g, ' ').trim().replace(/[.;:,\s]+$/, '');
  // "No TTL cleanup" → "no TTL cleanup"; "DNS …", "OrderBook …" and "Jane Smith …" keep their capitals.
  if (/^\p{Lu}\p{Ll}+\b/u.test(t) && !/^\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}/u.test(t)) t = t.charAt(0).toLowerCase() + t.slice(1);
  return t.length > max ? `${t.slice(0, max).replace(/\s+\S*$/, '')}…` : t;
}

/**
 * The draft's wording for a cause, by type.
 * @example describe('corrective', 'DNS failover was not configured', true) === 'Remove the root cause: DNS failover was not configured'
 */
export function describe(type: ActionType, text: string, rootCause = false): string {
  const what = clause(text);
  if (rootCause && type === 'corrective') return `Remove the root cause: ${what}`;
  switch (type) {
    case 'detective':
      return `Close the detection gap: ${what}`;
    case 'preventive':
      return `Prevent recurrence: ${what}`;
    case 'corrective':
      return `Fix: ${what}`;
  }
}
