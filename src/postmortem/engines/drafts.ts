/**
 * Corrective-action drafts from the root-cause workspace: root causes (or the deepest answers of the
 * why tree), accepted contributing factors and fishbone causes, typed and given a horizon by the
 * rules of action-rules.ts, without repeating the record's corrective actions. Deterministic.
 */
import { parseEvidenceLink, type IncidentContent } from '../../incidents/schema/index.js';
import type { ActionDraft } from '../types.js';
import { actionHorizon, actionType, clause, describe } from './action-rules.js';
import { whyLeaves, whyTree } from './whys.js';

type Factor = NonNullable<NonNullable<IncidentContent['analysis']>['contributing_factors']>[number];

function draft(type: ActionDraft['type'], text: string, source: string, rationale: string, { rootCause = false, category }: { rootCause?: boolean; category?: string } = {}): ActionDraft {
  return { description: describe(type, text, rootCause), type, horizon: actionHorizon(type, text, category), source, rationale };
}

/** Root causes: the steps marked as such, else the answered leaves of the why tree, else the record's root-cause text. */
function fromRootCauses(incident: IncidentContent): ActionDraft[] {
  const steps = incident.analysis?.five_whys ?? [];
  const source = (i: number) => steps[i]?.id ?? `analysis.five_whys.${i}`;
  const marked = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.root_cause === true);
  const out: ActionDraft[] = [];
  if (marked.length) {
    for (const { s, i } of marked) {
      const text = s.answer?.trim() || s.question.trim();
      out.push(draft(actionType(text) === 'detective' ? 'detective' : 'corrective', text, source(i), `${source(i)} is marked as a root cause`, { rootCause: true }));
    }
    return out;
  }
  for (const leaf of whyLeaves(whyTree(steps))) {
    const text = leaf.step.answer?.trim();
    if (!text) continue; // an open question is not a cause yet
    const why = `${source(leaf.index)} is the deepest answer of its why chain (no step is marked as a root cause)`;
    out.push(draft(actionType(text) === 'detective' ? 'detective' : 'corrective', text, source(leaf.index), why, { rootCause: true }));
  }
  const recorded = incident.analysis?.root_cause?.trim();
  if (!steps.length && recorded) out.push(draft('corrective', recorded, 'analysis.root_cause', 'the recorded root cause (no 5-whys steps)', { rootCause: true }));
  return out;
}

/** The parts of a factor's evidence links of one kind. */
function links(f: Factor, kind: string): Array<{ target: string; ref?: string }> {
  return (f.evidence ?? []).map(parseEvidenceLink).filter((l): l is NonNullable<typeof l> => l !== null && l.kind === kind);
}

/** A template as the template engine words it ("First occurrence of: …", "Burst (3.2× the baseline rate): …"). */
const TEMPLATE_LEAD = /^\s*(first occurrence of|burst\b[^:]*):\s*/i;

function fromFactor(f: Factor, source: string): ActionDraft[] {
  const desc = clause(f.description);
  switch (f.kind) {
    case 'metric': {
      const series = [...new Set(links(f, 'metric').map((l) => l.ref ?? l.target))].slice(0, 3);
      const what = series.length ? series.join(', ') : `the metric behind "${desc}"`;
      return [
        {
          description: `Alert on the growth of ${what} and on a threshold below the failure point`,
          type: 'detective',
          horizon: 'immediate',
          source,
          rationale: `accepted metric factor ${source} (${desc}): an alert on this series shows the drift before it becomes an outage`,
        },
      ];
    }
    case 'crash': {
      const sig = links(f, 'crash')[0]?.target ?? desc.replace(/^crash:\s*/i, '');
      return [
        { description: `Fix the crashing code path: ${sig}`, type: 'corrective', horizon: 'short_term', source, rationale: `accepted crash factor ${source} (${desc})` },
        {
          description: `Add a regression test that reproduces the crash ${sig}`,
          type: 'preventive',
          horizon: 'short_term',
          source,
          rationale: `accepted crash factor ${source}: a test keeps the fix from regressing`,
        },
      ];
    }
    case 'log_template': {
      const lead = TEMPLATE_LEAD.exec(f.description);
      const template = clause(lead ? f.description.slice(lead[0].length) : f.description);
      const burst = /^burst/i.test(lead?.[1] ?? '');
      return [
        {
          description: burst ? `Alert when the log template "${template}" exceeds its baseline rate` : `Alert on any occurrence of the log template "${template}"`,
          type: 'detective',
          horizon: 'immediate',
          source,
          rationale: `accepted log-template factor ${source}: the template ${burst ? 'burst' : 'first appeared'} in the incident window`,
        },
      ];
    }
    case 'similar_incident': {
      const id = links(f, 'incident')[0]?.target ?? /\b(?:SYS|INC)-\d{8}-\d{3,}\b/.exec(f.description)?.[0] ?? 'a past incident';
      return [
        {
          description: `Address the recurring pattern seen in ${id}`,
          type: 'preventive',
          horizon: 'long_term',
          source,
          rationale: `accepted similar-incident factor ${source} (${desc}): fixing this instance alone lets the pattern recur`,
        },
      ];
    }
    default: {
      const text = f.description;
      const type = actionType(text, f.category);
      const by = actionType(text) === type && type !== 'corrective' ? 'its wording' : f.category ? `its category (${f.category})` : 'default';
      return [draft(type, text, source, `accepted contributing factor ${source}, typed ${type} by ${by}`, f.category ? { category: f.category } : {})];
    }
  }
}

function fromFactors(incident: IncidentContent): { drafts: ActionDraft[]; covered: Set<string> } {
  const drafts: ActionDraft[] = [];
  const covered = new Set<string>();
  (incident.analysis?.contributing_factors ?? []).forEach((f, i) => {
    if (f.status === 'rejected') return;
    if (f.id) covered.add(f.id);
    drafts.push(...fromFactor(f, f.id ?? `analysis.contributing_factors.${i}`));
  });
  return { drafts, covered };
}

function fromFishbone(incident: IncidentContent, covered: ReadonlySet<string>): ActionDraft[] {
  const out: ActionDraft[] = [];
  (incident.analysis?.fishbone?.causes ?? []).forEach((c, i) => {
    if (c.factor !== undefined && covered.has(c.factor)) return; // the factor's draft answers it
    const source = c.id ?? `analysis.fishbone.causes.${i}`;
    const type = actionType(c.cause, c.category);
    out.push(draft(type, c.cause, source, `fishbone cause ${source} in ${c.category}, typed ${type}`, { category: c.category }));
  });
  return out;
}

const STOP = new Set(
  'a an the of to for in on at by and or with from is was were be been are not no into its it this that as all any fix remove root cause add detection prevent recurrence alert'.split(' '),
);

/** Content words, lightly stemmed, for comparing an action's wording. */
function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(w)) continue;
    out.add(w.replace(/(?:ing|ed|es|s)$/, '') || w);
  }
  return out;
}

/** Near-identical wording: the content words overlap by 80 % or more (Jaccard). */
function similar(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return false;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common) >= 0.8;
}

/**
 * Drafts corrective actions: root causes first, then accepted factors, then fishbone causes not
 * already answered by a factor. A draft is left out when the record has an action from the same
 * source (of the same type, when the action has one) or with near-identical wording, or when an
 * earlier draft says the same.
 * @example draftActions(incident).map((d) => `${d.horizon} ${d.type}: ${d.description} [${d.source}]`)
 */
export function draftActions(incident: IncidentContent): ActionDraft[] {
  const { drafts: factorDrafts, covered } = fromFactors(incident);
  const candidates = [...fromRootCauses(incident), ...factorDrafts, ...fromFishbone(incident, covered)];
  const existing = (incident.corrective_actions ?? []).map((a) => ({ source: a.source?.trim(), type: a.type, words: words(a.description) }));
  const kept: Array<{ d: ActionDraft; words: Set<string> }> = [];
  for (const d of candidates) {
    const w = words(d.description);
    // A source may give two drafts (a crash: its fix and a regression test): adopting one leaves the other.
    if (existing.some((a) => a.source === d.source && (a.type === undefined || a.type === d.type))) continue;
    if (existing.some((a) => similar(a.words, w))) continue;
    if (kept.some((k) => k.d.description === d.description || similar(k.words, w))) continue;
    kept.push({ d, words: w });
  }
  return kept.map((k) => k.d);
}
