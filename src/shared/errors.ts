/**
 * The few error classes domain code may throw. Each carries a stable snake_case code that the HTTP
 * layer (server/problem.ts) and the CLI (cli/exit.ts) map in exactly one place each.
 */

/** Catalogue of stable error codes; documented in docs/errors.md (a test keeps the two in step). */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'version_conflict',
  'invalid_transition',
  'not_allowed',
  'unauthenticated',
  'payload_too_large',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  /** Dotted path of the offending field, empty for the whole input. */
  path: string;
  message: string;
}

export class PfaError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { issues?: ErrorIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.issues = opts.issues ?? [];
    this.details = opts.details ?? {};
  }
}

/** The input is malformed or breaks a rule of the schema. */
export class InputError extends PfaError {
  constructor(message: string, opts: { issues?: ErrorIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super('invalid_input', message, opts);
  }
}

export class NotFoundError extends PfaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not_found', message, { details });
  }
}

/** The thing exists already, or another writer changed it first. */
export class ConflictError extends PfaError {
  constructor(message: string, opts: { code?: 'conflict' | 'version_conflict' | 'invalid_transition'; details?: Record<string, unknown> } = {}) {
    super(opts.code ?? 'conflict', message, { details: opts.details ?? {} });
  }
}

/** The caller is known but its role does not allow the action. */
export class NotAllowedError extends PfaError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not_allowed', message, { details });
  }
}

/** No credentials, or credentials that match nothing. */
export class AuthenticationError extends PfaError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/** A dependency (database, Prometheus, Chromium…) could not be reached. */
export class UnavailableError extends PfaError {
  constructor(message: string, cause?: unknown) {
    super('unavailable', message, { cause });
  }
}

export function isPfaError(err: unknown): err is PfaError {
  return err instanceof PfaError;
}

/** What the system said about a path the user gave (a directory where a file was wanted, no permission…). */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'path too long',
};

/**
 * What a file system error code means in words, or undefined for a code that is not about a path.
 * @example fileErrorWords('EISDIR') === 'is a directory, not a file'
 */
export function fileErrorWords(code: string | undefined): string | undefined {
  return code === undefined ? undefined : FILE_ERRORS[code];
}

/**
 * Why a file system call failed, for a message: in words when the code is about a path, else the
 * code, else the error's message.
 * @example fsErrorText(Object.assign(new Error('x'), { code: 'EACCES' })) === 'permission denied'
 */
export function fsErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return fileErrorWords(code) ?? code ?? (err instanceof Error ? err.message : String(err));
}
