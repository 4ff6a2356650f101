/**
 * `pfa rca whys|fishbone|factors|actions ID [VERB …]` and `pfa curate ID [VERB …]`: the root-cause
 * workspace from the command line. Each verb is one service call; with no verb the command shows.
 * A verb's words and options are checked first (cli-args.ts): what it does not take is a usage error.
 */
import type { Command } from 'commander';
import { registerCurateCommand } from './cli-curate.js';
import { registerProposalCommands } from './cli-proposals.js';
import { registerRcaTreeCommands } from './cli-rca.js';

export function registerWorkspaceCommands(program: Command): void {
  const rca = program.commands.find((c) => c.name() === 'rca') ?? program.command('rca').description('root-cause analysis');
  registerRcaTreeCommands(rca);
  registerProposalCommands(rca);
  registerCurateCommand(program);
}
