/**
 * skimFlat (jsonflat.ts) over a block's bytes, by the native addon (native/skim.c): the same lines
 * counted, with the same last time and back-in-time count, without decoding each line into a
 * string and matching its pattern. That was most of the cost of reading a JSON-lines file whose
 * lines are below the level of interest. The addon reads the lead shape's key list from a spec
 * made here, and the level words the chooser does not want from a list kept here: a word it does
 * not know ends its run, and is judged here before the run goes on.
 */
import type { ByteSkimmer } from './family.js';
import { leadShape, matchedLines, quickRoleOf, type Shape } from './jsonflat.js';
import { epochTime } from './jsonraw.js';
import { parseTimeText } from './timestamp.js';
import { levelOf, type Roles } from './jsonroles.js';
import { nativeFunction } from './native.js';

// native/skim.c's io slots and stop reasons.
const [FROM, COUNT, MAX, PREV_S, PREV_N, BACK, DIGITS, STOP, A, B, TIME_A, TIME_B, SLOTS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
const STOP_WORD = 1;
// Member kinds in a spec, by quick role (time, level, message); 0 for any other key.
const KIND = [3, 1, 2];
const NS = 1_000_000_000n;

const io = new Float64Array(SLOTS);

/**
 * The spec of a key list: per key, its kind and the key as JSON.stringify writes it (a length
 * byte, then its bytes). Null where the native skimmer would never count a line, so is not asked:
 * no time key, or a key that is not short ASCII.
 */
function specOf(roles: Roles): Uint8Array | null {
  if (!roles.keys.some((k) => quickRoleOf(roles, k) === 0)) return null;
  const parts: number[] = [];
  for (const key of roles.keys) {
    const text = JSON.stringify(key);
    // eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
    if (text.length > 255 || !/^[\x00-\x7f]*$/.test(text)) return null;
    const r = quickRoleOf(roles, key);
    parts.push(r < 0 ? 0 : (KIND[r] as number), text.length);
    for (let i = 0; i < text.length; i++) parts.push(text.charCodeAt(i));
  }
  return Uint8Array.from(parts);
}

// Level words known not wanted by `wordsFor` (each a length byte, then its bytes), a log spells a handful.
const MAX_WORDS = 16;
const words = new Uint8Array(MAX_WORDS * 256);
let wordsView = words.subarray(0, 0);
let wordCount = 0;
let wordsFor: object | null = null;

function addWord(bytes: Buffer, from: number, to: number): boolean {
  const len = to - from;
  if (wordCount >= MAX_WORDS || len > 255) return false;
  const at = wordsView.length;
  words[at] = len;
  words.set(bytes.subarray(from, to), at + 1);
  wordsView = words.subarray(0, at + 1 + len);
  wordCount++;
  return true;
}

const skimmer = nativeFunction('skimFlat');

/**
 * The ByteSkimmer of JSON lines where the addon is loaded (else undefined: skimFlat reads the lines).
 * @example skimFlatBytes?.(block.bytes, starts, 0, count, flags, 65536, chooser, lastNs, out)
 */
export const skimFlatBytes: ByteSkimmer | undefined =
  skimmer === undefined
    ? undefined
    : (bytes, starts, from, count, flags, maxLength, chooser, prevNs, out) => {
        const shape: Shape | null = leadShape();
        if (shape === null) return 0;
        const spec = shape.spec === undefined ? (shape.spec = specOf(shape.roles)) : shape.spec;
        if (spec === null) return 0;
        if (wordsFor !== chooser) {
          wordsFor = chooser;
          wordsView = words.subarray(0, 0);
          wordCount = 0;
        }
        // The instant before the run as whole seconds (floored) and nanoseconds, for the native comparison.
        let sec = prevNs / NS;
        let ns = prevNs % NS;
        if (ns < 0n) {
          sec -= 1n;
          ns += NS;
        }
        io[FROM] = from;
        io[COUNT] = count;
        io[MAX] = maxLength;
        io[PREV_S] = Number(sec);
        io[PREV_N] = Number(ns);
        io[BACK] = 0;
        let n = 0;
        for (;;) {
          n += skimmer(bytes, starts, flags, spec, wordsView, io);
          if (io[STOP] !== STOP_WORD) break;
          // A level word not met yet (ASCII: the addon takes no other): the run goes on if it is one not wanted.
          const a = io[A] as number;
          const b = io[B] as number;
          const level = levelOf(bytes.toString('latin1', a, b));
          if ((level !== null && chooser.severe(level)) || !addWord(bytes, a, b)) break;
          io[FROM] = from + n;
        }
        if (n === 0) return 0;
        matchedLines(shape, n);
        // An RFC 3339 string is read by the reader's own grammar (as skimFlat's timeFrom reads it), an epoch from its parts.
        const ta = io[TIME_A] as number;
        out.last = ta >= 0 ? parseTimeText(bytes.toString('latin1', ta, io[TIME_B])) : epochTime(io[PREV_S], io[PREV_N], io[DIGITS] as number);
        out.back = io[BACK];
        return n;
      };
