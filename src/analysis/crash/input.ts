/**
 * Reading the log `pfa crash` looks at: rotated logs compressed by logrotate (`kern.log.2.gz`) are
 * decompressed as the timeline does, since read as text their bytes would find "no crash".
 */
import { readInput } from '../../cli/input.js';
import { withDecompressed } from '../../evidence/files.js';
import { InputError } from '../../shared/errors.js';

/**
 * The text of a log file (`-` for standard input), decompressed when it is gzip.
 * @example const text = await readCrashLog('/var/log/kern.log.2.gz');
 */
export async function readCrashLog(file: string): Promise<string> {
  if (file !== '-') return withDecompressed(file, (plain) => Promise.resolve(readInput(plain)));
  const text = readInput(file);
  // Standard input cannot be reopened to decompress; gzip's magic bytes read as 0x1f and U+FFFD.
  if (text.charCodeAt(0) === 0x1f && text.charCodeAt(1) === 0xfffd) {
    throw new InputError('standard input is gzip-compressed: pipe it through zcat, or give the file name');
  }
  return text;
}
