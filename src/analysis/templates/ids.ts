/**
 * Template ids: a short hash of the template text, so the same template gets the same id in every
 * run, on every machine and in every process, whatever order the lines came in.
 */

/**
 * A 12-hex-digit id (48 bits: FNV-1a and a polynomial hash of the UTF-16 text).
 * @example templateIdOf('Served block <*> to <*>') // 'T' followed by 12 hex digits, always the same
 */
export function templateIdOf(text: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x2545f491;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = (Math.imul(h2, 31) + c) | 0;
  }
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 ^= h2 >>> 13;
  return `T${(h1 >>> 0).toString(16).padStart(8, '0')}${((h2 >>> 0) & 0xffff).toString(16).padStart(4, '0')}`;
}

/**
 * Ids for a list of template texts, unique within the list: on a hash collision between different
 * texts the later one gets a ".2", ".3"… suffix (in list order, so deterministically).
 * @example uniqueTemplateIds(['a <*>', 'b <*>']).length // 2
 */
export function uniqueTemplateIds(texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((t) => {
    const id = templateIdOf(t);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}.${n}`;
  });
}
