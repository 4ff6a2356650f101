/**
 * Which component (service, pod, host…) a series belongs to, so root causes can be ranked per
 * component as well as per series. Labels decide when present; a part of the name is only a fallback.
 */
import type { RankSeries } from './types.js';

/** Label keys naming a component, most specific to the domain first. */
export const COMPONENT_LABELS = ['service', 'service_name', 'component', 'app', 'job', 'container', 'pod', 'instance', 'host'] as const;

export interface ComponentOptions {
  /** Label keys to try in order; defaults to COMPONENT_LABELS. */
  labels?: readonly string[];
}

export interface ComponentOf {
  component: string;
  /** `label:<key>`, or `name_prefix`, `name_suffix` or `name_part` (see namePartOf). */
  groupedBy: string;
}

/**
 * Builds the component lookup for a set of series. A series is grouped by the first key of the list
 * that it carries and that tells series apart (a `job="kubelet"` shared by every cAdvisor series
 * would lump the whole cluster together, so a key that several series carry with one single value
 * is passed over unless nothing better exists). Series without any such label fall back to a part of
 * their name (see namePartOf): the first by convention (`carts_cpu`), another when the names say so.
 * @example
 * const of = componentResolver([{ name: 'carts_cpu', points: [] }]);
 * of({ name: 'carts_cpu', points: [] }) // → { component: 'carts', groupedBy: 'name_prefix' }
 */
export function componentResolver(series: readonly RankSeries[], { labels = COMPONENT_LABELS }: ComponentOptions = {}): (s: RankSeries) => ComponentOf {
  const distinct = new Map<string, Set<string>>();
  const carriers = new Map<string, number>();
  for (const s of series) {
    for (const key of labels) {
      const v = s.labels?.[key];
      if (v === undefined || v === '') continue;
      let set = distinct.get(key);
      if (!set) distinct.set(key, (set = new Set()));
      set.add(v);
      carriers.set(key, (carriers.get(key) ?? 0) + 1);
    }
  }
  // A key is passed over when several series carry it and all with the same value.
  const lumps = (key: string): boolean => (distinct.get(key)?.size ?? 0) === 1 && (carriers.get(key) ?? 0) > 1;
  const unlabelled = series.filter((s) => !labels.some((key) => (s.labels?.[key] ?? '') !== ''));
  const namePart = namePartOf(unlabelled.map((s) => s.name));
  return (s) => {
    let fallback: ComponentOf | null = null;
    for (const key of labels) {
      const v = s.labels?.[key];
      if (v === undefined || v === '') continue;
      if (!lumps(key)) return { component: v, groupedBy: `label:${key}` };
      fallback ??= { component: v, groupedBy: `label:${key}` };
    }
    return fallback ?? namePart(s.name);
  };
}

/**
 * The `<component>_<metric>` fallback: metric part of a selector up to the first underscore.
 * @example namePrefix('carts-db_mem') === 'carts-db'
 */
export function namePrefix(name: string): string {
  const brace = name.indexOf('{');
  const metric = brace >= 0 ? name.slice(0, brace) : name;
  const cut = metric.indexOf('_');
  return cut > 0 ? metric.slice(0, cut) : metric || name;
}

/** A name part: the `index`-th underscore-separated word, counted from the start or from the end. */
interface Part {
  fromEnd: boolean;
  index: number;
}

/**
 * Picks the part of unlabelled series names that names the component, from the names themselves:
 * the part that varies across series sharing the rest of the name (the metric), where the names form
 * a grid of components × metrics. For `cpu_percent_risk`, `latency_ms_risk`, `cpu_percent_router`…
 * that is the last word (`risk`, `router`), while grouping by the first would give `cpu` and
 * `latency` and hide the service. The first word, the `<component>_<metric>` convention, holds
 * unless another part forms a larger grid: two-word names are symmetric (`carts_cpu` could be read
 * either way) and a single service's names form no grid, so the convention decides there.
 * @example namePartOf(['cpu_pct_risk', 'cpu_pct_db', 'lat_ms_risk', 'lat_ms_db'])('cpu_pct_risk') // → { component: 'risk', groupedBy: 'name_suffix' }
 */
export function namePartOf(names: readonly string[]): (name: string) => ComponentOf {
  const words = [...new Set(names)].map(nameWords);
  const longest = Math.max(0, ...words.map((w) => w.length));
  let best: Part = { fromEnd: false, index: 0 };
  let bestScore = gridScore(words, best);
  // Candidates in order of preference: a later one must do strictly better to be chosen.
  for (let index = 0; index < longest; index++) {
    for (const fromEnd of [true, false]) {
      const score = gridScore(words, { fromEnd, index });
      if (score > bestScore) {
        best = { fromEnd, index };
        bestScore = score;
      }
    }
  }
  const chosen = best;
  const groupedBy = !chosen.fromEnd && chosen.index === 0 ? 'name_prefix' : chosen.fromEnd && chosen.index === 0 ? 'name_suffix' : 'name_part';
  return (name) => {
    const w = nameWords(name);
    const at = position(w.length, chosen);
    // A name too short for the chosen part (or of one word) keeps the convention.
    if (at === null) return { component: namePrefix(name), groupedBy: 'name_prefix' };
    return { component: w[at] as string, groupedBy };
  };
}

/** The metric part of a selector split at underscores (empty words dropped: `a__b`). */
function nameWords(name: string): string[] {
  const brace = name.indexOf('{');
  const metric = brace >= 0 ? name.slice(0, brace) : name;
  return metric.split('_').filter((w) => w !== '');
}

/** Index of a part in a name of `length` words; null when the name has no such part or only one word. */
function position(length: number, part: Part): number | null {
  if (length < 2 || part.index >= length) return null;
  return part.fromEnd ? length - 1 - part.index : part.index;
}

/**
 * How many names sit in a grid when `part` is the component: their metric (the name with the part
 * masked) occurs with at least two components, and their component with at least two metrics.
 */
function gridScore(words: readonly string[][], part: Part): number {
  const componentsOf = new Map<string, Set<string>>();
  const metricsOf = new Map<string, Set<string>>();
  const split: [string, string][] = [];
  for (const w of words) {
    const at = position(w.length, part);
    if (at === null) continue;
    const component = w[at] as string;
    const metric = `${w.length}:${w.map((x, i) => (i === at ? '*' : x)).join('_')}`;
    split.push([component, metric]);
    addTo(componentsOf, metric, component);
    addTo(metricsOf, component, metric);
  }
  return split.filter(([c, m]) => (componentsOf.get(m)?.size ?? 0) >= 2 && (metricsOf.get(c)?.size ?? 0) >= 2).length;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
