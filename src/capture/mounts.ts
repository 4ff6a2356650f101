/**
 * Mounted filesystems from `/proc/self/mountinfo`: which ones hold data worth a usage figure, once each,
 * and their usage from statfs numbers.
 */
import type { Filesystem } from './schema.js';
import { fields, lines, pct } from './text.js';

export interface Mount {
  /** `major:minor` of the filesystem: the same for every bind mount of it. */
  dev: string;
  /** Path inside the filesystem that is mounted (`/` unless a bind mount of a subtree). */
  root: string;
  mountPoint: string;
  fstype: string;
  source: string;
}

/** Kernel-internal filesystems whose "usage" means nothing. tmpfs stays: a full /dev/shm breaks shared-memory apps. */
const PSEUDO = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'securityfs', 'debugfs', 'tracefs', 'pstore', 'bpf',
  'mqueue', 'hugetlbfs', 'configfs', 'fusectl', 'binfmt_misc', 'autofs', 'rpc_pipefs', 'nsfs', 'efivarfs',
  'selinuxfs', 'ramfs', 'squashfs', 'iso9660', 'fuse.gvfsd-fuse', 'fuse.portal',
]);

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/**
 * Parses `/proc/self/mountinfo`.
 * @example parseMountinfo('27 1 254:0 / / rw - ext4 /dev/vda rw\n')[0]?.fstype === 'ext4'
 */
export function parseMountinfo(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of lines(text)) {
    const f = fields(line);
    const sep = f.indexOf('-', 6);
    if (sep < 0 || f.length < sep + 3) continue;
    out.push({
      dev: f[2] ?? '',
      root: unescape(f[3] ?? ''),
      mountPoint: unescape(f[4] ?? ''),
      fstype: f[sep + 1] ?? '',
      source: unescape(f[sep + 2] ?? ''),
    });
  }
  return out;
}

/**
 * The filesystems to report: not pseudo, only the top mount of each mount point, and each filesystem once
 * (bind mounts share its `dev`), under its shortest mount point, preferring a mount of the filesystem's root over a bind of a subtree.
 * @example selectFilesystems(parseMountinfo(text)).map((m) => m.mountPoint)
 */
export function selectFilesystems(mounts: readonly Mount[]): Mount[] {
  // A later mount on the same point hides the earlier one: only the top of the stack is reachable.
  const visible = new Map<string, Mount>();
  for (const m of mounts) {
    visible.delete(m.mountPoint);
    visible.set(m.mountPoint, m);
  }
  const best = new Map<string, Mount>();
  for (const m of visible.values()) {
    if (PSEUDO.has(m.fstype)) continue;
    const prev = best.get(m.dev);
    if (!prev || better(m, prev)) best.set(m.dev, m);
  }
  return [...best.values()].sort((a, b) => a.mountPoint.localeCompare(b.mountPoint));
}

function better(m: Mount, prev: Mount): boolean {
  if ((m.root === '/') !== (prev.root === '/')) return m.root === '/';
  return m.mountPoint.length < prev.mountPoint.length;
}

/** The numbers of `fs.statfs`, block counts in units of `bsize`. */
export interface StatFsNumbers {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
}

/**
 * Usage of one filesystem as df computes it: used = blocks − free; use% = used / (used + available to
 * unprivileged users), so the root-reserved blocks count as unusable.
 * @example filesystemUsage(mount, { bsize: 4096, blocks: 100, bfree: 40, bavail: 30, files: 10, ffree: 5 }).used_pct === 66.67
 */
export function filesystemUsage(m: Mount, st: StatFsNumbers): Filesystem {
  const used = Math.max(0, st.blocks - st.bfree);
  const usable = used + st.bavail;
  return {
    mount: m.mountPoint,
    device: m.source,
    fstype: m.fstype,
    size_bytes: st.blocks * st.bsize,
    used_bytes: used * st.bsize,
    avail_bytes: st.bavail * st.bsize,
    used_pct: pct(used, usable),
    // Filesystems without an inode table (btrfs, vfat, tmpfs with nr_inodes=0) report 0 files.
    inodes_used_pct: st.files > 0 ? pct(st.files - st.ffree, st.files) : null,
  };
}
