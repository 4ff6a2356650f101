import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUnder, serverFiles } from './roots.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pfa-roots-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isUnder', () => {
  it('takes the root and what is inside it, not a sibling that shares its prefix', () => {
    expect(isUnder('/var/log', '/var/log')).toBe(true);
    expect(isUnder('/var/log/nginx/access.log', '/var/log')).toBe(true);
    expect(isUnder('/var/log/..hidden', '/var/log')).toBe(true);
    expect(isUnder('/var/logs/app.log', '/var/log')).toBe(false);
    expect(isUnder('/var', '/var/log')).toBe(false);
    expect(isUnder('/etc/shadow', '/')).toBe(true);
  });
});

describe('serverFiles', () => {
  it('follows a root that is itself a symbolic link, named either way, and no further', async () => {
    const real = join(dir, 'real-logs');
    mkdirSync(real);
    writeFileSync(join(real, 'syslog'), 'x\n');
    const link = join(dir, 'logs');
    symlinkSync(real, link);
    expect(await serverFiles([link], join(link, 'syslog'))).toEqual([join(real, 'syslog')]);
    expect(await serverFiles([link], join(real, 'syslog'))).toEqual([join(real, 'syslog')]);
    await expect(serverFiles([link], join(dir, 'elsewhere'))).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(serverFiles([], join(real, 'syslog'))).rejects.toThrow(/attaching a file on the server by path is off/);
    await expect(serverFiles([link], `${link}/syslog\0`)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
