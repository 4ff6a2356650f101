/**
 * Sample values as exporters write them, Go-style `NaN`/`+Inf` included. Non-finite values are
 * reported apart from garbage because Prometheus uses NaN legitimately (staleness markers).
 */

export type ValueRead = { ok: true; value: number } | { ok: false; reason: 'empty' | 'non_numeric' | 'non_finite' };

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Reads a value; finite numbers only, with the reason when refused.
 * @example readValue('1.5e3') // → { ok: true, value: 1500 }
 * @example readValue('NaN') // → { ok: false, reason: 'non_finite' }
 */
export function readValue(text: string): ValueRead {
  // Fast path for the common plain decimal cell: unary + is several times cheaper than trim + regex,
  // and the guards exclude what + accepts but a metric file should not (blanks, 0x/0b/0o, Infinity).
  const first = text.charCodeAt(0);
  const second = text.charCodeAt(1) | 0x20;
  const lastCode = text.charCodeAt(text.length - 1);
  if (((first >= 48 && first <= 57) || first === 45 || first === 46) && lastCode >= 48 && lastCode <= 57 && second !== 0x78 && second !== 0x62 && second !== 0x6f) {
    const v = +text;
    if (Number.isFinite(v)) return { ok: true, value: v };
  }
  const s = text.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  // Fast path: Number() accepts hex, binary and whitespace forms we do not want, so it only decides after the regex.
  if (NUMERIC.test(s)) {
    const value = Number(s);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'non_finite' };
  }
  if (NON_FINITE.test(s)) return { ok: false, reason: 'non_finite' };
  return { ok: false, reason: 'non_numeric' };
}
