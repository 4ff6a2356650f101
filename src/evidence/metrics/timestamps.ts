/**
 * Timestamps as metric files write them: RFC 3339, or epoch numbers whose unit (s, ms, µs, ns) is
 * read from their magnitude. Decimal text is converted exactly, so `1652565600.000123` keeps its µs.
 */
import { NS_PER_MS, NS_PER_S, NS_PER_US, parseTimestamp } from '../../shared/time.js';
import type { TimeUnit } from './types.js';

export const UNIT_NS: Record<Exclude<TimeUnit, 'rfc3339'>, bigint> = { s: NS_PER_S, ms: NS_PER_MS, us: NS_PER_US, ns: 1n };

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;
const EPOCHISH = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Unit of an epoch number judged by its size: present-day instants are ~1.7e9 s, ~1.7e12 ms,
 * ~1.7e15 µs, ~1.7e18 ns, and the decades between the thresholds keep every unit unambiguous
 * from 1973 to 5138.
 * @example epochUnit(1652565600) === 's'; epochUnit(1652565600123) === 'ms'
 */
export function epochUnit(value: number): Exclude<TimeUnit, 'rfc3339'> {
  const a = Math.abs(value);
  if (a < 1e11) return 's';
  if (a < 1e14) return 'ms';
  if (a < 1e17) return 'us';
  return 'ns';
}

/** True when the text looks like an epoch number rather than a calendar timestamp. */
export function isEpochText(text: string): boolean {
  return EPOCHISH.test(text);
}

/**
 * Converts decimal text in `unit` to nanoseconds exactly; exponent forms go through a double.
 * Returns null for text that is not a number.
 * @example decimalToNs('1652565600.5', 's') === 1652565600500000000n
 */
export function decimalToNs(text: string, unit: Exclude<TimeUnit, 'rfc3339'>): bigint | null {
  const size = UNIT_NS[unit];
  const m = DECIMAL.exec(text);
  if (m) {
    const [, sign, whole = '0', frac = ''] = m;
    let ns = BigInt(whole) * size;
    if (frac) {
      const digits = size.toString().length - 1;
      ns += BigInt(frac.slice(0, digits).padEnd(digits, '0') || '0');
    }
    return sign === '-' ? -ns : ns;
  }
  if (!EPOCHISH.test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  return BigInt(Math.round(n * Number(size)));
}

/**
 * Reads one time cell. A numeric cell uses `unit` when given, else the unit its magnitude implies;
 * any other text must be RFC 3339. Returns null when the cell is not a time.
 * @example parseTimeCell('2022-05-14T22:00:00Z') // → { ns: 1652565600000000000n, unit: 'rfc3339' }
 */
export function parseTimeCell(text: string, unit?: Exclude<TimeUnit, 'rfc3339'>): { ns: bigint; unit: TimeUnit } | null {
  const s = text.trim();
  if (s === '') return null;
  if (isEpochText(s)) {
    const u = unit ?? epochUnit(Number(s));
    const ns = decimalToNs(s, u);
    return ns === null ? null : { ns, unit: u };
  }
  try {
    return { ns: parseTimestamp(s).ns, unit: 'rfc3339' };
  } catch {
    return null;
  }
}
