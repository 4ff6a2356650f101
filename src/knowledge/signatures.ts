/**
 * The convention that ties incidents to crash signatures: an `analysis.tags` entry `crash:<signature>`.
 * Tags already feed the knowledge base, so no new field or migration is needed and users can add one by hand.
 */

/** Prefix of a crash-signature tag. */
export const CRASH_TAG_PREFIX = 'crash:';

/**
 * The tag that records a crash signature on an incident.
 * @example crashTag('4f2a9c01d3e7:segfault:parse_order') === 'crash:4f2a9c01d3e7:segfault:parse_order'
 */
export function crashTag(signature: string): string {
  return `${CRASH_TAG_PREFIX}${signature.trim()}`;
}

/**
 * The crash signatures recorded in a tag list, in order, without duplicates.
 * @example crashSignaturesOf(['memory', 'crash:ab:oom-kill:-']) // ['ab:oom-kill:-']
 */
export function crashSignaturesOf(tags: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const t of tags ?? []) {
    const s = t.trim();
    if (s.toLowerCase().startsWith(CRASH_TAG_PREFIX) && s.length > CRASH_TAG_PREFIX.length) out.add(s.slice(CRASH_TAG_PREFIX.length).trim());
  }
  return [...out];
}

/**
 * The tags that are not crash signatures (the free-form ones).
 * @example plainTags(['memory', 'crash:ab:oom-kill:-']) // ['memory']
 */
export function plainTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).filter((t) => !t.trim().toLowerCase().startsWith(CRASH_TAG_PREFIX));
}

/**
 * A tag list with the given signatures added (existing tags kept in place, new ones appended once).
 * @example withCrashTags(['memory'], ['ab:oom-kill:-']) // ['memory', 'crash:ab:oom-kill:-']
 */
export function withCrashTags(tags: readonly string[] | undefined, signatures: readonly string[]): string[] {
  const have = new Set(crashSignaturesOf(tags));
  const out = [...(tags ?? [])];
  for (const sig of signatures) {
    const s = sig.trim();
    if (s === '' || have.has(s)) continue;
    have.add(s);
    out.push(crashTag(s));
  }
  return out;
}
