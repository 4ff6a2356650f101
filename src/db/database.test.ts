import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../shared/errors.js';
import { openStore, resolveDatabase } from './database.js';

describe('where the store lives', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pfa-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says who chose the location: --db, PFA_DATABASE_URL or the default', () => {
    expect(resolveDatabase('/x/pfa.db', { PFA_DATABASE_URL: '/y/pfa.db' })).toEqual({ url: '/x/pfa.db', source: '--db' });
    expect(resolveDatabase(undefined, { PFA_DATABASE_URL: '/y/pfa.db' })).toEqual({ url: '/y/pfa.db', source: 'PFA_DATABASE_URL' });
    expect(resolveDatabase(undefined, { PFA_HOME: dir })).toEqual({ url: join(dir, 'pfa.db'), source: 'default' });
  });

  it('refuses a named path whose directory is missing instead of creating an empty store there', async () => {
    const typo = join(dir, 'typo', 'pfa.db');
    const err: unknown = await openStore(typo, { createDirectory: false, source: '--db' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(`--db ${typo}: directory ${join(dir, 'typo')} does not exist (create it first, or check the path for a typo)`);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    // an existing directory is fine, and the default location is still created
    const ok = await openStore(join(dir, 'pfa.db'), { createDirectory: false, source: '--db' });
    await ok.close();
    const made = await openStore(join(dir, 'home', 'pfa', 'pfa.db'));
    await made.close();
    expect(existsSync(join(dir, 'home', 'pfa', 'pfa.db'))).toBe(true);
  });
});
