/** JSON as pfa writes it everywhere: bigints (nanosecond instants) as strings, so that no digit is lost. */

/**
 * A `JSON.stringify` replacer writing bigints as strings.
 * @example JSON.stringify({ ns: 1n }, bigintsAsStrings) // '{"ns":"1"}'
 */
export const bigintsAsStrings = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);
