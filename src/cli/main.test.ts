import { describe, expect, it } from 'vitest';
import { buildProgram, commandName } from './main.js';

describe('commandName', () => {
  it('skips global options and their values', () => {
    expect(commandName(['node', 'pfa', '--db', 'x.db', '--json', 'timeline', 'SYS-1'])).toBe('timeline');
    expect(commandName(['node', 'pfa', '--config', 'c.yaml', 'rca', 'rank'])).toBe('rca');
    expect(commandName(['node', 'pfa', '--json'])).toBeNull();
    expect(commandName(['node', 'pfa', '--', 'logs'])).toBe('logs');
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
    const all = (await buildProgram(null)).commands.map((c) => c.name());
    expect(all).toEqual(expect.arrayContaining(['incident', 'timeline', 'templates', 'serve', 'postmortem', 'rca', 'kb']));
    expect((await buildProgram('timelin')).commands.length).toBe(all.length);
  });
});
