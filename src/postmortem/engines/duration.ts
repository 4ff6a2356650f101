/**
 * Human forms of nanosecond durations for the post-mortem ("12m 4.5s"): exact values stay in the
 * `ns` string beside them, so the text may round to what a reader can use.
 */
import { NS_PER_DAY, NS_PER_HOUR, NS_PER_MIN, NS_PER_MS, NS_PER_S, NS_PER_US } from '../../shared/time.js';
import type { Span } from '../types.js';

/** Fraction digits, without trailing zeros: frac(500, 3) === '.5', frac(0, 3) === ''. */
function fraction(value: bigint, digits: number): string {
  if (value === 0n) return '';
  const s = value.toString().padStart(digits, '0').replace(/0+$/, '');
  return s ? `.${s}` : '';
}

/**
 * A duration as days, hours, minutes and seconds with the seconds' fraction to the millisecond
 * (truncated, never rounded up into the next unit); under a second in ms, µs or ns. Zero parts are omitted.
 * shared/time's formatDuration keeps only two parts, which drops the "4.5s" of "12m 4.5s".
 * @example humanDuration(724_500_000_000n) === '12m 4.5s'
 */
export function humanDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  let rest = ns < 0n ? -ns : ns;
  if (rest < NS_PER_US) return `${sign}${rest}ns`;
  if (rest < NS_PER_MS) return `${sign}${rest / NS_PER_US}${fraction((rest % NS_PER_US), 3)}µs`;
  if (rest < NS_PER_S) return `${sign}${rest / NS_PER_MS}${fraction((rest % NS_PER_MS) / NS_PER_US, 3)}ms`;
  const parts: string[] = [];
  for (const [unit, size] of [['d', NS_PER_DAY], ['h', NS_PER_HOUR], ['m', NS_PER_MIN]] as const) {
    if (rest >= size) {
      parts.push(`${rest / size}${unit}`);
      rest %= size;
    }
  }
  const seconds = rest / NS_PER_S;
  const millis = (rest % NS_PER_S) / NS_PER_MS;
  if (seconds > 0n || millis > 0n) parts.push(`${seconds}${fraction(millis, 3)}s`);
  return sign + parts.join(' ');
}

/**
 * A span from a nanosecond count.
 * @example span(90_000_000_000n) // { ns: '90000000000', text: '1m 30s' }
 */
export function span(ns: bigint): Span {
  return { ns: ns.toString(), text: humanDuration(ns) };
}
