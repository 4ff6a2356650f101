/**
 * The root-cause workspace's shared pieces: evidence links, the 5-whys tree and the fishbone.
 * Evidence links are compact strings (`KIND:TARGET[#REF]`) so that they survive every export format,
 * the paper form included, and can be typed on a command line.
 */
import { z } from 'zod';
import { line, required, text } from './fields.js';

export const EVIDENCE_LINK_KINDS = ['log', 'metric', 'alert', 'order', 'system', 'crash', 'snapshot', 'timeline', 'incident', 'url'] as const;
export type EvidenceLinkKind = (typeof EVIDENCE_LINK_KINDS)[number];

export interface EvidenceLinkParts {
  kind: EvidenceLinkKind;
  /** Evidence id, timeline entry id, crash signature, incident id or URL. */
  target: string;
  /** Where in the target: `line 42`, a series selector… */
  ref?: string;
}

const LINK = new RegExp(`^(${EVIDENCE_LINK_KINDS.join('|')}):([^#\\s][^#]*?)(?:#(.+))?$`, 's');

/**
 * Splits an evidence link; null when it is not one. URLs keep their own `#fragment`.
 * @example parseEvidenceLink('log:file-1a2b3c-SYS-20251119-001#line 42') // { kind: 'log', target: 'file-…', ref: 'line 42' }
 */
export function parseEvidenceLink(s: string): EvidenceLinkParts | null {
  if (s.startsWith('url:')) return /^url:https?:\/\/\S+$/i.test(s) ? { kind: 'url', target: s.slice(4) } : null;
  const m = LINK.exec(s.trim());
  if (!m?.[1] || !m[2]) return null;
  const out: EvidenceLinkParts = { kind: m[1] as EvidenceLinkKind, target: m[2].trim() };
  if (m[3]?.trim()) out.ref = m[3].trim();
  return out;
}

const LINE_REF = /^line (\d+)$/;

/**
 * The line number of a link's `line N` reference, null for any other reference.
 * @example lineNumberOf('line 42') === 42
 */
export function lineNumberOf(ref: string | undefined): number | null {
  const m = ref === undefined ? null : LINE_REF.exec(ref);
  return m ? Number(m[1]) : null;
}

export function formatEvidenceLink(p: EvidenceLinkParts): string {
  return `${p.kind}:${p.target}${p.ref ? `#${p.ref}` : ''}`;
}

export const evidenceLinkSchema = line()
  .overwrite((s) => s.trim())
  .refine((s) => parseEvidenceLink(s) !== null, {
    message: `expected KIND:TARGET[#REF] with KIND one of ${EVIDENCE_LINK_KINDS.join(', ')}, e.g. log:file-1a2b3c-SYS-20251119-001#line 42`,
  })
  .meta({
    description:
      'Evidence link KIND:TARGET[#REF]: log|order|system:<evidence id>#line N, metric:<evidence id>#<series>, alert:<evidence id>, crash:<signature>, snapshot:<evidence id>, timeline:<entry id>, incident:<id>, url:<http(s) URL>.',
    examples: ['log:file-1a2b3c4d5e6f-SYS-20251119-001#line 42'],
  });
export const evidenceLinks = () => z.array(evidenceLinkSchema).max(50);

/** Short ids of workspace items: W1 (why), F1 (factor), C1 (fishbone cause), A1 (action), T1 (timeline entry). */
export const itemId = () => z.string().trim().regex(/^[A-Z]\d{1,6}$/, 'expected an item id such as W3, F1, C2, A4 or T17');

export const whyStepSchema = z.strictObject({
  /** Assigned by `pfa rca whys`; steps entered on the paper form may have none. */
  id: itemId().optional(),
  /** The step this one asks "why?" about; none for a first why. Several children make a tree. */
  parent: itemId().optional(),
  question: required(),
  answer: text().optional(),
  root_cause: z.boolean().optional(),
  evidence: evidenceLinks().optional(),
});
export type WhyStep = z.output<typeof whyStepSchema>;

/** The framework's six fishbone categories; a configuration may replace them. */
export const DEFAULT_FISHBONE_CATEGORIES = ['People', 'Process', 'Technology', 'Environment', 'Procedures', 'Tools'] as const;

export const fishboneCauseSchema = z.strictObject({
  id: itemId().optional(),
  category: line().min(1),
  cause: required(),
  /** The contributing factor (F…) this cause stands for, if any. */
  factor: itemId().optional(),
  evidence: evidenceLinks().optional(),
});
export type FishboneCause = z.output<typeof fishboneCauseSchema>;

export const fishboneSchema = z
  .strictObject({
    /** The categories drawn, in order; absent means the configured set. */
    categories: z.array(line().min(1)).max(20).optional(),
    /** The effect at the fish's head; absent means the incident title. */
    effect: line().optional(),
    causes: z.array(fishboneCauseSchema).max(300).optional(),
  })
  .meta({ id: 'Fishbone', description: 'Cause-and-effect (Ishikawa) diagram: causes by category, linked to evidence and factors.' });
export type Fishbone = z.output<typeof fishboneSchema>;
