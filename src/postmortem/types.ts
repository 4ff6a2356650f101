/**
 * What the post-mortem engines compute beside the record, and what the document renderers receive.
 * One shape shared by the pure engines (recovery, blameless, drafts), the review service and the renderers.
 */
import type { Incident, Marker } from '../incidents/schema/index.js';

/** Durations are nanoseconds as decimal strings (bigint-safe in JSON), with a human form beside them. */
export interface Span {
  ns: string;
  /** e.g. "12m 4.5s" */
  text: string;
}

export interface RecoveryFigures {
  /** Each marker's instant (RFC 3339) from the curated timeline, falling back to the record's own fields. */
  markers: Partial<Record<Marker, string>>;
  /** Where each marker came from: a timeline entry id, or a record field such as failure.first_indication_at. */
  marker_sources: Partial<Record<Marker, string>>;
  detection?: Span; // first_indication → detection
  diagnosis?: Span; // detection → diagnosis
  fix?: Span; // diagnosis → fix
  testing?: Span; // fix → verification
  total?: Span; // first_indication → recovery
  downtime?: Span; // complete failure (or first indication) → recovery
  rto: {
    component: string;
    objective: Span;
    /** Absent when there is no recovery marker yet. */
    actual?: Span;
    met?: boolean;
    /** actual − objective; negative means met with margin. */
    variance?: Span & { negative: boolean };
  };
  orders: {
    /** Counted from FIX evidence in the incident window; null when no FIX evidence was read. */
    failed: number | null;
    lost: number | null;
    /** The record's own figures (impact.trading), when filled. */
    recorded_failed?: number;
    recorded_lost?: number;
    sources: string[];
  };
  financial_loss_usd?: number;
  /** What could not be computed, and why (missing markers, markers out of order…). */
  notes: string[];
}

/** A narrative passage that assigns blame, with a blameless rewording. */
export interface BlameFinding {
  /** Dotted path of the field, with list indices: analysis.five_whys.2.answer */
  path: string;
  /** The matched phrase as written. */
  phrase: string;
  /** Up to ~120 characters around the phrase. */
  excerpt: string;
  rule: string;
  suggestion: string;
}

export type ActionType = 'detective' | 'preventive' | 'corrective';
export type ActionHorizon = 'immediate' | 'short_term' | 'long_term';

/** A corrective action proposed from a root cause, an accepted factor or a fishbone cause. */
export interface ActionDraft {
  description: string;
  type: ActionType;
  horizon: ActionHorizon;
  /** W… / F… / C… id it answers. */
  source: string;
  rationale: string;
}

export const REVIEW_STATES = ['draft', 'in_review', 'changes_requested', 'approved', 'published'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** One step of the review: who did what, in which role, when, on which version of the record. */
export interface ReviewEvent {
  action: 'submitted' | 'approved' | 'changes_requested' | 'published' | 'reopened';
  actor: string;
  role: string;
  at: string;
  incident_version: number;
  comment?: string;
}

export interface ReviewInfo {
  /** The effective state: an approval of an older version of the content is void. */
  state: ReviewState;
  /** Why the effective state differs from the stored one, if it does. */
  note?: string;
  /** Version number of the latest published post-mortem, if any. */
  published_version?: number;
  events: ReviewEvent[];
}

/** An evidence link resolved for display: the log line it points at, the series, the past incident… */
export interface ResolvedLink {
  link: string;
  /** Short human label: "app.log line 42", "incident SYS-20251001-002". */
  label: string;
  /** The line or value quoted, when the target could be read. */
  excerpt?: string;
  /** Why it could not be resolved. */
  error?: string;
}

/** Everything a renderer needs; renderers are pure functions of this. */
export interface PostmortemInput {
  incident: Incident;
  recovery: RecoveryFigures;
  blame: BlameFinding[];
  review: ReviewInfo;
  /** Keyed by the link string as written in the record. */
  links: Record<string, ResolvedLink>;
  /** Fishbone categories in drawing order (the record's, else the configured ones). */
  categories: string[];
  /** When the document was generated (RFC 3339). */
  generated_at: string;
}
