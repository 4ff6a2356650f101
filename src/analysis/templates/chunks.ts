/**
 * Reads a file as chunks of whole lines (each line ends with '\n', one is added after a last line
 * without it), each chunk in a buffer of its own so that it can be handed to a worker thread.
 */
import { open } from 'node:fs/promises';

export interface ChunkReadOptions {
  /** Bytes per chunk (a chunk grows for a longer line). */
  chunkSize?: number;
  /**
   * A line longer than this many bytes and than the chunk is cut to its first 256 bytes and the
   * rest skipped, as evidence/logs does with lines it cannot buffer (memory stays bounded).
   */
  maxLineBytes?: number;
  /** Drop a UTF-8 byte order mark at the start of the file. */
  stripBom?: boolean;
  /** Buffers of chunks the caller is done with, reused for new chunks (saves allocation and GC). */
  recycled?: Uint8Array<ArrayBuffer>[];
}

export interface Chunk {
  bytes: Uint8Array<ArrayBuffer>;
  /** The lines are bytes [0, end). */
  end: number;
  /** The chunk is the first 256 bytes of a line that was too long (and nothing else). */
  cut?: boolean;
}

const CUT = 256;

/**
 * The chunks of a file, in order.
 * @example for await (const { bytes, end } of readChunks('app.log')) count += bytes.subarray(0, end).filter((b) => b === 10).length;
 */
export async function* readChunks(path: string, options: ChunkReadOptions = {}): AsyncGenerator<Chunk> {
  const { chunkSize = 2 << 20, maxLineBytes = Infinity, stripBom = false, recycled = [] } = options;
  const size = Math.max(CUT + 1, chunkSize);
  const fresh = (min: number): Uint8Array<ArrayBuffer> => {
    while (recycled.length > 0) {
      const b = recycled.pop() as Uint8Array<ArrayBuffer>;
      if (b.length >= min && b.length <= 2 * min) return b;
    }
    return new Uint8Array(min);
  };
  const fh = await open(path, 'r');
  try {
    let buf = fresh(size + 1); // one spare byte for the '\n' of a last line
    let filled = 0; // the start of an unfinished line
    let skipping = false; // dropping the rest of a cut line
    let first = true;
    for (;;) {
      const { bytesRead } = await fh.read(buf, filled, buf.length - 1 - filled, null);
      if (bytesRead === 0) {
        if (filled > 0 && !skipping) {
          buf[filled] = 10;
          yield { bytes: buf, end: filled + 1 };
        }
        return;
      }
      let end = filled + bytesRead;
      if (first) {
        first = false;
        if (stripBom && end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          buf.copyWithin(0, 3, end);
          end -= 3;
        }
      }
      if (skipping) {
        const nl = buf.subarray(0, end).indexOf(10);
        if (nl < 0) continue; // all of it belongs to the cut line
        buf.copyWithin(0, nl + 1, end);
        end -= nl + 1;
        skipping = false;
      }
      const last = buf.subarray(0, end).lastIndexOf(10);
      if (last >= 0) {
        const next = fresh(Math.max(size, end - last - 1) + 1);
        next.set(buf.subarray(last + 1, end));
        yield { bytes: buf, end: last + 1 };
        buf = next;
        filled = end - last - 1;
      } else filled = end;
      if (filled === buf.length - 1) {
        // a buffer full of one unfinished line
        if (filled > maxLineBytes) {
          buf[CUT] = 10;
          yield { bytes: buf, end: CUT + 1, cut: true };
          buf = fresh(size + 1);
          filled = 0;
          skipping = true;
        } else {
          const bigger = new Uint8Array(buf.length * 2);
          bigger.set(buf.subarray(0, filled));
          buf = bigger;
        }
      }
    }
  } finally {
    await fh.close();
  }
}
