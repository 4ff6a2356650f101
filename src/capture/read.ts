/**
 * Adapter: reads the /proc and /sys files of the live host into a raw capture. No parsing beyond
 * listing directories happens here; a file that cannot be read is kept with the reason.
 */
import { readFile, readdir, readlink, realpath, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RawBlockDevice, RawCpuFreq, RawFsStat, RawNic, RawProcessDetail, RawReading, Listing, RawCapture } from './raw.js';
import type { StatFsNumbers } from './mounts.js';
import { read, unread, type Source } from './text.js';
import { nowNs } from '../shared/time.js';

/** Where the kernel's files are; other roots serve tests and containers that mount the host's /proc elsewhere. */
export interface HostPaths {
  proc: string;
  sys: string;
  osRelease: readonly string[];
}

export const DEFAULT_PATHS: HostPaths = { proc: '/proc', sys: '/sys', osRelease: ['/etc/os-release', '/usr/lib/os-release'] };

/** The reason of a failed read: the errno code and message (ENOENT, EACCES, EINVAL…). */
export function errorReason(err: unknown): string {
  if (err instanceof Error) return err.message.replace(/, (open|scandir|readlink|statfs) '.*'$/, '');
  return String(err);
}

/** Reads a file as text, or the reason it could not be read. */
export async function source(file: string): Promise<Source> {
  try {
    return read(await readFile(file, 'utf8'));
  } catch (err) {
    return unread(errorReason(err));
  }
}

async function firstSource(files: readonly string[]): Promise<Source> {
  let last: Source = unread('no file given');
  for (const f of files) {
    last = await source(f);
    if (last.ok) return last;
  }
  return last;
}

/** Files read at once: a host with tens of thousands of processes must not run out of descriptors. */
const CONCURRENCY = 64;

async function mapLimit<A, T>(items: readonly A[], fn: (a: A) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as A);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

async function listing<T>(dir: string, each: (name: string) => Promise<T | null>, filter: (name: string) => boolean = () => true): Promise<Listing<T>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(filter);
  } catch (err) {
    return { ok: false, reason: `${dir}: ${errorReason(err)}` };
  }
  const items = await mapLimit(names, each);
  return { ok: true, items: items.filter((x): x is Awaited<T> => x !== null) };
}

const isPid = (name: string) => /^\d+$/.test(name);

/**
 * One reading of the counters whose rates need two: CPU, disks, network, VM events, pressure and every
 * process's CPU time.
 * @example const first = await readReading(DEFAULT_PATHS);
 */
export async function readReading(p: HostPaths): Promise<RawReading & { wallNs: bigint }> {
  const wallNs = nowNs();
  const atMs = performance.now();
  const [stat, diskstats, netdev, vmstat, cpu, memory, io] = await Promise.all([
    source(`${p.proc}/stat`),
    source(`${p.proc}/diskstats`),
    source(`${p.proc}/net/dev`),
    source(`${p.proc}/vmstat`),
    source(`${p.proc}/pressure/cpu`),
    source(`${p.proc}/pressure/memory`),
    source(`${p.proc}/pressure/io`),
  ]);
  const pidStats = await listing(p.proc, async (pid) => {
    const s = await source(`${p.proc}/${pid}/stat`);
    return s.ok ? s.text : null;
  }, isPid);
  return { wallNs, atMs, stat, diskstats, netdev, vmstat, pressure: { cpu, memory, io }, pidStats };
}

async function isVirtual(sysPath: string): Promise<boolean> {
  try {
    return (await realpath(sysPath)).includes('/devices/virtual/');
  } catch {
    return false;
  }
}

async function readCpuFreq(p: HostPaths): Promise<Listing<RawCpuFreq>> {
  const dir = `${p.sys}/devices/system/cpu`;
  return listing(dir, async (cpu): Promise<RawCpuFreq | null> => {
    const base = `${dir}/${cpu}/cpufreq`;
    const [curKhz, maxKhz, governor] = await Promise.all([source(`${base}/scaling_cur_freq`), source(`${base}/cpuinfo_max_freq`), source(`${base}/scaling_governor`)]);
    // No cpufreq directory at all (VMs, drivers without frequency control): nothing to report for this CPU.
    if (!curKhz.ok && !maxKhz.ok && !governor.ok) return null;
    return { cpu, curKhz, maxKhz, governor };
  }, (n) => /^cpu\d+$/.test(n));
}

async function readBlockDevices(p: HostPaths): Promise<Listing<RawBlockDevice>> {
  const dir = `${p.sys}/block`;
  return listing(dir, async (name): Promise<RawBlockDevice> => {
    const base = `${dir}/${name}`;
    const [size, rotational, removable, model, virtual, slaves] = await Promise.all([
      source(`${base}/size`),
      source(`${base}/queue/rotational`),
      source(`${base}/removable`),
      source(`${base}/device/model`),
      isVirtual(base),
      readdir(`${base}/slaves`).catch(() => [] as string[]),
    ]);
    return { name, size, rotational, removable, model, virtual, slaves };
  });
}

async function readNics(p: HostPaths): Promise<Listing<RawNic>> {
  const dir = `${p.sys}/class/net`;
  return listing(dir, async (name): Promise<RawNic> => {
    const base = `${dir}/${name}`;
    const [type, operstate, mtu, speed, address, driver, virtual] = await Promise.all([
      source(`${base}/type`),
      source(`${base}/operstate`),
      source(`${base}/mtu`),
      source(`${base}/speed`),
      source(`${base}/address`),
      readlink(`${base}/device/driver`).then((l) => path.basename(l)).catch(() => null),
      isVirtual(base),
    ]);
    return { name, type, operstate, mtu, speed, address, driver, virtual };
  });
}

/**
 * statfs of each mount point, each bounded by a timeout: a hung network filesystem must not hang the
 * capture (the blocked call is abandoned, its thread freed when the kernel answers).
 */
export async function readStatfs(mountPoints: readonly string[], { timeoutMs = 1000 }: { timeoutMs?: number } = {}): Promise<RawFsStat[]> {
  return Promise.all(
    mountPoints.map(async (mountPoint): Promise<RawFsStat> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const st = await Promise.race([statfs(mountPoint), timeout]);
        const numbers: StatFsNumbers = { bsize: st.bsize, blocks: st.blocks, bfree: st.bfree, bavail: st.bavail, files: st.files, ffree: st.ffree };
        return { mountPoint, stat: { ok: true, numbers } };
      } catch (err) {
        return { mountPoint, stat: { ok: false, reason: errorReason(err) } };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** Details of the processes named in the top lists. */
export async function readProcessDetails(p: HostPaths, pids: readonly number[]): Promise<RawProcessDetail[]> {
  return Promise.all(
    pids.map(async (pid): Promise<RawProcessDetail> => {
      const base = `${p.proc}/${pid}`;
      const [status, cmdline, limits, fdCount] = await Promise.all([
        source(`${base}/status`),
        source(`${base}/cmdline`),
        source(`${base}/limits`),
        readdir(`${base}/fd`).then(
          (names) => ({ ok: true as const, count: names.length }),
          (err: unknown) => ({ ok: false as const, reason: errorReason(err) }),
        ),
      ]);
      return { pid, status, cmdline, limits, fdCount };
    }),
  );
}

type HostRaw = Omit<RawCapture, 'wallNs' | 'first' | 'second' | 'statfs' | 'processDetails' | 'commands'>;

/**
 * Everything that is read once: host description and the state files (memory, load, sockets, file
 * handles). Called right after the second reading so the state matches its time.
 * @example const host = await readHostState(DEFAULT_PATHS);
 */
export async function readHostState(p: HostPaths): Promise<HostRaw> {
  const [osRelease, procVersion, cpuinfo, cpufreq, meminfo, loadavg, uptime, fileNr, sockstat, sockstat6, tcp, tcp6, udp, udp6, blockDevices, nics, mountinfo] =
    await Promise.all([
      firstSource(p.osRelease),
      source(`${p.proc}/version`),
      source(`${p.proc}/cpuinfo`),
      readCpuFreq(p),
      source(`${p.proc}/meminfo`),
      source(`${p.proc}/loadavg`),
      source(`${p.proc}/uptime`),
      source(`${p.proc}/sys/fs/file-nr`),
      source(`${p.proc}/net/sockstat`),
      source(`${p.proc}/net/sockstat6`),
      source(`${p.proc}/net/tcp`),
      source(`${p.proc}/net/tcp6`),
      source(`${p.proc}/net/udp`),
      source(`${p.proc}/net/udp6`),
      readBlockDevices(p),
      readNics(p),
      source(`${p.proc}/self/mountinfo`),
    ]);
  return {
    hostname: os.hostname() || null,
    addresses: readAddresses(),
    kernel: { release: os.release() || null, version: os.version() || null, machine: os.machine() || null },
    osCpus: readOsCpus(),
    osRelease, procVersion, cpuinfo, cpufreq, meminfo, loadavg, uptime, fileNr, sockstat, sockstat6, tcp, tcp6, udp, udp6, blockDevices, nics, mountinfo,
  };
}

function readAddresses(): RawCapture['addresses'] {
  try {
    const items = Object.entries(os.networkInterfaces()).flatMap(([iface, infos]) =>
      (infos ?? []).map((i) => ({ iface, info: { address: i.address, family: i.family, internal: i.internal, cidr: i.cidr } })),
    );
    return { ok: true, items };
  } catch (err) {
    return { ok: false, reason: errorReason(err) };
  }
}

function readOsCpus(): RawCapture['osCpus'] {
  const cpus = os.cpus();
  return { model: cpus[0]?.model.trim() || null, count: cpus.length > 0 ? cpus.length : null };
}
