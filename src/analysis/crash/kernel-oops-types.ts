/**
 * The shape of the kernel report catalogue: each entry is a header string that marks a report's
 * first line plus an ordered list of formats that turn the report text into a title.
 */
import type { CrashKind } from './types.js';
import type { StackFormat } from './kernel-stack.js';

export interface OopsFormat {
  /** Searched in the report text; the earliest-matching format wins, ties go to list order. */
  title: RegExp;
  /** Stricter regexp whose groups feed the title; no match means a corrupted report. */
  report?: RegExp;
  /** Title template: `{n}` is the n-th regexp group, then the guilty frames follow. */
  fmt: string;
  kind: CrashKind;
  stack?: StackFormat;
  /** The report legitimately has no stack trace (so its absence is not corruption). */
  noStackTrace?: boolean;
  /** Matching this format means the report's real header was lost. */
  corrupted?: boolean;
}

export interface Oops {
  /** Substring that marks a report line. */
  header: string;
  formats: OopsFormat[];
  /** Lines containing the header that are not reports. */
  suppressions: RegExp[];
}

/**
 * Fills `{n}` placeholders (1-based) of a title template.
 * @example formatTitle('WARNING in {2}', ['x', 'f']) === 'WARNING in f'
 */
export function formatTitle(fmt: string, args: readonly string[]): string {
  return fmt.replace(/\{(\d+)\}/g, (_, n: string) => args[Number(n) - 1] ?? '');
}
