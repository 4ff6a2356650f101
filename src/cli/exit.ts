/** The one mapping from errors to CLI exit codes and one-line messages. */
import { fileErrorWords, isPfaError, type ErrorCode } from '../shared/errors.js';

/** 0 ok · 1 user error · 2 usage · 3 a dependency is unavailable · 4 internal error. */
export const EXIT = { ok: 0, user: 1, usage: 2, unavailable: 3, internal: 4 } as const;

const CODE_EXIT: Record<ErrorCode, number> = {
  invalid_input: EXIT.user,
  not_found: EXIT.user,
  conflict: EXIT.user,
  version_conflict: EXIT.user,
  invalid_transition: EXIT.user,
  not_allowed: EXIT.user,
  unauthenticated: EXIT.user,
  payload_too_large: EXIT.user,
  unavailable: EXIT.unavailable,
  internal: EXIT.internal,
};

export function exitCodeFor(err: unknown): number {
  if (isPfaError(err)) return CODE_EXIT[err.code];
  return fileProblem(err) ? EXIT.user : EXIT.internal;
}

/** One line, no stack: `pfa: <message>`; unexpected errors say so and point at --debug. */
export function messageFor(err: unknown): string {
  if (isPfaError(err)) return err.message;
  const file = fileProblem(err);
  if (file) return file;
  const msg = err instanceof Error ? err.message : String(err);
  return `internal error: ${msg.split('\n')[0] ?? ''} (run with --debug for details)`;
}

/**
 * The message for a file system error on a path the user named: their input, not our bug. Some
 * calls (a read on an open file descriptor) report no path; the message then says so rather than
 * naming a made-up "file" (commands check their paths first, see cli/input.ts requireFiles).
 * @example fileProblem(Object.assign(new Error(), { code: 'EISDIR', path: 'logs/' })) // 'logs/: is a directory, not a file'
 */
function fileProblem(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, path } = err as NodeJS.ErrnoException;
  const what = fileErrorWords(code);
  if (what === undefined) return undefined;
  return `${path ?? 'one of the paths given'}: ${what}`;
}
