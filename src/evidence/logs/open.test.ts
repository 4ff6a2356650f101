import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInput } from './open.js';

describe('openInput', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfa-open-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, 'x\n');

  it('says in words why a path cannot be read, naming it', async () => {
    await expect(openInput(join(file, 'inside'))).rejects.toThrow(`cannot read ${join(file, 'inside')}: a part of the path is not a directory`);
    await expect(openInput(join(dir, 'nope.log'))).rejects.toThrow(`source not found: ${join(dir, 'nope.log')}`);
    await expect(openInput(dir)).rejects.toThrow(`${dir} is a directory: give the files in it`);
  });
});
