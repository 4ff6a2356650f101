/**
 * The line of a QuickFIX messages log, `time : 8=FIX…`, millions of times per file: its prefix read
 * from character codes, and a reader that reads the line into objects kept from line to line.
 */
import { detectSeparator } from './message.js';
import { readCleanBytes, readCleanFields } from './message-clean.js';
import { ParsedMessage, TagIndex } from './parsed.js';
import { fixTimeAt, type TimeAt } from './time.js';
import type { FixIssue, FixMessageRecord } from './types.js';
import type { LineOrigin } from './line.js';


/** Where fileMessageStart puts the prefix's time: one object, rewritten line after line. */
export const LINE_TIME: TimeAt = { length: 0, ns: 0n, digits: 0 };
// Texts shorter than this (a line given alone) are read as characters: copying them out costs more than it saves.
const MIN_BYTES_TEXT = 4096;
// `8=FIX`, by character code.
const BEGIN = [56, 61, 70, 73, 88];

/** Where the message of a FileLog line (`time : 8=FIX…`) starts, its time read into LINE_TIME; -1 for any other line. */
export function fileMessageStart(text: string, from: number, to: number): number {
  if (!fixTimeAt(text, from, LINE_TIME)) return -1;
  let i = from + LINE_TIME.length;
  if (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 58) return -1;
  i++;
  if (text.charCodeAt(i) === 32) i++;
  if (i + BEGIN.length > to) return -1;
  for (let k = 0; k < BEGIN.length; k++) if (text.charCodeAt(i + k) !== BEGIN[k]) return -1;
  return i;
}

/** Line ends and spaces a line's message is trimmed of. */
export function isTrailingSpace(c: number): boolean {
  return c === 10 || c === 13 || c === 32 || c === 9;
}

/**
 * The common line (a FileLog time and a message of the clean shape) read into one record and one
 * message reused from line to line: what `parseFixLineIn` returns for it, without the objects and
 * arrays of a record per line. The record is valid until the next `read`; a caller that keeps
 * anything of it copies it out (the event stream does).
 * @example const r = reader.read(block, at, at + line.length, { file, line: n }) ?? parseFixLineIn(block, at, at + line.length, { file, line: n });
 */
export class LineReader {
  private readonly tags: number[] = [];
  private readonly bounds: number[] = [];
  private readonly issues: FixIssue[] = [];
  private readonly index = new TagIndex();
  private readonly message = new ParsedMessage('', 0, 0, '\x01', this.tags, this.bounds, this.issues);
  private readonly record: FixMessageRecord = { kind: 'message', style: 'file', ns: 0n, digits: 0, timeSource: 'log', direction: null, session: null, message: this.message };

  // The text of the lines being read (a block), and its characters as bytes when it is all ASCII:
  // copied out once per block into a buffer kept from block to block.
  private text: string | null = null;
  private bytes: Uint8Array | null = null;
  private buffer = Buffer.alloc(0);

  constructor() {
    // Its tags are noted in the index as each line is read, so its field lookups go through it.
    this.message.index = this.index;
  }

  private load(text: string): void {
    this.text = text;
    this.bytes = null;
    // One UTF-8 byte per character is all ASCII: then the Latin-1 bytes are the characters, one each.
    if (text.length < MIN_BYTES_TEXT || Buffer.byteLength(text, 'utf8') !== text.length) return;
    if (this.buffer.length < text.length) this.buffer = Buffer.allocUnsafe(Math.max(text.length, 2 * this.buffer.length));
    this.bytes = this.buffer.subarray(0, this.buffer.write(text, 0, 'latin1'));
  }

  /** The record of `text[from…to)` when the line has the common shape, else null (read it with `parseFixLineIn`). */
  read(text: string, from: number, to: number, origin: LineOrigin = {}): FixMessageRecord | null {
    const start = fileMessageStart(text, from, to);
    if (start < 0) return null;
    let end = to;
    while (end > start && isTrailingSpace(text.charCodeAt(end - 1))) end--;
    const separator = detectSeparator(text, start, end);
    if (text !== this.text) this.load(text);
    const bytes = this.bytes;
    const messageEnd = bytes
      ? readCleanBytes(bytes, text, start, end, separator, true, this.tags, this.bounds, this.issues, this.index)
      : readCleanFields(text, start, end, separator, true, this.tags, this.bounds, this.issues, this.index);
    if (messageEnd < 0) return null;
    this.message.reset(text, start, messageEnd, separator);
    const r = this.record;
    r.ns = LINE_TIME.ns;
    r.digits = LINE_TIME.digits;
    r.file = origin.file;
    r.line = origin.line;
    return r;
  }
}
