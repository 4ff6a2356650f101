/**
 * Usage errors of the workspace and post-mortem verbs, in process: each is refused before the store
 * is opened, so these need no database.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerPostmortemCommands } from './cli.js';
import { registerWorkspaceCommands } from './workspace/cli.js';

/** Parses `pfa …args` and returns commander's error code and message, or null when the verb would run. */
async function refusal(args: string[]): Promise<{ exitCode: number; message: string } | null> {
  const errors: string[] = [];
  const program = new Command('pfa').exitOverride().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  program.option('--db <url>').option('--json');
  registerWorkspaceCommands(program);
  registerPostmortemCommands(program);
  try {
    // An in-memory store: a verb that passes the checks runs against an empty database and fails there.
    await program.parseAsync(['--db', ':memory:', ...args], { from: 'user' });
    return null;
  } catch (err) {
    if (err instanceof CommanderError) return { exitCode: err.exitCode, message: errors.join('') };
    return null;
  }
}

const ID = 'SYS-20251119-001';

describe('workspace and post-mortem verbs refuse what they do not take', () => {
  it.each([
    [['curate', ID, 'mark', 'T6', 'detection', 'extra'], /mark takes 2 words after it; unexpected "extra"/],
    [['curate', ID, 'show', 'T1'], /show takes no word after it; unexpected "T1"/],
    [['curate', ID, 'pin', 'T4', '--at', '2025-11-19T14:00:00Z'], /--at does not apply to pin/],
    [['curate', ID, 'add', '--event', 'x'], /usage: pfa curate SYS-20251119-001 add --at TIME --event TEXT/],
    [['curate', ID, 'frobnicate'], /unknown verb "frobnicate": expected show, add, pin/],
    [['rca', 'whys', ID, 'edit', 'W8', '--root-cause', '--not-root-cause'], /'--root-cause' cannot be used with option '--not-root-cause'/],
    [['rca', 'whys', ID, 'add', '--question', 'q', '--first', '--parent', 'W2'], /'--first' cannot be used with option '--parent/],
    [['rca', 'whys', ID, 'add', '--question', 'q', '--not-root-cause'], /--not-root-cause does not apply to add/],
    [['rca', 'whys', ID, 'remove', 'W1', 'W2'], /remove takes 1 word after it; unexpected "W2"/],
    [['rca', 'whys', ID, 'edit'], /usage: pfa rca whys SYS-20251119-001 edit STEP/],
    [['rca', 'fishbone', ID, 'remove', 'C1', 'C2'], /unexpected "C2"/],
    [['rca', 'factors', ID, 'reject', 'S3fa2', '--category', 'Tools'], /--category does not apply to reject/],
    [['rca', 'factors', ID, 'set', 'F1', 'maybe'], /the last word is the status, accepted or rejected/],
    [['rca', 'actions', ID, 'show', '--due', '2025-12-01'], /--due does not apply to show/],
    [['rca', 'actions', ID, 'adopt'], /usage: pfa rca actions SYS-20251119-001 adopt D…/],
    [['postmortem', ID, 'status', 'extra'], /status takes no word after it/],
    [['postmortem', ID, 'diff', '1', '2', '3'], /diff takes at most 2 words after it; unexpected "3"/],
    [['postmortem', ID, 'check', '--comment', 'x'], /--comment does not apply to check/],
    [['postmortem', ID, '--format', 'html', 'status'], /--format does not apply to status/],
  ])('%j is a usage error', async (args, message) => {
    const r = await refusal(args);
    expect(r, 'refused').not.toBeNull();
    expect(r?.exitCode).not.toBe(0); // the CLI maps every commander error to exit 2
    expect(r?.message).toMatch(message);
  });

  it.each([
    [['curate', ID, 'remove', 'T20', 'T19']],
    [['curate', ID, 'annotate', 'T4', 'two', 'words']],
    [['rca', 'whys', ID, 'edit', 'W8', '--not-root-cause']],
    [['postmortem', ID, 'diff', '1']],
    [['postmortem', ID]],
  ])('%j passes the checks', async (args) => {
    expect(await refusal(args)).toBeNull();
  });
});
