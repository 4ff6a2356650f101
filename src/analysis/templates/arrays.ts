/**
 * Growing the typed arrays this folder keeps per line, signature or layout.
 */

type Grown = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/**
 * A copy of `a` with room for at least `min` elements (twice its length when that is more).
 * @example grown(new Int32Array([1, 2]), 3) // Int32Array [1, 2, 0, 0]
 */
export function grown<T extends Grown>(a: T, min: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
