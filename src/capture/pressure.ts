/**
 * Pressure stall information (`/proc/pressure/{cpu,memory,io}`, Linux ≥ 4.20 with PSI enabled) and its
 * mapping onto the form's Memory Pressure scale: None / Low / Medium / High / Critical.
 */
import type { Pressure, PressureLevel } from './schema.js';
import { fields, lines, round, toCount, toNumber } from './text.js';

export interface PsiLine {
  avg10: number;
  avg60: number;
  avg300: number;
  /** Cumulative stall time in microseconds. */
  totalUs: number | null;
}

export interface Psi {
  some: PsiLine | null;
  /** Absent on kernels before 5.13 for cpu. */
  full: PsiLine | null;
}

/**
 * Parses one pressure file.
 * @example parsePressure('some avg10=1.50 avg60=0.80 avg300=0.20 total=12345\n').some?.avg10 === 1.5
 */
export function parsePressure(text: string): Psi {
  const out: Psi = { some: null, full: null };
  for (const line of lines(text)) {
    const [kind, ...pairs] = fields(line);
    if (kind !== 'some' && kind !== 'full') continue;
    const kv = new Map(pairs.map((p) => p.split('=') as [string, string]));
    const avg10 = toNumber(kv.get('avg10'));
    const avg60 = toNumber(kv.get('avg60'));
    const avg300 = toNumber(kv.get('avg300'));
    if (avg10 === null || avg60 === null || avg300 === null) continue;
    out[kind] = { avg10, avg60, avg300, totalUs: toCount(kv.get('total')) };
  }
  return out;
}

/**
 * Thresholds of the scale, in percent of wall time over the last 10 s (`avg10`). The level is the highest
 * whose `some` or `full` threshold is reached. Anchors: Android's lmkd starts killing at 70 ms of partial
 * stall per second (7 % some), systemd-oomd's default kill limit is 60 % full; Critical sits below that
 * limit so a capture flags a host before the killer acts. `some` = at least one task stalled;
 * `full` = every non-idle task stalled at once, i.e. the host did no useful work.
 */
export const PRESSURE_THRESHOLDS: readonly { level: Exclude<PressureLevel, 'none'>; some: number; full: number }[] = [
  { level: 'low', some: 1, full: 0.5 },
  { level: 'medium', some: 7, full: 2 },
  { level: 'high', some: 25, full: 10 },
  { level: 'critical', some: 60, full: 40 },
];

/**
 * Maps PSI averages onto the form's scale (see PRESSURE_THRESHOLDS). Null when `some` is unknown.
 * @example pressureLevel({ some: 8, full: 0 }) === 'medium'
 */
export function pressureLevel({ some, full }: { some: number | null; full: number | null }): PressureLevel | null {
  if (some === null) return null;
  let level: PressureLevel = 'none';
  for (const t of PRESSURE_THRESHOLDS) if (some >= t.some || (full !== null && full >= t.full)) level = t.level;
  return level;
}

function intervalPct(a: PsiLine | null | undefined, b: PsiLine | null, elapsedMs: number): number | null {
  if (!a || !b || a.totalUs === null || b.totalUs === null || elapsedMs <= 0) return null;
  const d = b.totalUs - a.totalUs;
  if (d < 0) return null;
  return round(Math.min(100, (d / 1000 / elapsedMs) * 100));
}

/**
 * The snapshot's pressure record from the reading at the end of the interval and, when available, the
 * one at its start (for the stall share over the interval itself).
 * @example pressureRecord(parsePressure(t2), parsePressure(t1), 1000).level
 */
export function pressureRecord(end: Psi, start: Psi | null, elapsedMs: number): Pressure {
  return {
    some_avg10_pct: end.some?.avg10 ?? null,
    some_avg60_pct: end.some?.avg60 ?? null,
    some_avg300_pct: end.some?.avg300 ?? null,
    some_interval_pct: intervalPct(start?.some, end.some, elapsedMs),
    full_avg10_pct: end.full?.avg10 ?? null,
    full_avg60_pct: end.full?.avg60 ?? null,
    full_avg300_pct: end.full?.avg300 ?? null,
    full_interval_pct: intervalPct(start?.full, end.full, elapsedMs),
    level: pressureLevel({ some: end.some?.avg10 ?? null, full: end.full?.avg10 ?? null }),
  };
}
