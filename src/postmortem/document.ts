/**
 * Assembles what the renderers need for one incident: recovery figures (with orders counted from
 * its FIX evidence), blameless-language findings, the review record, resolved evidence links and
 * the fishbone categories. Reads only.
 */
import { materialize, type Materialized } from '../evidence/files.js';
import type { Evidence } from '../evidence/schema.js';
import { buildTimeline, type TimelineEvent } from '../evidence/timeline/index.js';
import type { Incident } from '../incidents/schema/index.js';
import type { Deps } from '../incidents/service.js';
import { nowTimestamp, parseInstant } from '../shared/time.js';
import { checkBlameless, recoveryFigures } from './engines/index.js';
import { fishboneOf, renderFishboneSvg } from './render/index.js';
import { getReview } from './review/service.js';
import type { PostmortemInput } from './types.js';
import { fishboneCategories } from './workspace/fishbone.js';
import { attachedEvidence, resolveLinks } from './workspace/links.js';

/** FIX order events of the incident's FIX evidence within its window; null when it has none. */
async function fixEventsOf(inc: Incident, attached: readonly Evidence[]): Promise<{ events: TimelineEvent[]; sources: string[] } | null> {
  const copies: Materialized[] = [];
  const names: string[] = [];
  try {
    for (const e of attached) {
      if (e.kind !== 'file' || e.metadata.source_kind !== 'fix') continue;
      const m = await materialize(e);
      if (m) {
        copies.push(m);
        names.push(e.name);
      }
    }
    if (copies.length === 0) return null;
    const start = parseInstant(inc.started_at);
    const end = inc.ended_at ? parseInstant(inc.ended_at) : { ns: start.ns, digits: 9 };
    const t = await buildTimeline(copies.map((m) => m.path), { start, end, before: '0s', after: '0s' });
    return { events: t.events.filter((e) => e.source === 'order'), sources: names };
  } finally {
    await Promise.all(copies.map((m) => m.release()));
  }
}

/**
 * Everything the post-mortem document shows beside the record itself.
 * @example const input = await postmortemInput(deps, await getIncident(deps, id)); renderPostmortemMarkdown(input);
 */
export async function postmortemInput(deps: Deps, inc: Incident): Promise<PostmortemInput> {
  const attached = await attachedEvidence(deps, inc.id);
  const fix = await fixEventsOf(inc, attached);
  return {
    incident: inc,
    recovery: recoveryFigures(inc, { rto: deps.config.rto, fixEvents: fix?.events ?? null, fixSources: fix?.sources ?? [] }),
    blame: checkBlameless(inc),
    review: await getReview(deps, inc.id),
    links: await resolveLinks(deps, inc, undefined, attached),
    categories: fishboneCategories(inc.analysis?.fishbone, deps.config.fishbone.categories),
    generated_at: nowTimestamp(),
  };
}

/** The fishbone of an incident as SVG: the same diagram as the post-mortem document's. */
export function fishboneSvgFor(inc: Incident, categories: string[]): string {
  return renderFishboneSvg(fishboneOf({ incident: inc, categories }));
}
