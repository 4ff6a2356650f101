/**
 * Character classes and small range predicates used by the scanner. Everything works on
 * (string, start, end) ranges so that the hot path allocates nothing.
 */

/** The wildcard that stands for a variable part in a template. */
export const WILDCARD = '<*>';

export const DIGIT = 1;
export const ALPHA = 2;
export const HEX = 4; // a-f, A-F (digits are hex too but carry DIGIT)
export const DELIM = 8; // splits a token into pieces: , ; : = | " ' [ ] ( ) { } < > @ #
export const SLASH = 16; // '/' or '\'
export const EQUALS = 32;
export const DOT = 64;
export const COLON = 128;
export const ALNUM = DIGIT | ALPHA;

// One entry per UTF-16 code unit (64 KB) so that a lookup needs no range check; beyond ASCII, letters.
export const CLASS = new Uint8Array(65536).fill(2);
for (let c = 0; c < 128; c++) CLASS[c] = 0;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = ALPHA;
for (let c = 97; c <= 122; c++) CLASS[c] = ALPHA;
for (const ch of 'abcdefABCDEF') CLASS[ch.charCodeAt(0)] = ALPHA | HEX;
for (const ch of ',;:|"\'[](){}<>@#') CLASS[ch.charCodeAt(0)] = DELIM;
CLASS[61] = DELIM | EQUALS; // '='
CLASS[47] = SLASH; // '/'
CLASS[92] = SLASH; // '\'
CLASS[46] = DOT; // '.'
CLASS[58] = DELIM | COLON; // ':'

/** Class bits of a char code (0–65535); non-ASCII characters count as letters. */
export function cls(c: number): number {
  return CLASS[c] as number;
}

/** Whether [a, b) is true, false or null in any case: values wherever they stand. */
export function isValueWord(s: string, a: number, b: number): boolean {
  const len = b - a;
  if (len === 4) {
    const c0 = s.charCodeAt(a) | 32;
    if (c0 === 116) return matchLower(s, a, 'true');
    if (c0 === 110) return matchLower(s, a, 'null');
    return false;
  }
  return len === 5 && (s.charCodeAt(a) | 32) === 102 && matchLower(s, a, 'false');
}

function matchLower(s: string, a: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(a + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

// Top-level domains that mark a dotted word as a host name rather than a file or class name.
const TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'local', 'localdomain', 'lan', 'internal', 'corp', 'home', 'arpa']);

/**
 * A fully qualified host name: dot-separated labels of letters, digits and '-', the last a generic
 * top-level domain, or a two-letter country code after one (uninet-ide.com.mx) or after two labels
 * or more (dsl.zen.co.uk, a-1.adsl.wanadoo.nl). Reversed package names (com.example.App) start with
 * the domain instead and are not hosts; a two-letter file extension (.so, .gz, .py) is not a domain.
 */
export function isHostName(s: string, a: number, b: number): boolean {
  let lastDot = -1;
  let prevDot = -1;
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c === 46) {
      if (k === a || k - 1 === lastDot) return false;
      prevDot = lastDot;
      lastDot = k;
    } else if ((cls(c) & ALNUM) === 0 && c !== 45) return false;
  }
  const tldLen = b - lastDot - 1;
  if (lastDot < 0 || tldLen < 2 || tldLen > 11) return false;
  for (let k = lastDot + 1; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c < 97 || c > 122) return false;
  }
  const tld = s.slice(lastDot + 1, b);
  if (TLDS.has(tld)) return true;
  if (tldLen !== 2 || prevDot < 0 || FILE_EXTENSIONS.has(tld)) return false;
  if (TLDS.has(s.slice(prevDot + 1, lastDot))) return true;
  // three labels or more under a country code (aml-sfh-3310b.adsl.wanadoo.nl, www.heise.de): a
  // host, unless the name starts with a generic domain (a reversed package, com.example.ui.de)
  let firstDot = a;
  while (s.charCodeAt(firstDot) !== 46) firstDot++;
  return firstDot < prevDot && !TLDS.has(s.slice(a, firstDot));
}

/** Two-letter file extensions, which are also country codes (libc-2.31.so, tmp.x.gz, a.b.py). */
const FILE_EXTENSIONS = new Set(['so', 'gz', 'xz', 'bz', 'lz', 'py', 'js', 'ts', 'sh', 'rb', 'pl', 'pm', 'md', 'cc', 'hh', 'db', 'go', 'rs', 'el', 'ko', 'mo', 'po', 'ps', 'ai', 'gs']);

/**
 * End of a MAC or IPv6 address starting at p (hex groups joined by ':', at least three groups or
 * one next to '::', a digit and a hex letter or an empty group), or p if there is none. All-decimal
 * runs such as clock times are left to the piece rules so they keep their shape.
 */
export function hexColonRun(s: string, p: number, b: number): number {
  let k = p;
  let groups = 0;
  let colons = 0;
  let digit = false;
  let letter = false;
  let empty = false;
  let end = p;
  if (s.charCodeAt(p) === 58) {
    // a leading '::' (::1, ::ffff:10.0.0.1)
    if (s.charCodeAt(p + 1) !== 58) return p;
    empty = true;
    colons = 2;
    k = p + 2;
  }
  for (;;) {
    const g = k;
    while (k < b) {
      const c = cls(s.charCodeAt(k));
      if ((c & (DIGIT | HEX)) === 0) break;
      if (c & DIGIT) digit = true;
      else letter = true;
      k++;
    }
    if (k - g > 4) return p;
    if (k === g) {
      if (groups > 0 && k < b && s.charCodeAt(k) === 58) empty = true;
      else if (groups === 0) return p;
    } else {
      groups++;
      end = k;
    }
    if (k < b && s.charCodeAt(k) === 58) {
      colons++;
      k++;
      continue;
    }
    if (k < b && (cls(s.charCodeAt(k)) & ALNUM) !== 0) return p; // the run goes on as a word
    break;
  }
  const enough = groups >= 3 || (empty && groups >= 1);
  return enough && colons >= 2 && digit && (letter || empty) ? end : p;
}

export function isOpening(c: number): boolean {
  return c === 40 || c === 91 || c === 123; // ( [ {
}

export function isQuote(c: number): boolean {
  return c === 34 || c === 39;
}

/**
 * Index of the quote that closes the one at `open`, skipping quotes escaped by a backslash (klog's
 * `err="failed to \\"StartContainer\\" for …"`), or -1.
 * @example closingQuote('a="x \\"y\\" z" b', 2) // 12
 */
export function closingQuote(s: string, open: number): number {
  const quote = s[open] as string;
  for (let k = s.indexOf(quote, open + 1); k > 0; k = s.indexOf(quote, k + 1)) {
    let slashes = 0;
    while (s.charCodeAt(k - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return k;
  }
  return -1;
}

/** Closing punctuation that a URL does not swallow. */
export function isTrailingPunct(c: number): boolean {
  return c === 41 || c === 93 || c === 125 || c === 62 || c === 44 || c === 59 || c === 46 || c === 34 || c === 39; // ) ] } > , ; . " '
}

export function isSchemeChar(c: number): boolean {
  return (cls(c) & ALNUM) !== 0 || c === 43 || c === 45 || c === 46; // + - .
}

/** Ends a Windows path (C:\dir\file): whitespace is already excluded, these close it too. */
export function endsDrivePath(c: number): boolean {
  return c === 44 || c === 59 || c === 34 || c === 39 || c === 41 || c === 93 || c === 125 || c === 62 || c === 124; // , ; " ' ) ] } > |
}
