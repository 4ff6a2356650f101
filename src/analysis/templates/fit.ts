/**
 * Fitting a token sequence to known templates between two groupings: templates are indexed by
 * length and first token, and a sequence fits a template whose wildcards absorb its differences.
 */
import { WILDCARD } from './chars.js';

/**
 * Index key of a token sequence: its length and first token, any token holding a wildcard counting as one.
 * @example shapeKey(3, 'took') // '3\u0001took'
 */
export function shapeKey(length: number, first: string): string {
  return `${length}\u0001${first.includes(WILDCARD) ? WILDCARD : first}`;
}

/**
 * Whether tokens fit a template position by position: equal, or matching the template's wildcards.
 * @example tokensFit(['took', '<*>', 'ms'], ['took', '12', 'ms']) // true
 */
export function tokensFit(template: readonly string[], tokens: readonly string[]): boolean {
  for (let p = 0; p < template.length; p++) {
    const t = template[p] as string;
    const v = tokens[p] as string;
    if (t === v) continue;
    if (!t.includes(WILDCARD)) return false;
    const [head = '', ...rest] = t.split(WILDCARD);
    const tail = rest.length > 0 ? (rest[rest.length - 1] as string) : '';
    if (!v.startsWith(head) || !v.endsWith(tail) || v.length < head.length + tail.length) return false;
  }
  return true;
}
