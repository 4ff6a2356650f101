/**
 * The top-level commands (name, usage term, one-line description), written next to the compiled
 * CLI at build time (write-index.ts), so that `pfa --help` and the suggestion for a misspelt
 * command list every command without loading every command module (over a second of start-up).
 */
import { readFileSync } from 'node:fs';
import { Help, type Command } from 'commander';

export interface IndexedCommand {
  name: string;
  /** What help shows for it, e.g. `timeline [options] [sources...]`. */
  term: string;
  description: string;
}

/** Where the build writes the index: beside this module in dist/. */
export const INDEX_URL = new URL('./commands.json', import.meta.url);

/**
 * The index of a program with every module registered.
 * @example commandIndex(await buildProgram(null, { index: false }))[0]?.name === 'incident'
 */
export function commandIndex(program: Command): IndexedCommand[] {
  const help = program.createHelp();
  return program.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
}

/**
 * The index the build wrote, or null (not built, e.g. under the TypeScript test runner, or unreadable).
 * @example readCommandIndex()?.some((c) => c.name === 'timeline')
 */
export function readCommandIndex(url: URL = INDEX_URL): IndexedCommand[] | null {
  try {
    const v: unknown = JSON.parse(readFileSync(url, 'utf8'));
    return Array.isArray(v) && v.length > 0 && v.every(isIndexed) ? v : null;
  } catch {
    return null;
  }
}

function isIndexed(v: unknown): v is IndexedCommand {
  const o = v as Partial<IndexedCommand> | null;
  return typeof o?.name === 'string' && typeof o.term === 'string' && typeof o.description === 'string';
}

/**
 * Registers the indexed commands as stand-ins that only list themselves: for help and for an
 * unknown name, never for a command that runs (main.ts loads that one's module).
 */
export function addIndexedCommands(program: Command, index: readonly IndexedCommand[]): void {
  const terms = new Map(index.map((c) => [c.name, c.term]));
  const plain = new Help(); // for commander's own `help [command]`
  for (const c of index) program.command(c.name).description(c.description);
  program.configureHelp({ subcommandTerm: (c) => terms.get(c.name()) ?? plain.subcommandTerm(c) });
}
