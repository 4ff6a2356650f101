/**
 * The audit trail's hash chain, pure: each entry's hash covers its content and the previous hash, so
 * editing, removing or reordering any entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  source: string;
  requestId: string | null;
  action: string;
  subject: string;
  /** JSON text of what changed, as stored. */
  changes: string;
  prevHash: string;
  hash: string;
}

/** Canonical text hashed for an entry: fixed field order, JSON-escaped. */
export function entryDigest(e: Omit<AuditEntry, 'hash'>): string {
  const body = JSON.stringify([e.seq, e.at, e.actor, e.source, e.requestId, e.action, e.subject, e.changes, e.prevHash]);
  return createHash('sha256').update(body).digest('hex');
}

export interface ChainProblem {
  seq: number;
  problem: 'edited' | 'missing' | 'reordered' | 'truncated';
  message: string;
}

/**
 * Checks a chain given in storage order, against the head (last seq and hash) kept beside it.
 * @example verifyChain(entries, { seq: 3, hash }).ok
 */
export function verifyChain(entries: AuditEntry[], head: { seq: number; hash: string }): { ok: boolean; checked: number; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      if (e.seq > expectedSeq) {
        problems.push({ seq: expectedSeq, problem: 'missing', message: `entries ${expectedSeq}..${e.seq - 1} are missing` });
      } else {
        problems.push({ seq: e.seq, problem: 'reordered', message: `entry ${e.seq} appears after ${expectedSeq - 1}` });
      }
    }
    if (entryDigest(e) !== e.hash) {
      problems.push({ seq: e.seq, problem: 'edited', message: `entry ${e.seq} does not match its hash (content edited)` });
    } else if (e.prevHash !== prevHash) {
      problems.push({ seq: e.seq, problem: 'reordered', message: `entry ${e.seq} does not follow the entry before it` });
    }
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
  }
  if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    problems.push({
      seq: head.seq,
      problem: 'truncated',
      message: `the chain ends at ${expectedSeq - 1} but the head records entry ${head.seq}: entries were removed from the end`,
    });
  }
  return { ok: problems.length === 0, checked: entries.length, problems };
}
