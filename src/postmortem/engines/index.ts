/**
 * Public entry of the post-mortem engines: recovery figures, the blameless check, corrective-action
 * drafts and the why-tree helpers. Pure functions of an incident record (and parsed FIX events).
 */
export { recoveryFigures, type RecoveryOptions } from './recovery.js';
export { countOrders, type OrderCounts, type OrderWindow } from './orders.js';
export { humanDuration, span } from './duration.js';
export { checkBlameless, narrativeKind } from './blameless.js';
export { findBlame, RULES as BLAME_RULES, type BlameHit } from './blame-rules.js';
export { peopleFrom, type People } from './grammar.js';
export { draftActions } from './drafts.js';
export { actionHorizon, actionType } from './action-rules.js';
export { idNumber, nextId, walkWhys, whyLeaves, whyTree, type WhyNode, type WhyTree, type WhyTreeIssue } from './whys.js';
