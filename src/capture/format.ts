/** Number formatting shared by the renderers and the incident-record mapping. */

/**
 * Bytes in binary units, as `free -h` and `df -h` print them.
 * @example formatBytes(1610612736) === '1.50 GiB'
 */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(2)} ${units[i]}`;
}

/**
 * Bytes as GB (10^9 bytes) with two decimals, for the incident record's `_gb` fields: the form and the
 * post-mortem print them with the unit "GB", and hand-entered values follow that label, so GiB written
 * there would be read as GB (23.54 "GB" for 25.28 GB of RAM).
 * @example toGb(25_280_000_000) === 25.28
 */
export function toGb(bytes: number | null): number | null {
  return bytes === null ? null : Math.round((bytes / 1e9) * 100) / 100;
}

/**
 * A number with at most `digits` decimals, `n/a` when unknown.
 * @example formatNumber(12.3456) === '12.35'
 */
export function formatNumber(v: number | null, digits = 2): string {
  if (v === null) return 'n/a';
  if (Number.isInteger(v)) return String(v);
  const fixed = v.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A percentage, `n/a` when unknown. */
export function formatPct(v: number | null): string {
  return v === null ? 'n/a' : `${v.toFixed(1)}%`;
}

/**
 * Seconds as a short duration.
 * @example formatSeconds(93784) === '1d 2h 3m'
 */
export function formatSeconds(s: number | null): string {
  if (s === null) return 'n/a';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${Math.floor(s % 60)}s` : `${Math.floor(s)}s`;
}

/** Shortens a one-line value to `max` characters. */
export function clip(s: string, max = 500): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
