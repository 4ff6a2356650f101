/**
 * JSON's grammar (RFC 8259) as regular-expression source, for the readers that check a line's JSON
 * in one pattern instead of JSON.parse (jsonflat.ts for JSON lines, flatjson.ts for the journal).
 */

/** A string's characters that need no escape: no quote, backslash or control character. */
export const UNESCAPED = String.raw`[^"\\\x00-\x1f]*`;
/** One of JSON's escapes. */
export const ESCAPE = String.raw`\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})`;
/** A number's integer part, with its sign. */
export const INT = '-?(?:0|[1-9][0-9]*)';
/** A number. */
export const NUMBER = String.raw`${INT}(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`;
