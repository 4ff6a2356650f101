import { describe, expect, it } from 'vitest';
import { runCommand, runCommands } from './commands.js';

const node = process.execPath;

describe('runCommand', () => {
  it('keeps the output of a command that succeeds, tailed when asked', async () => {
    const out = await runCommand({ command: 'count', file: node, args: ['-e', 'for (let i = 1; i <= 5; i++) console.log(i)'], tailLines: 2 });
    expect(out).toMatchObject({ command: 'count', exit_code: 0, output: '4\n5\n' });
    expect(out.unavailable).toBeUndefined();
  });

  it('records a missing, failing or hanging command as unavailable with the reason', async () => {
    // Node itself can take a second to start on a loaded machine: only the hanging one gets a short timeout.
    const [missing, failing] = await runCommands(
      [
        { command: 'nope', file: 'pfa-no-such-command-xyz', args: [] },
        { command: 'fail', file: node, args: ['-e', 'console.error("boom: not permitted"); process.exit(3)'] },
      ],
      { timeoutMs: 10_000 },
    );
    const hanging = await runCommand({ command: 'hang', file: node, args: ['-e', 'setTimeout(() => {}, 10000)'] }, { timeoutMs: 500 });
    expect(missing).toMatchObject({ exit_code: null, unavailable: 'not installed (pfa-no-such-command-xyz not found in PATH)' });
    expect(failing).toMatchObject({ exit_code: 3, unavailable: 'exited with code 3: boom: not permitted', output: 'boom: not permitted\n' });
    expect(hanging).toMatchObject({ exit_code: null, unavailable: 'timed out after 500 ms' });
    expect(hanging?.duration_ms).toBeLessThan(5000);
  });
});
