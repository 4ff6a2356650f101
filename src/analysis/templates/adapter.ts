/**
 * File adapter: streams a log file into a template miner, line by line, without decoding the lines
 * whose shape the miner has seen before (TemplateMiner.addBytes). The only module of this folder
 * that touches the file system.
 */
import { open } from 'node:fs/promises';
import { createTemplateMiner, type MinedTemplate, type TemplateMinerOptions } from './miner.js';

export interface MineFileOptions extends TemplateMinerOptions {
  /**
   * Turns a raw line into the message to mine (e.g. strips the header); return undefined to skip
   * the line. Every line is then decoded, which is slower than mining whole lines as bytes.
   */
  message?: (line: string) => string | undefined;
  /** Read size in bytes (the buffer grows for longer lines). */
  chunkSize?: number;
}

export interface MinedFile {
  templates: MinedTemplate[];
  /** Per mined line, its index in `templates` (empty when trackLines is false). */
  lineTemplates: Int32Array;
  /** Lines read (including skipped ones). */
  lines: number;
}

/**
 * Mines the templates of a UTF-8 text file (LF or CRLF line ends).
 * @example const { templates } = await mineLogFile('/var/log/app.log', { message: (l) => l.slice(24) });
 */
export async function mineLogFile(path: string, options: MineFileOptions = {}): Promise<MinedFile> {
  const { message, chunkSize = 1 << 20, trackLines = true, ...minerOptions } = options;
  const miner = createTemplateMiner({ ...minerOptions, trackLines });
  const decoder = new TextDecoder();
  let lines = 0;
  let buf = new Uint8Array(Math.max(16, chunkSize));
  const feed = (a: number, b: number): void => {
    lines++;
    const end = b > a && buf[b - 1] === 13 ? b - 1 : b; // CRLF
    if (!message) miner.addBytes(buf, a, end);
    else {
      const m = message(decoder.decode(buf.subarray(a, end)));
      if (m !== undefined) miner.add(m);
    }
  };
  const file = await open(path, 'r');
  try {
    let filled = 0; // bytes of an unfinished line carried over at the start of buf
    for (;;) {
      const { bytesRead } = await file.read(buf, filled, buf.length - filled, null);
      const end = filled + bytesRead;
      const view = buf.subarray(0, end);
      let a = 0;
      for (let nl = view.indexOf(10, a); nl >= 0; nl = view.indexOf(10, a)) {
        feed(a, nl);
        a = nl + 1;
      }
      if (bytesRead === 0) {
        if (a < end) feed(a, end);
        break;
      }
      const rest = end - a;
      if (rest === buf.length) {
        // a line longer than the buffer: grow it
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      } else buf.copyWithin(0, a, end);
      filled = rest;
    }
  } finally {
    await file.close();
  }
  return { templates: miner.templates(), lineTemplates: trackLines ? miner.lineTemplates() : new Int32Array(0), lines };
}
