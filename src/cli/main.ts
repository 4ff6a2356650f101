/** The `pfa` command line: global options, the domain commands, and the one error→exit mapping. */
import { Command, CommanderError } from 'commander';
import { addIndexedCommands, readCommandIndex } from './command-index.js';
import { EXIT, exitCodeFor, messageFor } from './exit.js';

type Register = (program: Command) => void;

/**
 * The command modules, each loaded only when needed: `pfa timeline …` should not pay for compiling
 * the server, the database drivers and the PDF renderer (a second of start-up when all are loaded).
 * A top-level name may be shared (`rca` gathers the subcommands of three domains); order is the
 * order of `pfa --help`.
 */
const MODULES: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['incident'], load: async () => (await import('../incidents/cli.js')).registerIncidentCommands },
  { names: ['policy', 'overdue'], load: async () => (await import('../policy/cli.js')).registerPolicyCommands },
  { names: ['audit'], load: async () => (await import('../audit/cli.js')).registerAuditCommands },
  { names: ['token'], load: async () => (await import('../auth/cli.js')).registerTokenCommands },
  { names: ['store'], load: async () => (await import('../store/cli.js')).registerStoreCommands },
  { names: ['serve'], load: async () => (await import('../server/cli.js')).registerServerCommands },
  { names: ['demo'], load: async () => (await import('../demo/cli.js')).registerDemoCommands },
  { names: ['capture'], load: async () => (await import('../capture/cli.js')).registerCaptureCommands },
  { names: ['rca'], load: async () => (await import('../analysis/rank/cli.js')).registerRcaCommands },
  { names: ['logs'], load: async () => (await import('../evidence/logs/cli.js')).registerLogCommands },
  { names: ['crash'], load: async () => (await import('../analysis/crash/cli.js')).registerCrashCommands },
  { names: ['timeline'], load: async () => (await import('../evidence/timeline/cli.js')).registerTimelineCommands },
  { names: ['templates'], load: async () => (await import('../analysis/templates/cli.js')).registerTemplateCommands },
  { names: ['evidence'], load: async () => (await import('../evidence/cli.js')).registerEvidenceCommands },
  { names: ['rca', 'kb'], load: async () => (await import('../analysis/suggest/cli.js')).registerSuggestCommands },
  { names: ['rca', 'curate'], load: async () => (await import('../postmortem/workspace/cli.js')).registerWorkspaceCommands },
  { names: ['postmortem'], load: async () => (await import('../postmortem/cli.js')).registerPostmortemCommands },
];

// Global options that take a value: the word after them is not the command's name.
const VALUE_OPTIONS = new Set(['--db', '--config']);

/**
 * The command name in argv (the first word that is not a global option or its value; for
 * `pfa help X`, X), or null.
 * @example commandName(['node', 'pfa', '--db', 'x.db', 'timeline', 'ID']) === 'timeline'
 */
export function commandName(argv: readonly string[]): string | null {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') return argv[i + 1] ?? null;
    if (!a.startsWith('-')) return a === 'help' ? commandName(['', '', ...argv.slice(i + 1)]) : a;
    if (VALUE_OPTIONS.has(a)) i++;
  }
  return null;
}

/**
 * The program with the modules of `command` registered. When it is null or not a known name
 * (help, a typo), commander must list or suggest every command: the build's command index stands
 * in for the modules, or, with `index: false` or without one, every module is loaded.
 */
export async function buildProgram(command: string | null = null, { index = true }: { index?: boolean } = {}): Promise<Command> {
  const program = new Command('pfa')
    .description('Post-failure analysis: incidents, timelines, root cause and post-mortems for trading infrastructure')
    .addHelpText('after', '\nRun `pfa --version` for the version, `pfa <command> --help` for a command.')
    .option('--db <url>', 'database: SQLite file path or postgres:// URL (default: $PFA_DATABASE_URL or ~/.local/share/pfa/pfa.db)')
    .option('--config <file>', 'configuration file, YAML or JSON (default: $PFA_CONFIG)')
    .option('--json', 'print machine-readable JSON')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const known = command !== null && MODULES.some((m) => m.names.includes(command));
  const indexed = !known && index ? readCommandIndex() : null;
  if (indexed) {
    addIndexedCommands(program, indexed);
    return program;
  }
  const wanted = MODULES.filter((m) => !known || m.names.includes(command));
  const registers = await Promise.all(wanted.map((m) => m.load()));
  for (const register of registers) register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export const VERSION = '0.1.0';

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `--version` is handled here rather than by commander, so that `incident update --version N` stays free.
  const rest = argv.slice(2);
  if (rest.length === 1 && (rest[0] === '--version' || rest[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  // `pfa … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
  });
  const program = await buildProgram(commandName(argv));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    // Commands that finish normally but must signal a finding (audit verify, overdue --fail) set exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version asked for are "errors" to commander (exit 0). Help printed because a
      // subcommand is missing (`pfa`, `pfa incident`) carries exit code 1: a usage error, like
      // the mistakes commander has already printed.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`pfa: ${messageFor(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}
