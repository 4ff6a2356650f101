/**
 * Time zones for timestamps written without one: UTC, fixed offsets and IANA names. IANA offsets
 * come from Intl.DateTimeFormat; a local time in a DST gap or overlap has zero or two instants,
 * so the zone returns every candidate and the caller picks (e.g. the one that keeps time moving forward).
 */
import { InputError } from '../../shared/errors.js';

const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;

export interface Zone {
  readonly name: string;
  /** Offset from UTC in minutes at a UTC instant (ms). */
  offsetAt(utcMs: number): number;
  /**
   * UTC instants (ms, ascending) whose local time is `wallMs` (a local time read as if it were UTC).
   * One normally; two in a DST overlap; in a gap, the one the pre-transition offset gives.
   */
  toUtc(wallMs: number): number[];
}

const FIXED = /^(?:UTC|GMT|Z)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * Builds a zone from `UTC`, `Z`, a fixed offset (`+02:00`, `-0530`, `UTC+2`) or an IANA name.
 * @example createZone('America/New_York').toUtc(Date.UTC(2025, 6, 1, 12)) // → [Date.UTC(2025, 6, 1, 16)]
 */
export function createZone(tz = 'UTC'): Zone {
  const name = tz.trim();
  if (/^(?:utc|gmt|z)$/i.test(name) || name === '') return fixedZone('UTC', 0);
  const m = FIXED.exec(name);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
    if (minutes > 18 * 60) throw new InputError(`invalid time zone "${tz}": offset beyond ±18:00`);
    return fixedZone(name, m[1] === '-' ? -minutes : minutes);
  }
  return ianaZone(name);
}

function fixedZone(name: string, minutes: number): Zone {
  const list = (wallMs: number): number[] => [wallMs - minutes * MS_PER_MIN];
  return { name, offsetAt: () => minutes, toUtc: list };
}

function ianaZone(name: string): Zone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
  } catch (err) {
    throw new InputError(`invalid time zone "${name}": expected UTC, an offset like +02:00, or an IANA name like Europe/London`, { cause: err });
  }
  // Log lines come in runs of nearby times: caching per minute makes the Intl call rare.
  const offsets = new Map<number, number>();
  const results = new Map<number, number[]>();

  const offsetAt = (utcMs: number): number => {
    const key = Math.floor(utcMs / MS_PER_MIN);
    const hit = offsets.get(key);
    if (hit !== undefined) return hit;
    if (offsets.size > 50_000) offsets.clear();
    const at = key * MS_PER_MIN;
    const f: Record<string, number> = {};
    let bc = false;
    for (const p of format.formatToParts(new Date(at))) {
      if (p.type === 'era') bc = p.value === 'BC' || p.value === 'B';
      else if (p.type !== 'literal') f[p.type] = Number(p.value);
    }
    const year = bc ? 1 - (f.year ?? 0) : (f.year ?? 1970);
    const local = Date.UTC(year, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
    const off = Math.round((local - at) / MS_PER_MIN);
    offsets.set(key, off);
    return off;
  };

  const toUtc = (wallMs: number): number[] => {
    const key = Math.floor(wallMs / MS_PER_MIN);
    const rest = wallMs - key * MS_PER_MIN;
    let base = results.get(key);
    if (!base) {
      base = candidates(key * MS_PER_MIN, offsetAt);
      if (results.size > 50_000) results.clear();
      results.set(key, base);
    }
    return base.length === 1 ? [base[0]! + rest] : base.map((b) => b + rest);
  };
  return { name, offsetAt, toUtc };
}

// Transitions are far more than a day apart, so the offsets a day before and after bracket any
// transition near `wallMs`; a candidate offset is valid when the instant it gives maps back to it.
function candidates(wallMs: number, offsetAt: (utcMs: number) => number): number[] {
  const before = offsetAt(wallMs - MS_PER_DAY);
  const after = offsetAt(wallMs + MS_PER_DAY);
  const out: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const utc = wallMs - off * MS_PER_MIN;
    if (offsetAt(utc) === off) out.push(utc);
  }
  if (out.length === 0) {
    // A gap (clocks jumped forward): read the time with the offset in force before the jump,
    // which lands it just after the transition, as the clock on the wall would have shown.
    out.push(wallMs - before * MS_PER_MIN);
  }
  return out.sort((a, b) => a - b);
}
