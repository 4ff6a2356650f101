/**
 * The selective reader's way through a block read from its bytes (select.ts): where the native
 * addon is loaded and the file's parser can skim bytes (parser.ts skimBytes), the lines below the
 * level of interest are counted from the bytes in runs, and only the others are decoded, one by one.
 */
import type { Block } from './blocks.js';
import { nativeFunction } from './native.js';
import type { LogParser } from './parser.js';
import { FLAG_CONTROL } from './prescan.js';
import type { WindowChooser } from './select.js';
import type { LineResult } from './types.js';

/**
 * The block's lines read from its bytes: runs the parser's byte skimmer counts, and each other line
 * decoded alone and read as the loop over decoded lines reads it (which the skimmer's runs would
 * have been skimmed by, or pushed: the same statistics either way). Returns how many lines it skimmed.
 */
export function readBytes(block: Block, starts: Int32Array, count: number, flags: Uint8Array, parser: LogParser, chooser: WindowChooser, out: LineResult[]): number {
  let skimmed = 0;
  for (let i = 0; i < count; i++) {
    const n = parser.skimBytes(block.bytes, starts, i, count, chooser);
    if (n > 0) {
      skimmed += n;
      i += n - 1;
      continue;
    }
    const { text: raw, valid } = block.line(i, starts[i] as number, (starts[i + 1] as number) - 1);
    chooser.setLine(i, raw, 0, raw.length);
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    append(out, valid ? parser.pushQuick(line, chooser, ((flags[i] as number) & FLAG_CONTROL) === 0) : parser.push(line, 'invalid_utf8'));
  }
  return skimmed;
}

/**
 * Whether a block is read from its bytes (readBytes) rather than decoded whole: where the addon
 * splits blocks and the parser has a byte skimmer. A block where the skimmer counted under half the
 * lines (lines it leaves to JavaScript: another key list, string times) sends the next blocks back
 * to the decoded loop, whose skimmers read more kinds of line, for a while.
 */
export class BytesMode {
  starts = new Int32Array(0);
  private rest = 0;

  /** The block's line count when it is read from its bytes (its starts split), else 0. */
  use(parser: LogParser, block: Block): number {
    if (lineStarts === undefined || !parser.skimsBytes) return 0;
    if (this.rest > 0) {
      this.rest--;
      return 0;
    }
    if (this.starts.length < block.bytes.length + 2) this.starts = new Int32Array(block.bytes.length + 2);
    return lineStarts(block.bytes, this.starts);
  }

  done(skimmed: number, count: number): void {
    if (2 * skimmed < count) this.rest = REST_BLOCKS;
  }
}

const REST_BLOCKS = 16;
const lineStarts = nativeFunction('lineStarts');

/** Appends `rs` to `out`. */
export function append(out: LineResult[], rs: LineResult[]): void {
  for (const r of rs) out.push(r);
}
