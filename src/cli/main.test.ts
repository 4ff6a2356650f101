import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addIndexedCommands, commandIndex, readCommandIndex } from './command-index.js';
import { buildProgram, commandName } from './main.js';

const BIN = resolve(import.meta.dirname, '../../bin/pfa.js');

describe('commandName', () => {
  it('skips global options and their values', () => {
    expect(commandName(['node', 'pfa', '--db', 'x.db', '--json', 'timeline', 'SYS-1'])).toBe('timeline');
    expect(commandName(['node', 'pfa', '--config', 'c.yaml', 'rca', 'rank'])).toBe('rca');
    expect(commandName(['node', 'pfa', '--json'])).toBeNull();
    expect(commandName(['node', 'pfa', '--', 'logs'])).toBe('logs');
  });

  it('takes the command that `pfa help` is asked about', () => {
    expect(commandName(['node', 'pfa', 'help', 'timeline'])).toBe('timeline');
    expect(commandName(['node', 'pfa', 'help'])).toBeNull();
  });
});

describe('buildProgram', () => {
  it('registers only the modules of the command given, every module of a shared name', async () => {
    const names = (p: Awaited<ReturnType<typeof buildProgram>>) => p.commands.map((c) => c.name());
    expect(names(await buildProgram('logs'))).toEqual(['logs']);
    const rca = (await buildProgram('rca')).commands;
    expect(rca.map((c) => c.name())).toEqual(['rca', 'kb', 'curate']);
    // rank (analysis), suggest and the workspace's whys all hang under the one `rca`
    const sub = rca[0]?.commands.map((c) => c.name()) ?? [];
    expect(sub).toEqual(expect.arrayContaining(['rank', 'suggest', 'whys']));
  });

  it('registers everything for help or an unknown name, so commander can list and suggest', async () => {
    // Under the TypeScript runner there is no built index: every module is loaded.
    const all = (await buildProgram(null, { index: false })).commands.map((c) => c.name());
    expect(all).toEqual(expect.arrayContaining(['incident', 'timeline', 'templates', 'serve', 'postmortem', 'rca', 'kb']));
    expect((await buildProgram('timelin', { index: false })).commands.length).toBe(all.length);
  });
});

describe('the command index (help without loading every module)', () => {
  it('lists every command as the modules themselves would, and is what the build wrote', async () => {
    const full = await buildProgram(null, { index: false });
    const index = commandIndex(full);
    expect(index.find((c) => c.name === 'templates')?.term).toBe('templates [options] <files...>');
    const stand = new Command('pfa');
    addIndexedCommands(stand, index);
    const commands = (p: Command) => p.helpInformation().split('Commands:\n')[1];
    expect(commands(stand)).toContain('timeline [options] [sources...]');
    expect(commands(stand)).toBe(commands(full));
    // npm test builds first: the compiled index must be this source's
    expect(readCommandIndex(pathToFileURL(resolve(import.meta.dirname, '../../dist/cli/commands.json')))).toEqual(index);
  });

  it('refuses an unreadable or malformed index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-index-'));
    try {
      expect(readCommandIndex(pathToFileURL(join(dir, 'none.json')))).toBeNull();
      writeFileSync(join(dir, 'bad.json'), '[{"name":"x"}]');
      expect(readCommandIndex(pathToFileURL(join(dir, 'bad.json')))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves `pfa --help`, a misspelt command and `pfa help X` from the built CLI', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^ {2}timeline \[options\] \[sources\.\.\.\] +reconstruct the timeline/m);
    expect(help.stdout).toMatch(/^ {2}help \[command\] +display help for command$/m);
    const typo = run('timlin');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('(Did you mean timeline?)');
    const one = run('help', 'crash');
    expect(one.stdout).toContain('--core <core>');
  });
});

describe('help without a subcommand', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('is a usage error (exit 2, help on stderr) when the subcommand is missing, exit 0 on stdout when asked for', () => {
    for (const args of [[], ['incident']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Usage: pfa /);
    }
    for (const args of [['--help'], ['incident', '--help'], ['help']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: pfa /);
    }
  });
});
