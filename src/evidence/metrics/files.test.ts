import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readMetricFiles } from './files.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-metric-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A node-exporter style export: two services, a cpu step on one of them. */
const CSV = ['time,orders_cpu,carts_cpu', ...Array.from({ length: 30 }, (_, i) => `${1741944600 + 15 * i},${i > 20 ? 80 : 20 + (i % 3)},${30 + (i % 2)}`)].join('\n');

describe('readMetricFiles', () => {
  it('reads a gzip-compressed CSV as the CSV it holds, alone or from a directory', async () => {
    const sub = join(dir, 'rotated');
    mkdirSync(sub);
    writeFileSync(join(sub, 'node.csv.gz'), gzipSync(CSV));
    const direct = await readMetricFiles([join(sub, 'node.csv.gz')]);
    expect(direct.series.map((s) => [s.name, s.points.length])).toEqual([
      ['orders_cpu', 30],
      ['carts_cpu', 30],
    ]);
    expect(direct.files[0]).toMatchObject({ format: 'csv', rejectedRows: 0 });
    const listed = await readMetricFiles([sub]);
    expect(listed.series).toHaveLength(2);
  });

  it('refuses a corrupt gzip and other archive formats with the file named', async () => {
    const truncated = join(dir, 'cut.csv.gz');
    writeFileSync(truncated, gzipSync(CSV).subarray(0, 40));
    await expect(readMetricFiles([truncated])).rejects.toThrow(`cannot decompress ${truncated}`);
    const zst = join(dir, 'node.csv.zst');
    writeFileSync(zst, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]));
    await expect(readMetricFiles([zst])).rejects.toThrow(`${zst} is a zstd archive: decompress it first`);
  });
});
