/** The files behind the sources a user names: a directory stands for its files, a file named twice is read once. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
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

/**
 * The names events give the files read (metadata.file, by which a saved entry finds its evidence):
 * the base name, or where two files share one (two hosts' app.log) the shortest end of the path
 * the user knows (`labels`, in the order of `files`) that tells them apart.
 * @example sourceNames(['a/app.log', 'b/app.log', 'c/gw.log'], ['a/app.log', 'b/app.log', 'c/gw.log']) // { 'a/app.log': 'a/app.log', 'b/app.log': 'b/app.log', 'c/gw.log': 'gw.log' }
 */
export function sourceNames(files: readonly string[], labels: readonly string[]): Record<string, string> {
  const base = files.map((f) => basename(f));
  const out: Record<string, string> = {};
  files.forEach((f, i) => {
    const b = base[i] as string;
    const clash = files.flatMap((_, j) => (j !== i && base[j] === b ? [labels[j] as string] : []));
    out[f] = clash.length === 0 ? b : distinctEnd(labels[i] as string, clash);
  });
  return out;
}

/** The fewest trailing path segments of `label` that no other label ends with; the whole label when none do. */
function distinctEnd(label: string, others: readonly string[]): string {
  const parts = label.split(/[\\/]/).filter(Boolean);
  for (let k = 2; k <= parts.length; k++) {
    const end = parts.slice(-k).join('/');
    if (!others.some((o) => o === end || o.endsWith(`/${end}`) || o.endsWith(`${sep}${end}`))) return end;
  }
  return label;
}

/** The name events give a file (metadata.file): its name in `names` (sourceNames), else its base name. */
export const sourceName = (names: Readonly<Record<string, string>> | undefined, file: string): string => names?.[file] ?? basename(file);
