/**
 * Lines of a text or a file one at a time, never as one array: a file of millions of lines split
 * into an array holds each line as its own string beside the whole text (a 137 MB OpenMetrics file
 * peaked at 579 MB that way), and past ~512 MB the text cannot even be made into one string.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The lines of a text (split at '\n'; a trailing '\r' kept, as `split` keeps it), a leading
 * byte-order mark dropped.
 * @example [...textLines('a\nb\n')] // ['a', 'b', '']
 */
export function* textLines(text: string): Generator<string> {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) {
      yield text.slice(at);
      return;
    }
    yield text.slice(at, nl);
    at = nl + 1;
  }
}

/**
 * The lines of a file as `textLines` gives those of its text, read in blocks of `blockSize` bytes.
 * @example for (const line of fileLines('big.om')) count++;
 */
export function* fileLines(path: string, blockSize = 1 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8');
    const buf = Buffer.allocUnsafe(blockSize);
    let carry = '';
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      // Decoded as a stream: a character cut by the block's end is completed by the next block.
      let text = carry + decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      let at = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
        yield text.slice(at, nl);
        at = nl + 1;
      }
      carry = text.slice(at);
      if (n === 0) break;
    }
    yield carry;
  } finally {
    closeSync(fd);
  }
}
