/**
 * Files on the server an API client may attach by path: only those under a directory the operator
 * listed in `server.evidence_roots`, judged after every `..` and symbolic link is resolved. A client,
 * possibly remote, must not make the server read any file it likes (/etc/shadow) into evidence it can
 * then download. Messages name only the path the client sent, never what it resolved to.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fsErrorText, InputError, NotAllowedError, NotFoundError } from '../shared/errors.js';
import { expandSources } from './timeline/sources.js';

const HOW_TO_ALLOW = 'the operator allows it by listing directories under server.evidence_roots in the configuration (pfa serve --config FILE)';

/**
 * Whether `path` is `root` or inside it (both absolute and normalized).
 * @example isUnder('/var/log/app.log', '/var/log') === true; isUnder('/var/logs', '/var/log') === false
 */
export function isUnder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The roots as configured (normalized) and as they resolve on disk; a root that does not exist resolves to nothing. */
async function rootForms(roots: readonly string[]): Promise<{ named: string[]; real: string[] }> {
  const named = roots.map((r) => resolve(r));
  const real = (await Promise.all(named.map((r) => realpath(r).catch(() => null)))).filter((r): r is string => r !== null);
  return { named, real };
}

/**
 * The files to read for a path an API client sent: the file itself, or the files directly in a
 * directory (as `pfa evidence add` takes one), each as its real path, all under an allowed root.
 * Refused (not_allowed) without roots, or when the path or any file it stands for resolves outside them.
 * @example await serverFiles(['/var/log'], '/var/log/syslog') // ['/var/log/syslog']
 */
export async function serverFiles(roots: readonly string[], sent: string): Promise<string[]> {
  if (roots.length === 0) throw new NotAllowedError(`attaching a file on the server by path is off: ${HOW_TO_ALLOW}; or upload the content as {name, content}`);
  if (sent.includes('\0')) throw new InputError('path holds a NUL byte');
  if (!isAbsolute(sent)) throw new InputError(`path must be absolute (a file on the server), got "${sent.slice(0, 200)}"`);
  const outside = () => new NotAllowedError(`${sent} is not under a directory allowed for evidence: ${HOW_TO_ALLOW}`);
  const { named, real: realRoots } = await rootForms(roots);
  // Judged by its text first, without touching the file system: whether a file outside the roots
  // exists is none of the client's business (a 404 for /etc/nonexistent, a 403 for /etc/shadow would tell).
  const lexical = resolve(sent);
  if (![...named, ...realRoots].some((r) => isUnder(lexical, r))) throw outside();
  const unreadable = (err: NodeJS.ErrnoException): never => {
    if (err.code === 'ENOENT') throw new NotFoundError(`file not found: ${sent}`);
    throw new InputError(`cannot read ${sent}: ${fsErrorText(err)}`);
  };
  const real = await realpath(lexical).catch(unreadable);
  // …then by what it is: a symbolic link inside a root may point anywhere.
  const inside = (p: string) => realRoots.some((r) => isUnder(p, r));
  if (!inside(real)) throw outside();
  const info = await stat(real).catch(unreadable);
  if (info.isFile()) return [real];
  if (!info.isDirectory()) throw new InputError(`${sent} is not a regular file or a directory`);
  // A file that vanished since the listing counts as outside: nothing of the directory is attached.
  const files = await Promise.all((await expandSources([real])).map((f) => realpath(f).catch(() => null)));
  if (files.length === 0) throw new InputError(`${sent} holds no files to attach`);
  if (!files.every((f): f is string => f !== null && inside(f))) throw new NotAllowedError(`${sent} holds a file that resolves outside the directories allowed for evidence (a symbolic link?): nothing was attached`);
  return files;
}
