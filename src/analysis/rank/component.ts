/**
 * Which component (service, pod, host…) a series belongs to, so root causes can be ranked per
 * component as well as per series. Labels decide when present; the name prefix is only a fallback.
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
  /** `label:<key>` or `name_prefix`. */
  groupedBy: string;
}

/**
 * Builds the component lookup for a set of series. A series is grouped by the first key of the list
 * that it carries and that tells series apart (a `job="kubelet"` shared by every cAdvisor series
 * would lump the whole cluster together, so a key that several series carry with one single value
 * is passed over unless nothing better exists). Series without any such label fall back to the name convention
 * `<component>_<metric>`: the part before the first underscore (the whole name when there is none).
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
  return (s) => {
    let fallback: ComponentOf | null = null;
    for (const key of labels) {
      const v = s.labels?.[key];
      if (v === undefined || v === '') continue;
      if (!lumps(key)) return { component: v, groupedBy: `label:${key}` };
      fallback ??= { component: v, groupedBy: `label:${key}` };
    }
    return fallback ?? { component: namePrefix(s.name), groupedBy: 'name_prefix' };
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
