/** The `pfa` command line: global options, the domain commands, and the one error→exit mapping. */
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from '../audit/cli.js';
import { registerIncidentCommands } from '../incidents/cli.js';
import { registerPolicyCommands } from '../policy/cli.js';
import { registerServerCommands } from '../server/cli.js';
import { registerTokenCommands } from '../auth/cli.js';
import { registerDemoCommands } from '../demo/cli.js';
import { registerCaptureCommands } from '../capture/cli.js';
import { registerRcaCommands } from '../analysis/rank/cli.js';
import { registerLogCommands } from '../evidence/logs/cli.js';
import { registerCrashCommands } from '../analysis/crash/cli.js';
import { registerTimelineCommands } from '../evidence/timeline/cli.js';
import { registerTemplateCommands } from '../analysis/templates/cli.js';
import { registerEvidenceCommands } from '../evidence/cli.js';
import { registerSuggestCommands } from '../analysis/suggest/cli.js';
import { registerWorkspaceCommands } from '../postmortem/workspace/cli.js';
import { registerPostmortemCommands } from '../postmortem/cli.js';
import { EXIT, exitCodeFor, messageFor } from './exit.js';

export function buildProgram(): Command {
  const program = new Command('pfa')
    .description('Post-failure analysis: incidents, timelines, root cause and post-mortems for trading infrastructure')
    .addHelpText('after', '\nRun `pfa --version` for the version, `pfa <command> --help` for a command.')
    .option('--db <url>', 'database: SQLite file path or postgres:// URL (default: $PFA_DATABASE_URL or ~/.local/share/pfa/pfa.db)')
    .option('--config <file>', 'configuration file, YAML or JSON (default: $PFA_CONFIG)')
    .option('--json', 'print machine-readable JSON')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerIncidentCommands(program);
  registerPolicyCommands(program);
  registerAuditCommands(program);
  registerTokenCommands(program);
  registerServerCommands(program);
  registerDemoCommands(program);
  registerCaptureCommands(program);
  registerRcaCommands(program);
  registerLogCommands(program);
  registerCrashCommands(program);
  registerTimelineCommands(program);
  registerTemplateCommands(program);
  registerEvidenceCommands(program);
  registerSuggestCommands(program);
  registerWorkspaceCommands(program);
  registerPostmortemCommands(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code. */
export const VERSION = '0.1.0';

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
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    // Commands that finish normally but must signal a finding (audit verify, overdue --fail) set exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" to commander; usage mistakes were already printed by it.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`pfa: ${messageFor(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}
