/**
 * What a header scan (header.ts) finds: its fields, each with its kind, bounds and where the
 * message would begin after it, and the header's shape as an interned signature string.
 */
import type { TimestampMatch } from './timestamp.js';

/** Field kinds, one character each so a header's shape is a short string (its signature). */
export const Kind = {
  Prefix: 'P',
  Time: 'T',
  Level: 'L',
  Number: 'N',
  Bracket: 'B',
  Word: 'W',
  Tag: 'G',
} as const;

/** Tokens the scan may skip before the timestamp without a profile, and the longest it skips. */
export const MAX_PREFIX = 5;
export const MAX_PREFIX_TOKEN = 64;
/** Fields the scan reads from the timestamp on. */
export const MAX_FIELDS = 14;

export interface HeaderScan {
  /** One character per field: a Kind, or the separator character itself (`-`, `|`, `,`, `:`). */
  sig: string;
  /** Number of fields, and the char code of each field's kind (sig's characters). */
  n: number;
  kinds: Uint8Array;
  /** Start and end of each field's text (brackets and trailing `:` excluded). */
  starts: Int32Array;
  ends: Int32Array;
  /** Where the message begins if the header ends after field i. */
  next: Int32Array;
  /** Timestamp match of each Time field, by field index. */
  times: (TimestampMatch | undefined)[];
  /** The interned signature so far (see SigNode). */
  node: SigNode;
  /**
   * What the scan read (see header.ts' scanReach): where its last look at a field began, the tokens
   * from there that look may have read, the furthest a group search read (-1: none) and an index
   * it read up to (exclusive).
   */
  last: number;
  ahead: number;
  far: number;
  upTo: number;
}

/**
 * An empty scan to pass to the header scan again and again (it is overwritten, not reallocated).
 * @example const scan = newScan(); scanHeader('2025-11-26 10:27:35 INFO x', -1, scan);
 */
export function newScan(): HeaderScan {
  const n = MAX_PREFIX + MAX_FIELDS + 1;
  return {
    sig: '', n: 0, kinds: new Uint8Array(n), starts: new Int32Array(n), ends: new Int32Array(n), next: new Int32Array(n),
    times: new Array<TimestampMatch | undefined>(n).fill(undefined), node: ROOT, last: 0, ahead: 0, far: -1, upTo: 0,
  };
}

/** The kinds as char codes: HeaderScan.kinds holds these (a field's kind is sig's character at its index). */
export const KindCode = {
  Prefix: Kind.Prefix.charCodeAt(0),
  Time: Kind.Time.charCodeAt(0),
  Level: Kind.Level.charCodeAt(0),
  Number: Kind.Number.charCodeAt(0),
  Bracket: Kind.Bracket.charCodeAt(0),
  Word: Kind.Word.charCodeAt(0),
  Tag: Kind.Tag.charCodeAt(0),
};
const { Prefix: P, Time: T, Level: L, Number: N, Bracket: B, Word: W, Tag: G } = KindCode;

/**
 * Signatures are interned in a trie walked as fields are found, so a scan builds no string: a file
 * has a handful of header shapes, and the profile looks them up by an already hashed string.
 */
interface SigNode {
  sig: string;
  kids: (SigNode | undefined)[];
}
// The eleven field characters (7 kinds, 4 separators) as trie slots.
const SLOT = new Int8Array(128).fill(-1);
[P, T, L, N, B, W, G, 45, 124, 44, 58].forEach((code, i) => (SLOT[code] = i));
const ROOT: SigNode = { sig: '', kids: [] };
// A bound on the trie, for files whose lines have endless header shapes: past it, plain strings.
const MAX_NODES = 4096;
let nodes = 0;

function child(node: SigNode, code: number): SigNode {
  const slot = SLOT[code] as number;
  const kid = node.kids[slot];
  if (kid) return kid;
  const made: SigNode = { sig: node.sig + String.fromCharCode(code), kids: [] };
  if (nodes < MAX_NODES) {
    nodes++;
    node.kids[slot] = made;
  }
  return made;
}

/** Empties the scan for a new line. */
export function clearScan(scan: HeaderScan): void {
  scan.n = 0;
  scan.node = ROOT;
  scan.last = 0;
  scan.far = -1;
  scan.upTo = 0;
}

/** Records field scan.n. */
export function put(scan: HeaderScan, code: number, start: number, end: number, next: number, time: TimestampMatch | undefined): void {
  const n = scan.n++;
  scan.kinds[n] = code;
  scan.starts[n] = start;
  scan.ends[n] = end;
  scan.next[n] = next;
  scan.times[n] = time;
  scan.node = child(scan.node, code);
}
