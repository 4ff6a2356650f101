/**
 * What the document writers read: the record plus, for a post-mortem, the computed figures. The
 * plain record export (`pfa incident export --format md`) uses the same writers with only the record.
 */
import type { Incident } from '../../incidents/schema/index.js';
import type { BlameFinding, PostmortemInput, RecoveryFigures, ResolvedLink, ReviewInfo } from '../types.js';

export interface DocContext {
  inc: Incident;
  /** Resolved evidence links, keyed by the link as written; empty for a record export. */
  links: Readonly<Record<string, ResolvedLink>>;
  /** Fishbone categories in drawing order. */
  categories: readonly string[];
  /** Computed figures: absent in a record export, which shows the record's own. */
  recovery?: RecoveryFigures;
  review?: ReviewInfo;
  blame?: readonly BlameFinding[];
  generatedAt?: string;
  /** `post-mortem`: the framework's template, then the system-failure sections; `record`: every section, always. */
  mode: 'postmortem' | 'record';
  /** `html` leaves slots (the fishbone diagram) for the HTML renderer to fill. */
  target: 'md' | 'html';
}

/** The one sentinel paragraph the HTML renderer replaces with the fishbone SVG; user text can never produce it unescaped. */
export const FISHBONE_SLOT = '[[pfa:fishbone]]';

/**
 * Context of a post-mortem document.
 * @example postmortemContext(input, 'md').mode // 'postmortem'
 */
export function postmortemContext(input: PostmortemInput, target: 'md' | 'html'): DocContext {
  return {
    inc: input.incident,
    links: input.links,
    categories: input.categories,
    recovery: input.recovery,
    review: input.review,
    blame: input.blame,
    generatedAt: input.generated_at,
    mode: 'postmortem',
    target,
  };
}

/** The resolved form of an evidence link, if the caller resolved it. */
export function resolved(ctx: DocContext, linkText: string): ResolvedLink | undefined {
  return Object.hasOwn(ctx.links, linkText) ? ctx.links[linkText] : undefined;
}
