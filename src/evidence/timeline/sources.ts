/** The files behind the sources a user names: a directory stands for its files, a file named twice is read once. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError } from '../../shared/errors.js';

/**
 * Expands directories into the regular files directly in them (sorted by name, hidden ones left
 * out: `fix/` holds the session logs) and drops a file already named under another path, so that
 * no line is counted twice.
 * @example await expandSources(['logs/', 'logs/app.log']) // ['logs/app.log', 'logs/gw.fix']
 */
export async function expandSources(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = async (file: string): Promise<void> => {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) return;
    seen.add(real);
    out.push(file);
  };
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new NotFoundError(`source not found: ${p}`, { path: p });
    if (!info.isDirectory()) {
      await add(p);
      continue;
    }
    const entries = await readdir(p, { withFileTypes: true });
    const names = entries.filter((e) => !e.name.startsWith('.') && (e.isFile() || e.isSymbolicLink())).map((e) => e.name).sort();
    for (const name of names) {
      const file = join(p, name);
      if ((await stat(file).catch(() => null))?.isFile()) await add(file);
    }
  }
  return out;
}
