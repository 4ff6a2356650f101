/** Who is doing what, from where: every mutation carries one, and the audit trail records it. */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';

export const SOURCES = ['cli', 'api', 'import', 'webhook'] as const;
export type Source = (typeof SOURCES)[number];

export const ROLES = ['viewer', 'responder', 'reviewer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Context {
  actor: string;
  source: Source;
  requestId: string;
  /** Role of the actor; the local CLI user is an admin of their own store. */
  role: Role;
}

/** The context of a local CLI invocation: the OS user (or $PFA_ACTOR), with full rights on the local store. */
export function cliContext(source: Source = 'cli'): Context {
  let actor = process.env.PFA_ACTOR;
  if (!actor) {
    try {
      actor = userInfo().username;
    } catch {
      actor = 'unknown';
    }
  }
  return { actor, source, requestId: randomUUID(), role: 'admin' };
}

/** Whether `role` is at least `needed` on the viewer < responder < reviewer < approver < admin scale. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
