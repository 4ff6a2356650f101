/**
 * Parsers for the host description files: `/proc/cpuinfo`, `/etc/os-release`, `/proc/loadavg`,
 * `/proc/uptime` and `/proc/sys/fs/file-nr`.
 */
import { fields, lines, round, toCount, toNumber } from './text.js';

export interface CpuInfo {
  model: string | null;
  logicalCores: number;
  /** Distinct (physical id, core id) pairs; null when the file does not give the topology (ARM, some VMs). */
  physicalCores: number | null;
  sockets: number | null;
  /** Mean of the per-CPU `cpu MHz` lines (x86 only). */
  mhzAverage: number | null;
}

/** Common server cores by ARM implementer and part number (as in util-linux lscpu), for cpuinfo files with no model name. */
const ARM_PARTS: Readonly<Record<string, string>> = {
  '0x41/0xd03': 'ARM Cortex-A53',
  '0x41/0xd07': 'ARM Cortex-A57',
  '0x41/0xd08': 'ARM Cortex-A72',
  '0x41/0xd0c': 'ARM Neoverse-N1',
  '0x41/0xd40': 'ARM Neoverse-V1',
  '0x41/0xd49': 'ARM Neoverse-N2',
  '0x41/0xd4f': 'ARM Neoverse-V2',
  '0xc0/0xac3': 'Ampere-1',
};

/**
 * Parses `/proc/cpuinfo`: one block per logical CPU.
 * @example parseCpuinfo('processor\t: 0\nmodel name\t: Xeon\ncpu MHz\t: 2000\n').model === 'Xeon'
 */
export function parseCpuinfo(text: string): CpuInfo {
  const cpus: Map<string, string>[] = [];
  // Lines outside the per-CPU blocks describe the machine (ARM "Hardware", s390 "vendor_id").
  const machine = new Map<string, string>();
  let current: Map<string, string> | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'processor' && /^\d+$/.test(value)) {
      current = new Map();
      cpus.push(current);
    }
    (current ?? machine).set(key, value);
  }
  const model = (cpus[0] ? modelOf(cpus[0]) : null) ?? modelOf(machine);
  const topology = cpus.filter((b) => b.has('physical id') && b.has('core id'));
  const physicalCores = topology.length === cpus.length && cpus.length > 0 ? new Set(topology.map((b) => `${b.get('physical id')}/${b.get('core id')}`)).size : null;
  const sockets = topology.length === cpus.length && cpus.length > 0 ? new Set(topology.map((b) => b.get('physical id'))).size : null;
  const mhz = cpus.map((b) => toNumber(b.get('cpu mhz'))).filter((v): v is number => v !== null);
  return {
    model,
    logicalCores: cpus.length,
    physicalCores,
    sockets,
    mhzAverage: mhz.length > 0 ? round(mhz.reduce((a, b) => a + b, 0) / mhz.length, 1) : null,
  };
}

function modelOf(b: Map<string, string>): string | null {
  for (const key of ['model name', 'cpu model', 'cpu']) {
    const v = b.get(key);
    if (v) return v.replace(/\s+/g, ' ');
  }
  const impl = b.get('cpu implementer');
  const part = b.get('cpu part');
  if (impl && part) return ARM_PARTS[`${impl.toLowerCase()}/${part.toLowerCase()}`] ?? `ARM implementer ${impl} part ${part}`;
  return null;
}

/**
 * Parses an os-release file (shell-style `KEY=value`, values optionally quoted).
 * @example parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n').PRETTY_NAME === 'Debian GNU/Linux 12 (bookworm)'
 */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines(text)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    let v = (m[2] ?? '').trim();
    const q = v[0];
    if ((q === '"' || q === "'") && v.endsWith(q) && v.length >= 2) v = v.slice(1, -1);
    out[m[1]] = v.replace(/\\(["'$`\\])/g, '$1');
  }
  return out;
}

export interface LoadAvg {
  one: number;
  five: number;
  fifteen: number;
  runnable: number | null;
  threads: number | null;
}

/**
 * Parses `/proc/loadavg`: `0.52 0.58 0.59 3/1234 5678`.
 * @example parseLoadavg('0.52 0.58 0.59 3/1234 5678\n')?.five === 0.58
 */
export function parseLoadavg(text: string): LoadAvg | null {
  const [a, b, c, tasks] = fields(text);
  const one = toNumber(a);
  const five = toNumber(b);
  const fifteen = toNumber(c);
  if (one === null || five === null || fifteen === null) return null;
  const [running, total] = (tasks ?? '').split('/');
  return { one, five, fifteen, runnable: toCount(running), threads: toCount(total) };
}

/**
 * Seconds since boot from `/proc/uptime`.
 * @example parseUptime('1154.16 1519.68\n') === 1154.16
 */
export function parseUptime(text: string): number | null {
  return toNumber(fields(text)[0]);
}

export interface FileNr {
  open: number | null;
  /** null when the kernel's limit is beyond a safe integer (LONG_MAX means no limit). */
  max: number | 'unlimited' | null;
}

/**
 * Parses `/proc/sys/fs/file-nr`: allocated, free, max. Open = allocated − free.
 * @example parseFileNr('670\t0\t2466170\n') → { open: 670, max: 2466170 }
 */
export function parseFileNr(text: string): FileNr {
  const [alloc, free, max] = fields(text).map((x) => toNumber(x));
  const open = alloc !== null && alloc !== undefined && free !== null && free !== undefined ? Math.max(0, alloc - free) : null;
  let limit: FileNr['max'] = null;
  if (max !== null && max !== undefined) limit = Number.isSafeInteger(max) && max >= 0 ? max : max > Number.MAX_SAFE_INTEGER ? 'unlimited' : null;
  return { open: open !== null && Number.isSafeInteger(open) ? open : null, max: limit };
}
