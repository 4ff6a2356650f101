/**
 * Sections the system-failure log lacks, in the same style, so that every field of the record has a
 * place in the text: record keeping, the post-mortem template's summary, 5 whys, impact, corrective
 * actions, timeline and its removed entries, milestones, review and links.
 */
import { choices } from '../schema/index.js';
import { block, cell, choice, gap, group, heading, inline, row, tsRow, type Section } from './spec.js';

export const recordSection: Section = {
  title: 'INCIDENT RECORD',
  items: [
    choice('KIND:', 'kind', choices.kind, { other: 'never' }),
    choice('STATUS:', 'status', choices.status, { other: 'never' }),
    tsRow('ENDED AT:', 'ended_at'),
    row('TAGS:', [cell('analysis.tags', 'list')]),
    row('CAPTURE SNAPSHOTS:', [cell('system_state.snapshots', 'list')]),
    tsRow('STATE CAPTURED AT:', 'system_state.captured_at'),
  ],
};

export const summarySection: Section = {
  title: 'POST-MORTEM SUMMARY',
  items: [
    block('DESCRIPTION:', 'summary.description', 2),
    gap,
    block('EXECUTIVE SUMMARY:', 'summary.executive_summary', 3),
    gap,
    inline('IMPACT HEADLINE:', 'summary.impact_headline'),
    inline('INCIDENT COMMANDER:', 'summary.incident_commander'),
    row('RESPONDERS:', [cell('summary.responders', 'list')]),
    gap,
    block('WHAT HAPPENED:', 'analysis.what_happened', 3),
    gap,
    group('5 WHYS:', 'analysis.five_whys', { type: 'numbered', path: 'question' }, {
      subs: [
        inline('Answer:', 'answer'),
        choice('Root Cause:', 'root_cause', choices.yesNo, { bool: true, other: 'never' }),
        inline('Step Id:', 'id'),
        inline('Follows Step:', 'parent'),
        row('Evidence:', [cell('evidence', 'list')]),
      ],
      blank: 1,
      gapAfterLabel: true,
      spaced: true,
    }),
    gap,
    group('KEY LESSONS LEARNED:', 'lessons.lessons_learned', { type: 'numbered', path: '_' }, { scalar: true, blank: 1 }),
  ],
};

export const postmortemImpactSection: Section = {
  title: 'POST-MORTEM IMPACT',
  items: [
    block('IMPACT SUMMARY:', 'impact.summary', 1),
    gap,
    block('TECHNICAL IMPACT:', 'impact.technical', 2),
    gap,
    block('FINANCIAL IMPACT:', 'impact.financial', 2),
    gap,
    block('CUSTOMER IMPACT:', 'impact.customer', 2),
    gap,
    block('FINANCIAL LOSS NOTES:', 'impact.trading.financial_loss_notes', 1),
    gap,
    heading('POST-MORTEM TRIGGERS:'),
    choice('Regulatory Reporting Required:', 'impact.regulatory_reporting_required', choices.yesNo, { bool: true, other: 'never' }),
    choice('Circuit Breaker Activated:', 'impact.circuit_breaker_activated', choices.yesNo, { bool: true, other: 'never' }),
    choice('Emergency Halt:', 'impact.emergency_halt', choices.yesNo, { bool: true, other: 'never' }),
  ],
};

export const correctiveSection: Section = {
  title: 'CORRECTIVE ACTIONS',
  items: [
    group(null, 'corrective_actions', { type: 'box', path: 'description', box: { mode: 'tristate', path: 'done' } }, {
      subs: [
        inline('Action Id:', 'id'),
        inline('Answers:', 'source'),
        choice('Type:', 'type', choices.actionType),
      ],
      indent: 4,
      heads: { path: 'horizon', set: choices.actionHorizon, otherLabel: 'OTHER HORIZON:', blankPer: [1, 1, 1] },
    }),
  ],
};

export const timelineSection: Section = {
  title: 'TIMELINE (UTC)',
  items: [
    group(null, 'timeline', { type: 'stamp', cell: cell('at', 'ts'), path: 'event' }, {
      subs: [
        row('Marker:', [cell('marker', 'choice', { choice: choices.marker })]),
        inline('Entry Id:', 'id'),
        inline('Event Type:', 'event_type'),
        choice('Source:', 'source', choices.timelineSource),
        choice('Pinned:', 'pinned', choices.yesNo, { bool: true, other: 'never' }),
        inline('Annotation:', 'annotation'),
        row('Evidence:', [cell('evidence', 'list')]),
      ],
      indent: 4,
      blank: 3,
    }),
  ],
};

/**
 * The timeline entries a curator removed (schema/exchange.ts), so that an exported form imported again
 * keeps them removed. The section always prints, blank when there are none: a form that has it says
 * how many there are (none included), one from before it existed says nothing (parse.ts).
 */
export const dismissalsSection: Section = {
  title: 'REMOVED TIMELINE ENTRIES (UTC)',
  items: [
    group(null, 'timeline_dismissals', { type: 'stamp', cell: cell('removed_at', 'ts'), path: 'entry_id' }, {
      subs: [inline('Removed By:', 'removed_by'), row('Keys:', [cell('keys', 'list')])],
      indent: 4,
      blank: 1,
    }),
  ],
};

const MI = 'milestones.';
const FB = 'analysis.fishbone.';
export const fishboneSection: Section = {
  title: 'FISHBONE (CAUSE AND EFFECT)',
  items: [
    inline('EFFECT:', `${FB}effect`),
    row('CATEGORIES:', [cell(`${FB}categories`, 'list')]),
    gap,
    group('CAUSES:', `${FB}causes`, { type: 'numbered', path: 'cause' }, {
      subs: [
        inline('Category:', 'category'),
        inline('Cause Id:', 'id'),
        inline('Factor:', 'factor'),
        row('Evidence:', [cell('evidence', 'list')]),
      ],
      blank: 2,
      gapAfterLabel: true,
      spaced: true,
    }),
  ],
};

export const milestonesSection: Section = {
  title: 'POST-MORTEM MILESTONES',
  items: [
    tsRow('Initial Timeline At:', `${MI}initial_timeline_at`),
    tsRow('Draft At:', `${MI}draft_at`),
    tsRow('Final At:', `${MI}final_at`),
    tsRow('Actions Started At:', `${MI}actions_started_at`),
    tsRow('Fixes Reviewed At:', `${MI}fixes_reviewed_at`),
  ],
};

export const reviewSection: Section = {
  title: 'POST-MORTEM REVIEW',
  items: [
    inline('Reviewed By:', 'review.reviewed_by'),
    inline('Date:', 'review.date'),
    choice('Approved:', 'review.approved', choices.yesNo, { bool: true, other: 'never' }),
  ],
};

export const supportingSection: Section = {
  title: 'SUPPORTING INFORMATION',
  items: [
    group(null, 'supporting.links', { type: 'item', item: inline('Link:', 'label') }, { subs: [inline('URL:', 'url')], indent: 0, blank: 1, spaced: true }),
  ],
};
