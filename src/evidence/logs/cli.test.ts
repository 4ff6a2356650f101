/** `pfa logs parse` as a user runs it (needs `npm run build`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useCli } from '../../test/cli.js';

const { pfa, dir } = useCli('pfa-logs-cli-');

describe('pfa logs parse', () => {
  it('reads a gzip-compressed rotated log from a decompressed copy, and says so', () => {
    const file = join(dir(), 'app.log.2.gz');
    writeFileSync(file, gzipSync('2025-11-26 10:27:35,123 ERROR [main] o.Gw - venue XNAS down\n2025-11-26 10:27:36,001 INFO [main] o.Gw - retrying\n'));
    const r = pfa(['logs', 'parse', '--jsonl', file]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { timestamp: string; level: string; message: string });
    expect(lines.map((l) => [l.timestamp, l.level, l.message])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error', 'venue XNAS down'],
      ['2025-11-26T10:27:36.001Z', 'info', 'retrying'],
    ]);
    expect(JSON.parse(r.stderr) as object).toMatchObject({ file, decompressed: 'gzip', stats: { format: 'text', lines: 2 } });
    const human = pfa(['logs', 'parse', file]);
    expect(human.stdout).toContain(`${file}: decompressed from gzip, format text, 2 lines, 2 parsed`);
  });
});
