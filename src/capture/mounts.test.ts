import { describe, expect, it } from 'vitest';
import { filesystemUsage, parseMountinfo, selectFilesystems } from './mounts.js';
import { MOUNTINFO } from './test-fixtures.js';

describe('mounts', () => {
  it('parses mountinfo, decoding octal escapes', () => {
    const m = parseMountinfo(MOUNTINFO);
    expect(m).toHaveLength(6);
    expect(m[5]).toEqual({ dev: '253:0', root: '/', mountPoint: '/mnt/my data', fstype: 'xfs', source: '/dev/mapper/vg-data' });
  });

  it('drops pseudo filesystems, hidden mounts and bind mounts of a listed filesystem', () => {
    const picked = selectFilesystems(parseMountinfo(MOUNTINFO));
    expect(picked.map((m) => [m.mountPoint, m.source])).toEqual([
      ['/', '/dev/sda1'],
      ['/dev/shm', 'shm'], // the later mount hides the first tmpfs on /dev/shm
      ['/mnt/my data', '/dev/mapper/vg-data'],
    ]);
  });

  it('computes usage as df does, keeping root-reserved blocks out of the usable space', () => {
    const [root] = selectFilesystems(parseMountinfo(MOUNTINFO));
    const fs = filesystemUsage(root!, { bsize: 4096, blocks: 1000, bfree: 400, bavail: 300, files: 100, ffree: 60 });
    expect(fs).toMatchObject({ size_bytes: 4096000, used_bytes: 2457600, avail_bytes: 1228800, used_pct: 66.67, inodes_used_pct: 40 });
    expect(filesystemUsage(root!, { bsize: 4096, blocks: 10, bfree: 10, bavail: 10, files: 0, ffree: 0 }).inodes_used_pct).toBeNull();
  });
});
