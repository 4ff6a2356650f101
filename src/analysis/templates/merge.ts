/**
 * Merges a rare template into a much more common, shorter one whose wildcards can absorb the extra
 * tokens: variable-length parameter lists ("name a b c" against "name <*>") otherwise end up in
 * their own template. Same-length templates are left to the column logic in cluster.ts.
 */
import { WILDCARD } from './mask.js';

export interface MergeOptions {
  /** A template is absorbed only if it has at most this share of the lines of the one that absorbs it. */
  maxShare?: number;
  /** The absorbing template needs at least this many constant tokens holding a letter. */
  minConstants?: number;
}

/**
 * Returns for each template the index of the template it folds into (itself if none).
 * @example foldTemplates([['source', 'name', '<*>'], ['source', 'name', 'a', 'b']], [40, 1]) // [0, 0]
 */
export function foldTemplates(templates: readonly string[][], counts: ArrayLike<number>, options: MergeOptions = {}): Int32Array {
  const { maxShare = 0.1, minConstants = 2 } = options;
  const into = new Int32Array(templates.length).map((_, i) => i);
  // index candidate absorbers by their first constant token
  const byFirst = new Map<string, number[]>();
  const patterns: (string[] | undefined)[] = templates.map((t, i) => {
    const constants = t.filter((tok) => !tok.includes(WILDCARD) && /[A-Za-z]/.test(tok));
    if (constants.length < minConstants || !t.some((tok) => tok.includes(WILDCARD))) return undefined;
    const first = constants[0] as string;
    const list = byFirst.get(first);
    if (list) list.push(i);
    else byFirst.set(first, [i]);
    return t.join(' ').split(WILDCARD);
  });
  templates.forEach((b, bi) => {
    const text = b.join(' ');
    let best = -1;
    let bestLiteral = -1;
    for (const tok of new Set(b)) {
      for (const ai of byFirst.get(tok) ?? []) {
        const a = templates[ai] as string[];
        if (ai === bi || a.length >= b.length || (counts[bi] as number) > maxShare * (counts[ai] as number)) continue;
        const segs = patterns[ai] as string[];
        const literal = segs.reduce((n, s) => n + s.length, 0);
        if (literal > bestLiteral && globMatch(segs, text)) [best, bestLiteral] = [ai, literal];
      }
    }
    if (best >= 0) into[bi] = best;
  });
  // follow chains so every template points at a root
  for (let i = 0; i < into.length; i++) {
    let r = into[i] as number;
    while (into[r] !== r) r = into[r] as number;
    into[i] = r;
  }
  return into;
}

/** Whether `text` matches literal segments joined by wildcards that each match one or more characters. */
function globMatch(segs: readonly string[], text: string): boolean {
  const first = segs[0] as string;
  const last = segs[segs.length - 1] as string;
  if (!text.startsWith(first)) return false;
  let pos = first.length;
  for (let k = 1; k < segs.length - 1; k++) {
    const seg = segs[k] as string;
    const at = text.indexOf(seg, pos + 1);
    if (at < 0) return false;
    pos = at + seg.length;
  }
  return text.length - last.length >= pos + 1 && text.endsWith(last);
}
