/**
 * Word overlap between incident texts (titles, root causes): tokens, TF-IDF weights over the
 * incidents scanned, and cosine similarity. Pure; small enough not to need a search engine.
 */

// Words that say nothing about a failure; without them "the" and "was" dominate short titles.
const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does due for from had has have how if in into is it its ' +
    'no not of on or our out over so than that the their then there these this those to too under up was we were what ' +
    'when where which while who why will with would after before during again also all any some more most very via per'
  ).split(' '),
);

/**
 * Lower-case word tokens of a text, without stopwords, bare numbers or one-letter words; a plural
 * `s` is dropped so that "timeouts" meets "timeout".
 * @example tokenize('Order gateways dropped 437 orders') // ['order', 'gateway', 'dropped', 'order']
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(raw.length > 3 && raw.endsWith('s') && !/(ss|us|is)$/.test(raw) ? raw.slice(0, -1) : raw);
  }
  return out;
}

/** Term counts of a text. */
export type TermCounts = ReadonlyMap<string, number>;

/**
 * @example termCounts(['order', 'order', 'gateway']).get('order') === 2
 */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Inverse document frequency of every term of a corpus, with a fallback for unseen terms. */
export interface Idf {
  weight(term: string): number;
}

/**
 * Smoothed IDF, ln((N + 1) / (df + 1)) + 1: never zero, so a word every incident shares still
 * counts a little, and a word no incident has (only in the query) weighs the most.
 * @example idfOf([termCounts(['dns']), termCounts(['oom'])]).weight('dns') > idfOf([termCounts(['dns']), termCounts(['dns'])]).weight('dns')
 */
export function idfOf(docs: Iterable<TermCounts>): Idf {
  const df = new Map<string, number>();
  let n = 0;
  for (const d of docs) {
    n++;
    for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { weight: (term) => Math.log((n + 1) / ((df.get(term) ?? 0) + 1)) + 1 };
}

/** A text as TF-IDF weights with its norm, computed once per document. */
export interface WeightedText {
  weights: ReadonlyMap<string, number>;
  norm: number;
}

/**
 * Sub-linear term frequency (1 + ln tf) times IDF, so a word repeated in a long root cause does not swamp the rest.
 * @example weigh(termCounts(tokenize('DNS resolver timeout')), idf).norm > 0
 */
export function weigh(counts: TermCounts, idf: Idf): WeightedText {
  const weights = new Map<string, number>();
  let sq = 0;
  for (const [t, c] of counts) {
    const w = (1 + Math.log(c)) * idf.weight(t);
    weights.set(t, w);
    sq += w * w;
  }
  return { weights, norm: Math.sqrt(sq) };
}

/**
 * Cosine similarity of two weighted texts (0 when either is empty), with the shared words that
 * contribute most, for explaining a match.
 * @example cosine(weigh(a, idf), weigh(a, idf)).score === 1
 */
export function cosine(a: WeightedText, b: WeightedText, { topWords = 5 }: { topWords?: number } = {}): { score: number; words: string[] } {
  if (a.norm === 0 || b.norm === 0) return { score: 0, words: [] };
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  const shared: [string, number][] = [];
  for (const [t, w] of small.weights) {
    const v = large.weights.get(t);
    if (v === undefined) continue;
    dot += w * v;
    shared.push([t, w * v]);
  }
  shared.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  // Rounding can push a self-match a hair above 1.
  return { score: Math.min(1, dot / (a.norm * b.norm)), words: shared.slice(0, topWords).map(([t]) => t) };
}

/**
 * How much of a query's weight a text holds: the weighted share of the query's words found in it
 * (1 when all are). Cosine punishes a long incident text for the words a short query lacks; a
 * person searching "memory leak" wants the incidents that mention both, however long their text.
 * @example coverage(weigh(termCounts(['memory', 'leak']), idf), weigh(termCounts(['memory', 'leak', 'order', 'book']), idf)) === 1
 */
export function coverage(query: WeightedText, text: WeightedText): number {
  if (query.norm === 0) return 0;
  let found = 0;
  for (const [t, w] of query.weights) if (text.weights.has(t)) found += w * w;
  return found / (query.norm * query.norm);
}
