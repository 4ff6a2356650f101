/** Opening a file the user named, with the errors said in their terms (a directory, a missing file). */
import { open, type FileHandle } from 'node:fs/promises';
import { fsErrorText, InputError, NotFoundError } from '../../shared/errors.js';

/**
 * Opens a file for reading; a directory, a missing file or one that cannot be read is an input
 * error that names the path, not an internal one.
 * @example const fh = await openInput('/var/log/syslog'); await fh.close();
 */
export async function openInput(path: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`source not found: ${path}`, { path });
    throw new InputError(`cannot read ${path}: ${fsErrorText(err)}`);
  }
  const info = await fh.stat().catch(() => null);
  if (info?.isDirectory()) {
    await fh.close();
    throw new InputError(`${path} is a directory: give the files in it`);
  }
  return fh;
}
