/**
 * What the parser checks of a line before any format reads it: too long, blank or binary, and the
 * record a line may still hold after the NUL bytes a crash left. Pure; shared with template mining.
 */
import type { FamilyParser, Parsed } from './family.js';
import { MAX_LINE_LENGTH, type RejectReason } from './types.js';

const NON_BLANK = /\S/;

/**
 * Why a line cannot be parsed at all (too long, blank, binary), or null: the parser's first check.
 * @example lineReason('\0\0', 100) === 'binary'
 */
export function lineReason(text: string, maxLineLength = MAX_LINE_LENGTH): RejectReason | null {
  if (text.length > maxLineLength) return 'too_long';
  if (!NON_BLANK.test(text)) return 'empty';
  if (isBinary(text)) return 'binary';
  return null;
}

/**
 * The text after a line's last NUL byte, when the line holds NULs and that text is a line of its
 * own (not blank, not binary): a crash leaves NULs where a file's last block was never written,
 * and the restarted process appends its first line right after them. Null otherwise. Readers take
 * it only when it is a record with a time of the file's format.
 * @example afterNuls('\0\0\02025-11-26 10:27:40 ERROR up again', 1000) === '2025-11-26 10:27:40 ERROR up again'
 */
export function afterNuls(text: string, maxLineLength = MAX_LINE_LENGTH): string | null {
  const at = text.lastIndexOf('\0');
  if (at < 0) return null;
  const tail = text.slice(at + 1);
  return lineReason(tail, maxLineLength) === null ? tail : null;
}

/**
 * The record a line holds after a crash's NUL bytes (see afterNuls), when its text there is a record
 * with a time of the file's format; null otherwise. The log reader and template mining both take it.
 * @example recordAfterNuls('\0\02025-11-26 10:27:40 ERROR up', family)?.tail === '2025-11-26 10:27:40 ERROR up'
 */
export function recordAfterNuls(text: string, family: FamilyParser | null, maxLineLength = MAX_LINE_LENGTH): { tail: string; parsed: Parsed } | null {
  const tail = family ? afterNuls(text, maxLineLength) : null;
  const parsed = tail === null ? null : family?.parse(tail);
  return tail !== null && parsed && parsed !== 'malformed' && parsed.time !== null ? { tail, parsed } : null;
}

/**
 * No visible character (what lineReason calls empty): a first character that is no kind of space
 * (`\s`: ASCII ones, NBSP, U+1680 and up) settles it without a regex.
 * @example blank(' \t') === true
 */
export function blank(text: string): boolean {
  const c = text.charCodeAt(0);
  return c <= 32 || c === 160 || c >= 0x1680 || Number.isNaN(c) ? !NON_BLANK.test(text) : false;
}

// Binary: a NUL, or control characters making up more than a tenth of the line. Tab, SOH (FIX's
// field separator) and ESC (colour codes) are ordinary in logs.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is looked for
const CONTROL = /[\x00\x02-\x08\x0a-\x1a\x1c-\x1f]/;

function isBinary(text: string): boolean {
  if (!CONTROL.test(text)) return false;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 1 && c !== 27) {
      if (c === 0) return true;
      controls++;
    }
  }
  return controls * 10 > text.length;
}
