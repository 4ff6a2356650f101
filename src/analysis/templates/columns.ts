/**
 * Decides whether a column of masked tokens (the tokens at one position across the lines of a
 * candidate template) is a variable, and renders a variable column as a wildcard that keeps the
 * punctuation all its values share ("[<*>]", "<*>,").
 */
import { ALNUM, DELIM, WILDCARD, cls } from './chars.js';

/** Words that stand for a unit after a number: "16.0 KB" next to "3 B" is the same event. */
const UNITS = new Set([
  'B', 'KB', 'kB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'byte', 'bytes', 'Bytes',
  'ns', 'us', 'µs', 'ms', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes',
  'h', 'hr', 'hrs', 'hour', 'hours', 'day', 'days', 'Hz', 'kHz', 'MHz', 'GHz', 'bps', 'kbps', 'Kbps', 'Mbps', 'Gbps',
]);

/** Month and weekday names and time-zone abbreviations, lower case. */
const DATE_WORDS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'am', 'pm', 'utc', 'gmt', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'cet', 'cest', 'bst', 'ist', 'jst',
]);

/** The word inside a token, without the punctuation around it. */
function coreWord(tok: string): string {
  let a = 0;
  let b = tok.length;
  while (a < b && (cls(tok.charCodeAt(a)) & ALNUM) === 0) a++;
  while (b > a && (cls(tok.charCodeAt(b - 1)) & ALNUM) === 0) b--;
  return tok.slice(a, b);
}

/**
 * Whether a token is a unit word, with any punctuation around it ("KB)", "sec,").
 * @example isUnitToken('KB)') // true
 */
export function isUnitToken(tok: string): boolean {
  return UNITS.has(coreWord(tok));
}

/**
 * Nouns whose next word is their value, not a word of the event: `session opened for user cyrus`
 * and `… for user news` are one event, however few users a log shows.
 */
const VALUE_NOUNS = new Set(['user', 'username']);

/** An empty pair (`()`, `[]`, `''`): a value that happened to be empty, as `(host.example)` beside it is one. */
const EMPTY_PAIR = /^(?:\(\)|\[\]|\{\}|<>|""|'')[,;:.]?$/;

export interface ColumnRules {
  /** A column with at least this many distinct values is a variable. */
  maxConstants: number;
}

/**
 * A column is a variable when its values differ only in digits (eth0/eth1), are all units or all
 * date words (KB/MB, Mon/Tue), are all partly masked and share their key (ws=<*> / ws=WorkSource{<*>})
 * or one of them is wholly masked (an empty pair such as `()` counts as masked), are all a name joined
 * to a masked number (orders-<*> / fills-<*>, see isNamedInstance), when it follows a
 * noun that names a value (`user`), or when it has at least `maxConstants` distinct values. Anything
 * else with few values is a constant that tells events apart (view/modify, LOOKING/FOLLOWING).
 * @example isVariableColumn(['eth0', 'eth1'], { maxConstants: 5 }) // true
 */
export function isVariableColumn(values: readonly string[], rules: ColumnRules, after = ''): boolean {
  const d = values.length;
  if (d < 2) return false;
  if (d >= rules.maxConstants) return true;
  if (VALUE_NOUNS.has(coreWord(after).toLowerCase())) return true;
  const shapes = new Set<string>();
  const keys = new Set<string>();
  let masked = 0;
  let whole = false;
  let units = 0;
  let dates = 0;
  for (const v of values) {
    if (EMPTY_PAIR.test(v)) {
      masked++;
      whole = true;
    } else if (v.includes(WILDCARD)) {
      masked++;
      // the key: what precedes the first delimiter or wildcard (ws in ws=<*>, Surface in
      // Surface(name=<*>), uid in (uid=<*>)); a value with no word besides its wildcards is whole
      const key = /^[([{<"']*([^=:([{<@#,;|"']*)/.exec(v)?.[1] ?? '';
      keys.add(key);
      if (!/[A-Za-z0-9]/.test(v.split(WILDCARD).join(''))) whole = true;
    }
    shapes.add(v.replace(/[0-9]+/g, '0'));
    const w = coreWord(v);
    if (UNITS.has(w)) units++;
    if (DATE_WORDS.has(w.toLowerCase())) dates++;
  }
  return shapes.size < d || units === d || dates === d || (masked === d && (whole || keys.size === 1)) || values.every(isNamedInstance);
}

/**
 * A name joined to a masked number (`orders-<*>`, `md.quotes-<*>`, `worker_<*>`): the name and the
 * number together identify one instance (a topic's partition, a pod, a node), so a column of such
 * tokens is a value whatever their names, as a token with digits is in Drain; a different key before
 * `=` or `:` (`uid=<*>`, `euid=<*>`) still tells events apart.
 */
const NAMED_INSTANCE = /^[([{"']?[A-Za-z][A-Za-z._-]*[-_.]<\*>[)\]}"',;:]?$/;

function isNamedInstance(v: string): boolean {
  return NAMED_INSTANCE.test(v);
}

/**
 * Whether a message's first column names events rather than holds a value: its values are all plain
 * words (letters with `.`, `_` or `-`, no digits), as in `boot (command 1911)` / `wait (command 1914)`
 * or `cupsd startup succeeded` / `portmap startup succeeded`. Such a column splits templates however
 * many values it has, up to 32; a value that starts a message (a user, a host, an id) mostly
 * carries digits or punctuation, or was masked. On the ten Loghub sets GA rises slightly (0.9919 to 0.9925).
 * @example namesEvents(['boot', 'wait', 'halt', 'risBoot', 'bootGenvmunix']) // true
 */
export function namesEvents(values: readonly string[]): boolean {
  // Past a few dozen the words are values after all (user names): no explosion of templates.
  return values.length <= MAX_EVENT_WORDS && values.every((v) => PLAIN_WORD.test(v));
}

const MAX_EVENT_WORDS = 32;

const PLAIN_WORD = /^[A-Za-z][A-Za-z._-]*$/;

/**
 * The wildcard for a variable column, keeping what every value starts and ends with up to a
 * delimiter (`[`, `=`, `:`, `,`…), so a key or a bracket survives but no part of a word does.
 * @example variableToken(['[node_a1]', '[node_b2]']) // '[<*>]'
 */
export function variableToken(values: readonly string[]): string {
  const first = values[0] ?? '';
  let pre = 0;
  while (pre < first.length && values.every((v) => v.charCodeAt(pre) === first.charCodeAt(pre))) pre++;
  let suf = 0;
  while (suf < first.length - pre && values.every((v) => v.length - suf > pre && v.charCodeAt(v.length - 1 - suf) === first.charCodeAt(first.length - 1 - suf))) suf++;
  // cut the shared prefix back to just after its last delimiter, the suffix to its first one
  let a = pre;
  while (a > 0 && !isDelimiter(first, a - 1)) a--;
  let b = first.length - suf;
  while (b < first.length && !isDelimiter(first, b)) b++;
  return first.slice(0, a) + WILDCARD + first.slice(b);
}

/** A delimiter character, but not one of a wildcard's. */
function isDelimiter(v: string, k: number): boolean {
  const c = v.charCodeAt(k);
  if ((cls(c) & DELIM) === 0) return false;
  if (c === 60) return !v.startsWith(WILDCARD, k);
  if (c === 62) return !(k >= 2 && v.startsWith(WILDCARD, k - 2));
  return true;
}

/**
 * The template text: tokens joined by spaces, each wildcard token kept, so that adjacent variables
 * (a duration and a count) do not read as one.
 * @example renderTemplate(['size', '<*>', '<*>,', 'free']) // 'size <*> <*>, free'
 */
export function renderTemplate(tokens: readonly string[]): string {
  return tokens.join(' ');
}
