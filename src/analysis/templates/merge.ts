/**
 * Merges a rare template into a much more common one, as long or shorter (a run of wildcards counting
 * as one), whose wildcards can absorb its extra or differing tokens: variable-length parameter lists
 * ("name a b c" against "name <*> <*>"; the masking keeps one wildcard per token, so lists of
 * different lengths reach this point as different templates),
 * and a value seen once whose column the clustering kept as a constant ("program IMB-MPI1" beside
 * 29 lines of "program <*>"), otherwise end up in templates of their own.
 */
import { isUnitToken } from './columns.js';
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
  // a run of wildcards stands for a list of any length ("name a b c" against "name <*> <*>")
  const shapes = templates.map(collapseRuns);
  const patterns: (string[] | undefined)[] = shapes.map((t, i) => {
    const constants = wordConstants(t);
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
        const a = shapes[ai] as string[];
        if (ai === bi || a.length > b.length || (counts[bi] as number) > maxShare * (counts[ai] as number)) continue;
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

/**
 * A template with each run of wholly variable tokens (`<*>`, `<*>:<*>`) as one wildcard, which matches
 * one token or more.
 * @example collapseRuns(['name', '<*>', '<*>:<*>', 'left']) // ['name', '<*>', 'left']
 */
function collapseRuns(template: readonly string[]): string[] {
  const out: string[] = [];
  for (const tok of template) {
    if (isBare(tok) && out.length > 0 && isBare(out[out.length - 1] as string)) out[out.length - 1] = WILDCARD;
    else out.push(tok);
  }
  return out;
}

/** A token of wildcards and the punctuation between them only. */
function isBare(tok: string): boolean {
  return tok.startsWith(WILDCARD) && tok.endsWith(WILDCARD) && !/[A-Za-z0-9]/.test(tok.split(WILDCARD).join(''));
}

/**
 * Merges templates that differ only in how many wholly variable tokens stand in a run: one event with
 * a list of varying length ("IRQs <*> <*>", "IRQs <*> <*> <*>"). A merged group is written with each
 * run as one wildcard ("IRQs <*>"); a template alone keeps one wildcard per token, so adjacent values
 * of a fixed shape ("duration: <*> <*> active", a duration then a count) do not read as one. (The
 * masking used to collapse runs in every line, which also blurred the fixed shapes.)
 * Returns the merged templates, in order of first member, and for each template its merged index.
 * @example mergeRuns([['IRQs', '<*>'], ['IRQs', '<*>', '<*>'], ['took', '<*>', '<*>']]).templates // [['IRQs', '<*>'], ['took', '<*>', '<*>']]
 */
export function mergeRuns(templates: readonly string[][]): { templates: string[][]; of: Int32Array } {
  const of = new Int32Array(templates.length);
  const byKey = new Map<string, number>();
  const merged: string[][] = [];
  templates.forEach((t, i) => {
    const collapsed = collapseRuns(t);
    const key = collapsed.join(' ');
    const m = byKey.get(key);
    if (m === undefined) {
      byKey.set(key, merged.length);
      of[i] = merged.length;
      merged.push(t.slice());
      return;
    }
    of[i] = m;
    if ((merged[m] as string[]).length !== t.length) merged[m] = collapsed; // lengths differ: the run is a list
  });
  return { templates: merged, of };
}

/** The constant tokens of a template that hold a letter: what tells events apart. */
function wordConstants(template: readonly string[]): string[] {
  return template.filter((tok) => !tok.includes(WILDCARD) && /[A-Za-z]/.test(tok));
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

/**
 * A template with every written quantity reduced to one wildcard: a token that is a wildcard with at
 * most punctuation around it becomes `<*>`, a unit word right after one is dropped ("bytes", "KB)",
 * "sec") and runs of wildcards collapse. So "<*> bytes (<*> KB) sent" and "<*> bytes sent" (a size with or without its rounded form), or
 * "lifetime <*>:<*>" and "lifetime <<*> sec", get the same key: one event whose quantity is
 * written in several ways that tokenize to different lengths.
 * @example quantityKey(['sent', '<*>', 'bytes', '(<*>', 'KB)']) === 'sent <*>'
 */
export function quantityKey(template: readonly string[]): string {
  const out: string[] = [];
  let afterVariable = false;
  for (const tok of template) {
    // only a bare quantity ("<*>", "(<*>", "<*>:<*>"); "uid=<*>" keeps its key
    if (tok.includes(WILDCARD) && !/[A-Za-z]/.test(tok.split(WILDCARD).join(''))) {
      if (!afterVariable) out.push(WILDCARD);
      afterVariable = true;
    } else if (!(afterVariable && isUnitToken(tok))) {
      out.push(tok);
      afterVariable = false;
    }
  }
  return out.join(' ');
}

/**
 * Folds templates (roots of `into`, updated in place) that have the same {@link quantityKey} into the
 * most frequent of them. Only keys with at least `minConstants` constant tokens holding a letter
 * take part, so that no two templates merge on their wildcards alone.
 * @example foldQuantities([['a', 'b', '<*>', 'sec'], ['a', 'b', '<*>:<*>']], [3, 5], Int32Array.of(0, 1)) // [1, 1]
 */
export function foldQuantities(templates: readonly string[][], counts: ArrayLike<number>, into: Int32Array, minConstants = 2): Int32Array {
  const best = new Map<string, number>();
  const keys: (string | undefined)[] = [];
  for (let i = 0; i < templates.length; i++) {
    if (into[i] !== i) continue;
    const t = templates[i] as string[];
    if (wordConstants(t).length < minConstants) continue;
    const key = quantityKey(t);
    keys[i] = key;
    const b = best.get(key);
    if (b === undefined || (counts[i] as number) > (counts[b] as number)) best.set(key, i);
  }
  for (let i = 0; i < templates.length; i++) {
    const key = keys[i];
    if (key !== undefined) into[i] = best.get(key) as number;
  }
  for (let i = 0; i < into.length; i++) into[i] = into[into[i] as number] as number;
  return into;
}
