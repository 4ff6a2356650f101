/**
 * Reading a log file's complete lines a block at a time: large reads (the next one under way while
 * a block is used), lines split on `\n`, each block decoded at once (ASCII as Latin-1, the cheap
 * path), UTF-8 checked strictly only for lines that decoded with a replacement character, and at
 * most one over-long line prefix held in memory. Shared by the file streamer and the selective reader.
 */
import { isAscii } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';

const strict = new TextDecoder('utf-8', { fatal: true });
const EMPTY = Buffer.alloc(0);

/**
 * A block of complete lines: its bytes, decoded on first use (ASCII as Latin-1, the cheap path;
 * UTF-8 checked strictly only for lines that decoded with a replacement character). A reader that
 * reads most lines from the bytes (native.ts) decodes only the lines it needs, with {@link Block.line}.
 */
export class Block {
  private textValue: string | null = null;
  private linesValue: string[] | null = null;
  private invalidValue: Set<number> | null | undefined;
  private ascii: boolean | null = null;

  constructor(
    /** The bytes of the lines, without the last one's newline (valid until the next block is asked for). */
    readonly bytes: Buffer,
    /** Whether the block starts the file: a BOM there is dropped. */
    private readonly first: boolean,
    /** Set instead when a line was too long to hold: its first characters, to reject it. */
    readonly tooLong?: string,
  ) {}

  /** The block's text (a reader that finds its own line ends need not have it split). */
  get text(): string {
    if (this.textValue !== null) return this.textValue;
    const { bytes } = this;
    const ascii = (this.ascii ??= isAscii(bytes));
    let text = ascii ? bytes.toString('latin1') : bytes.toString('utf8');
    if (this.first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return (this.textValue = text);
  }

  get lines(): string[] {
    return (this.linesValue ??= this.text.split('\n'));
  }

  /** Indexes of lines whose bytes are not valid UTF-8. */
  get invalid(): Set<number> | null {
    if (this.invalidValue === undefined) this.invalidValue = this.ascii !== true && this.text.includes('\ufffd') ? invalidLines(this.bytes, this.lines) : null;
    return this.invalidValue;
  }

  /**
   * Line `i`, the bytes [from, to) of its text (a newline not included), decoded alone as the block
   * would decode it, and whether those bytes are valid UTF-8.
   */
  line(i: number, from: number, to: number): { text: string; valid: boolean } {
    const ascii = (this.ascii ??= isAscii(this.bytes));
    if (ascii) return { text: this.bytes.toString('latin1', from, to), valid: true };
    let text = this.bytes.toString('utf8', from, to);
    if (i === 0 && this.first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, valid: !text.includes('\ufffd') || utf8(this.bytes.subarray(from, to)) };
  }
}

/**
 * A read of less than this is mostly the cost of the call (a thread-pool round trip and a promise):
 * 96 KiB reads move a cached file at ~1.3 GB/s, 1 MiB reads at ~6 GB/s. Smaller pieces are cut from it.
 */
const READ_BYTES = 1 << 20;

/**
 * The bytes of [from, to) in pieces of at most `size`, read ahead in reads of at least {@link READ_BYTES}
 * (the next one under way while the caller uses this one). A yielded piece is valid until the caller
 * asks for the piece after the next read. `limit(pos)` may end a read early (at a chunk boundary, say).
 * With `to` Infinity the file is read from its current position to its end, whatever it is: a pipe or
 * a growing file.
 * @example for await (const b of reads(fh, 0, size, 1 << 20)) count += b.length;
 */
export async function* reads(fh: FileHandle, from: number, to: number, size: number, limit?: (pos: number) => number): AsyncGenerator<Buffer> {
  const readBytes = Math.max(size, READ_BYTES);
  const bufs = [Buffer.allocUnsafe(readBytes), Buffer.allocUnsafe(readBytes)];
  let which = 0;
  let pos = from;
  // One read in flight at a time, so reading at the current position (a pipe has no other) keeps order.
  const positional = Number.isFinite(to);
  const readAt = (b: Buffer): Promise<{ bytesRead: number; buffer: Buffer }> | null =>
    pos < to ? fh.read(b, 0, Math.min(readBytes, to - pos, limit ? limit(pos) - pos : Infinity), positional ? pos : null) : null;
  let pending = readAt(bufs[0] as Buffer);
  while (pending) {
    const { bytesRead, buffer } = await pending;
    if (bytesRead === 0) return;
    pos += bytesRead;
    which ^= 1;
    pending = readAt(bufs[which] as Buffer);
    for (let at = 0; at < bytesRead; at += size) yield buffer.subarray(at, Math.min(at + size, bytesRead));
  }
}

/**
 * Room kept before each read's bytes for the unfinished line of the read before, copied there: the
 * next block then starts with it without a new buffer for the two joined (a longer line is joined
 * the slow way).
 */
const RESERVE = 64 << 10;

/**
 * Complete lines of [from, to) a block at a time (a BOM dropped at the start of the file unless
 * `stripBom` is false, a line over `maxBytes` rejected as it streams past). With `to` Infinity, to
 * the end of the file as it is read (see {@link reads}). A block's bytes are those of the read they
 * came from: the line a block leaves unfinished starts the next block in place, or, at the end of
 * a read, is copied in front of the next read's bytes.
 * @example for await (const b of blocks(fh, 0, size, 1 << 20, Infinity)) console.log(b.lines.length);
 */
export async function* blocks(fh: FileHandle, from: number, to: number, chunkSize: number, maxBytes: number, stripBom = true): AsyncGenerator<Block> {
  const readBytes = Math.max(chunkSize, READ_BYTES);
  const bufs = [Buffer.allocUnsafe(RESERVE + readBytes), Buffer.allocUnsafe(RESERVE + readBytes)];
  let which = 0;
  let pos = from;
  const positional = Number.isFinite(to);
  const readAt = (b: Buffer): Promise<{ bytesRead: number; buffer: Buffer }> | null =>
    pos < to ? fh.read(b, RESERVE, Math.min(readBytes, to - pos), positional ? pos : null) : null;
  let pending = readAt(bufs[0] as Buffer);
  // The unfinished line at the end of the last read (in its buffer, intact until the read after next).
  let rest: Buffer | null = null;
  let skipping = false;
  let first = from === 0 && stripBom;
  while (pending) {
    const { bytesRead, buffer } = await pending;
    if (bytesRead === 0) break;
    pos += bytesRead;
    let data = buffer;
    let lineStart = RESERVE;
    let at = RESERVE;
    const end = RESERVE + bytesRead;
    if (rest !== null && rest.length <= RESERVE) {
      lineStart = RESERVE - rest.length;
      rest.copy(buffer, lineStart);
    } else if (rest !== null) {
      data = Buffer.concat([rest, buffer.subarray(RESERVE, end)]);
      lineStart = 0;
      at = rest.length;
    }
    const dataEnd = at + bytesRead;
    rest = null;
    // The other buffer's bytes are all used (its rest copied): the next read goes there.
    which ^= 1;
    pending = readAt(bufs[which] as Buffer);
    for (; at < dataEnd; at += chunkSize) {
      const pieceEnd = Math.min(at + chunkSize, dataEnd);
      if (skipping) {
        const nl = data.indexOf(10, at);
        if (nl < 0 || nl >= pieceEnd) continue;
        lineStart = nl + 1;
        skipping = false;
      }
      const lastNl = data.lastIndexOf(10, pieceEnd - 1);
      if (lastNl >= lineStart) {
        yield new Block(data.subarray(lineStart, lastNl), first);
        first = false;
        lineStart = lastNl + 1;
      }
      if (pieceEnd - lineStart > maxBytes) {
        yield new Block(EMPTY, false, data.toString('utf8', lineStart, Math.min(pieceEnd, lineStart + 256)));
        skipping = true;
        first = false;
        lineStart = pieceEnd;
      }
    }
    if (!skipping && lineStart < dataEnd) rest = data.subarray(lineStart, dataEnd);
  }
  // The range ends mid-line only at the end of the file (or where the caller cut it at a line start).
  if (rest !== null && rest.length > 0) yield new Block(rest, first);
}

function invalidLines(data: Buffer, lines: string[]): Set<number> {
  const bad = new Set<number>();
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    let nl = data.indexOf(10, pos);
    if (nl < 0) nl = data.length;
    if (lines[i]?.includes('\ufffd') && !utf8(data.subarray(pos, nl))) bad.add(i);
    pos = nl + 1;
  }
  return bad;
}

/** Whether `bytes` are valid UTF-8 (a line that decoded with U+FFFD may have held it as it is). */
function utf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
