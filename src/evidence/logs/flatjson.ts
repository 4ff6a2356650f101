/**
 * Reads a few top-level fields of a compact JSON object line in one pass, without building the
 * object: a journal line that is only counted needs three of its fifteen fields, and JSON.parse
 * would build them all. The pass also checks that the whole line is JSON that JSON.parse takes.
 */
import { ESCAPE, NUMBER, UNESCAPED } from './json-grammar.js';

/**
 * Fills `out[i]` with the raw JSON text of the value of `keys[i]` (undefined when the key is absent)
 * and says true, when the line is sure to be a JSON object that JSON.parse reads with those values.
 * Otherwise false, and the caller asks JSON.parse: the pass knows only the common shape, compact
 * JSON (no white space between tokens, as journalctl and JSON.stringify write it) whose keys have no
 * escapes and whose values are strings, numbers, true, false, null or arrays of them (two levels).
 */
export type FieldReader = (line: string, out: (string | undefined)[]) => boolean;

/**
 * The reader for these keys (plain text: no quote, backslash or control character).
 * @example
 * const out: (string | undefined)[] = [];
 * flatFieldReader(['b', 'c'])('{"a":1,"b":"x\\n"}', out) && out[0] === '"x\\n"' && out[1] === undefined
 */
export function flatFieldReader(keys: readonly string[]): FieldReader {
  // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in keys
  if (keys.some((k) => /["\\\x00-\x1f]/.test(k))) throw new Error('flatFieldReader: keys must be plain text');
  const literal = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  const names = literal.join('|');
  // Sticky: each match starts where the previous one ended. It crosses the pairs of other keys and
  // stops after a wanted one (its own group says which, the one after holds its value, and the match
  // ends with ',' or the closing '}'), or at the end of the line.
  const wanted = literal.map((k) => `(${k})`).join('|');
  const stretch = (value: string): RegExp => {
    const other = `"(?!(?:${names})")${KEY}":${value}`;
    return new RegExp(`(?:${other},)*(?:"(?:${wanted})":(${value})(?:,|\\}$)|${other}\\}$)`, 'y');
  };
  // Values that are strings without escapes, the norm (journalctl writes every field so), are read
  // by a simpler pattern first, a tenth faster. A stretch it does not take is read again by the full one.
  const plain = stretch(PLAIN_STRING);
  const full = stretch(VALUE);
  const n = keys.length;
  return (line, out) => {
    for (let k = 0; k < n; k++) out[k] = undefined;
    if (line.charCodeAt(0) !== OPEN_BRACE) return false;
    let at = 1;
    for (;;) {
      let re = plain;
      let m = stretchAt(re, line, at);
      if (m === null) {
        re = full;
        m = stretchAt(re, line, at);
        if (m === null) return false;
      }
      const value = m[n + 1];
      // The last of repeated keys wins, as with JSON.parse.
      if (value !== undefined) {
        for (let k = 0; k < n; k++) {
          if (m[k + 1] !== undefined) {
            out[k] = value;
            break;
          }
        }
      }
      at = re.lastIndex;
      if (line.charCodeAt(at - 1) !== COMMA) return true;
    }
  };
}

function stretchAt(re: RegExp, line: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  try {
    return re.exec(line);
  } catch {
    // The pattern ran out of backtracking room (a line of megabytes): not sure, then.
    return null;
  }
}

const COMMA = 44;
const OPEN_BRACE = 123;
// A key without escapes: compared as written, it is what JSON.parse would make of it.
const KEY = UNESCAPED;
const PLAIN_STRING = `"${KEY}"`;
// A JSON string: no raw control characters, only JSON's escapes.
const STRING = `"${UNESCAPED}(?:${ESCAPE}${UNESCAPED})*"`;
const SCALAR = `(?:${STRING}|${NUMBER}|true|false|null)`;
const ARRAY = `\\[(?:${SCALAR}(?:,${SCALAR})*)?\\]`;
// A scalar, or an array of scalars and arrays of scalars (a journal field held more than once, a MESSAGE in bytes).
const ITEM = `(?:${SCALAR}|${ARRAY})`;
const VALUE = `(?:${SCALAR}|\\[(?:${ITEM}(?:,${ITEM})*)?\\])`;
