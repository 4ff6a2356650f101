/**
 * Title normalisation and grouping signatures. Titles and signatures must not change with load
 * addresses, PIDs, CPU numbers or build offsets, so everything that looks like one is replaced.
 */
import type { CrashKind } from './types.js';

interface Replacement {
  re: RegExp;
  to: string | ((match: string) => string);
}

/** An IPv6 address: eight groups, or fewer around one `::` (a time such as 10:27:35 is neither). */
const ipv6 = (m: string): string => {
  const colons = m.split(':').length - 1;
  const compressed = m.includes('::') && m.indexOf('::') === m.lastIndexOf('::');
  return (compressed && colons <= 7) || (colons === 7 && !m.includes('::')) ? 'IPV6ADDR' : m;
};

// Order matters: addresses before numbers, offsets before line numbers.
const ADDRESS_RULES: Replacement[] = [
  { re: /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi, to: ipv6 },
  // Anything that looks like an address (6+ hex digits not glued to a word) is unstable; a run
  // of letters only (`decade`, `facade`) is a word unless it carries 0x.
  { re: /([^a-zA-Z0-9])(?:0x[0-9a-f]{6,}|(?=[a-f]*\d)[0-9a-f]{6,})/g, to: '$1ADDR' },
  { re: /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, to: 'IP' },
  // `file.c:123` -> `file.c:LINE`: the bug stays when lines move.
  { re: /(\.\w+)(:[0-9]+)+/g, to: '$1:LINE' },
  // `func+0x1f/0x340` -> `func`: offsets and sizes change with every build.
  { re: /([a-zA-Z][a-zA-Z0-9_.]+)\+0x[0-9a-z]+\/0x[0-9a-z]+/g, to: '$1' },
  { re: /CPU#[0-9]+/g, to: 'CPU' },
];
const NUMBER_RULES: Replacement[] = [
  // Standalone decimal numbers (pids, sizes, counts); digits inside identifiers stay (nl802154),
  // and so do a shared library's version (`libfontconfig.so.1`), which names the library.
  { re: /(?<!\.so(?:\.\d+)*)(\W)(\d+)(\W|$)/g, to: '$1NUM$3' },
  { re: /\d{7,}/g, to: 'NUM' },
];

const MAX_TITLE = 120;
/** Characters of a title that the rules look at: far more than any title keeps. */
const MAX_SCAN = 2000;

export interface NormalizeOptions {
  /** Replace standalone decimal numbers by NUM (default true). */
  numbers?: boolean;
}

/**
 * Replaces addresses, offsets, line numbers and (by default) numbers in a title, then drops
 * control characters, collapses blanks and cuts it to 120 characters.
 * @example normalizeTitle('WARNING in foo+0x1a/0x40 at 0xffff88801234') === 'WARNING in foo at ADDR'
 */
export function normalizeTitle(title: string, { numbers = true }: NormalizeOptions = {}): string {
  // Only the start can reach a 120-character title; some rules backtrack, so a 200 KB panic message
  // must not reach them whole. The function named at the end (`… in foo`) is kept apart.
  let s = title;
  if (title.length > MAX_SCAN) {
    const at = title.lastIndexOf(' in ');
    const where = at > 0 && title.length - at < MAX_TITLE ? title.slice(at) : '';
    s = title.slice(0, MAX_SCAN - where.length) + where;
  }
  const rules = numbers ? [...ADDRESS_RULES, ...NUMBER_RULES] : ADDRESS_RULES;
  for (const { re, to } of rules) {
    // Overlapping matches (`0,1,2`) need repeated passes until nothing changes.
    for (let i = 0; i < 4; i++) {
      // two calls, one per overload of replace (a string or a function)
      const next = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
      if (next === s) break;
      s = next;
    }
  }
  return sanitizeTitle(s);
}

/**
 * Drops control and non-ASCII characters, collapses blanks, cuts to 120 characters.
 * @example sanitizeTitle(' a\t b ') === 'a b'
 */
export function sanitizeTitle(title: string): string {
  let out = '';
  let prev = ' ';
  for (let i = 0; i < title.length && i < MAX_SCAN; i++) {
    let ch = title[i]!;
    const code = title.charCodeAt(i);
    if (ch === '\t') ch = ' ';
    else if (code < 0x20 || code >= 0x7f) continue;
    if (ch === ' ' && prev === ' ') continue;
    out += ch;
    prev = ch;
  }
  return cutTitle(out.trim());
}

/**
 * A title cut to 120 characters; when it ends by naming where (`… in pkg.(*Book).Apply`), the
 * message before it is shortened instead, since the place is what tells crashes apart.
 */
function cutTitle(t: string): string {
  if (t.length <= MAX_TITLE) return t;
  const at = t.lastIndexOf(' in ');
  const where = at > 0 ? t.length - at : Infinity;
  if (where > MAX_TITLE / 2) return t.slice(0, MAX_TITLE).trimEnd();
  return t.slice(0, MAX_TITLE - where).trimEnd() + t.slice(at);
}

/**
 * 64-bit FNV-1a over UTF-16 code units, as 16 hex digits; tiny and stable across platforms.
 * Computed on four 16-bit limbs because BigInt arithmetic per character is slow.
 * @example fnv1a64('') === 'cbf29ce484222325'
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // Multiply by the prime 2^40 + 0x1b3, limb by limb.
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3;
    let t3 = h3 * 0x1b3;
    t2 += h0 << 8;
    t3 += h1 << 8;
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  }
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * Builds the grouping signature `<12 hex>:<kind>:<frame<frame…>`. The hash covers the kind and
 * the normalised title, which already names the bug class (`KASAN: use-after-free Read`) and
 * the guilty frames, so a Read and a Write in one function stay apart and two reports with the
 * same title always share a signature; the readable part shows the guilty frames (`-` if none).
 * @example makeSignature('kasan', 'KASAN: use-after-free Read in f', ['f']).endsWith(':kasan:f')
 */
export function makeSignature(kind: CrashKind, title: string, guilty: readonly string[]): string {
  const frames = guilty.filter((f) => f !== '');
  const readable = frames.length > 0 ? frames.join('<') : '-';
  return `${fnv1a64(`${kind}\n${title}`).slice(0, 12)}:${kind}:${readable}`;
}
