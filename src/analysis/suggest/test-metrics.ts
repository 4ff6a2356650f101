/**
 * Test data: a wide metric CSV of a few services where one series clearly leads — it steps up at the
 * onset while another rises later and by less, and the rest only wobble. Deterministic noise.
 */

export interface GeneratedMetrics {
  /** Rows before the onset. */
  normal: string;
  /** Rows from the onset. */
  anomalous: string;
  onsetSeconds: number;
}

/**
 * @example const { normal, anomalous } = leadingSeriesCsv({ onsetSeconds: 1764152855 });
 */
export function leadingSeriesCsv({ onsetSeconds, before = 120, after = 120, leader = 'db_cpu' }: { onsetSeconds: number; before?: number; after?: number; leader?: string }): GeneratedMetrics {
  let state = 42;
  const noise = () => {
    // Park–Miller LCG: the same wobble on every run.
    state = (state * 48271) % 2147483647;
    return state / 2147483647 - 0.5;
  };
  const columns = ['api_cpu', 'api_lat_99', 'db_cpu', 'db_mem', 'cache_cpu'];
  const header = `time,${columns.join(',')}`;
  const row = (i: number) => {
    const t = onsetSeconds - before + i;
    const since = t - onsetSeconds;
    const v: Record<string, number> = {
      api_cpu: 30 + 4 * noise(),
      // The symptom: latency rises ten seconds later, and less.
      api_lat_99: 0.01 + 0.002 * noise() + (since >= 10 ? 0.006 : 0),
      db_cpu: 20 + 4 * noise(),
      db_mem: 4e9 + 1e7 * noise(),
      cache_cpu: 5 + 2 * noise(),
    };
    if (since >= 0) v[leader] = (v[leader] ?? 0) * 4;
    return `${t},${columns.map((c) => (v[c] ?? 0).toFixed(6)).join(',')}`;
  };
  const rows = Array.from({ length: before + after }, (_, i) => row(i));
  return { normal: [header, ...rows.slice(0, before)].join('\n') + '\n', anomalous: [header, ...rows.slice(before)].join('\n') + '\n', onsetSeconds };
}
