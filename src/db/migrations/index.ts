/** Dated, reversible migrations, applied in name order. Never edit one that has shipped: add a new one. */
import type { Migration } from 'kysely';
import * as foundation from './2026-11-22-001-foundation.js';
import * as evidence from './2026-11-22-002-evidence.js';
import * as postmortem from './2026-11-23-003-postmortem.js';
import * as timelineDismissals from './2026-11-23-004-timeline-dismissals.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22-001-foundation': foundation,
  '2026-11-22-002-evidence': evidence,
  '2026-11-23-003-postmortem': postmortem,
  '2026-11-23-004-timeline-dismissals': timelineDismissals,
};
