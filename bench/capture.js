// System state capture: accuracy of the pure /proc parsers on generated counters with known rates,
// agreement of a live capture with the standard tools (nproc, free, df, ss, vmstat) on this host,
// and speed of the parsers against a plain split pass over the same text. Run after `npm run build`:
//   node bench/capture.js [--reps 5]
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  captureSnapshot,
  countSocketStates,
  cpuUsage,
  diskRates,
  netRates,
  parseDiskstats,
  parseNetDev,
  parsePidStat,
  parseProcStat,
} from '../dist/capture/index.js';

const run = promisify(execFile);
const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1] ?? 5) || 5;

// ---- 1. accuracy on generated counters ------------------------------------------------------
// Random hosts: per-core jiffies, disk and NIC counters advanced by known amounts; the expected
// figures are computed independently here from the deltas, not from the module.
let rng = 12345;
const rand = (n) => {
  rng = (rng * 1103515245 + 12345) % 2147483648;
  return Math.floor((rng / 2147483648) * n);
};
let checks = 0;
let exact = 0;
const close = (a, b, tol = 0.011) => a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
for (let host = 0; host < 200; host++) {
  const cores = 1 + rand(64);
  const ms = 100 + rand(5000);
  const before = [];
  const after = [];
  const expectBusy = [];
  for (let c = 0; c < cores; c++) {
    const b = Array.from({ length: 8 }, () => rand(1e6));
    const d = Array.from({ length: 8 }, () => rand(500));
    before.push(`cpu${c} ${b.join(' ')} 0 0`);
    after.push(`cpu${c} ${b.map((x, i) => x + d[i]).join(' ')} 0 0`);
    const total = d.reduce((s, x) => s + x, 0);
    expectBusy.push(total === 0 ? null : ((total - d[3] - d[4]) / total) * 100);
  }
  const pa = parseProcStat(before.join('\n'));
  const pb = parseProcStat(after.join('\n'));
  pa.cores.forEach((core, i) => {
    checks++;
    const u = cpuUsage(core.times, pb.cores[i].times);
    if (expectBusy[i] === null ? u === null : close(u?.busy_pct ?? null, expectBusy[i])) exact++;
  });
  const reads = rand(100000);
  const sectors = rand(1e7);
  const readMs = rand(50000);
  const weighted = rand(20000);
  const da = parseDiskstats(` 259 0 nvme0n1 1000 0 5000 100 2000 0 9000 300 0 400 500 0 0 0 0 0 0`)[0];
  const db = parseDiskstats(` 259 0 nvme0n1 ${1000 + reads} 0 ${5000 + sectors} ${100 + readMs} 2000 0 9000 300 3 ${400 + Math.min(ms, readMs)} ${500 + weighted} 0 0 0 0 0 0`)[0];
  const io = diskRates(da, db, ms);
  checks += 4;
  if (close(io.read_iops, (reads * 1000) / ms)) exact++;
  if (close(io.read_mb_s, (sectors * 512) / 1e6 / (ms / 1000), 0.002)) exact++;
  if (reads === 0 ? io.avg_latency_ms === null : close(io.avg_latency_ms, readMs / reads)) exact++;
  if (close(io.queue_depth, weighted / ms)) exact++;
  const bytes = rand(1e9);
  const na = parseNetDev(`eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0`)[0];
  const nb = parseNetDev(`eth0: ${1000 + bytes} 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0`)[0];
  checks++;
  if (close(netRates(na, nb, ms).rx_mbps, (bytes * 8) / 1e6 / (ms / 1000), 0.002)) exact++;
}
console.log(`capture bench`);
console.log(`  generated counters: ${exact}/${checks} figures within rounding (${((exact / checks) * 100).toFixed(2)}%)`);

// ---- 2. agreement with standard tools on this host -----------------------------------------
const sh = (file, a) => {
  try {
    return execFileSync(file, a, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, timeout: 10000 });
  } catch {
    return null;
  }
};
const vmstatP = run('vmstat', ['1', '2'], { env: { ...process.env, LC_ALL: 'C' } }).catch(() => null);
const t0 = performance.now();
const snap = await captureSnapshot({ intervalMs: 1000, commands: [] });
const captureMs = performance.now() - t0;
const vm = await vmstatP;
const rows = [];
const agree = (what, ours, ref, tol, unit = '') => rows.push({ what, ours, ref, ok: ours !== null && ref !== null && Math.abs(ours - ref) <= tol, tol: `±${tol}${unit}` });
const nproc = sh('getconf', ['_NPROCESSORS_ONLN']);
agree('logical CPUs vs getconf', snap.host.cpu.logical_cores, nproc ? Number(nproc) : null, 0);
const free = sh('free', ['-b'])?.split('\n').find((l) => l.startsWith('Mem:'))?.trim().split(/\s+/);
agree('RAM total vs free -b (MiB)', snap.memory.total_bytes / 2 ** 20, free ? Number(free[1]) / 2 ** 20 : null, 0);
agree('RAM used vs free -b (MiB)', snap.memory.used_bytes / 2 ** 20, free ? Number(free[2]) / 2 ** 20 : null, Math.round(Math.max(64, (snap.memory.total_bytes / 2 ** 20) * 0.02)), ' MiB');
const df = sh('df', ['-P', '/'])?.trim().split('\n')[1]?.trim().split(/\s+/);
const root = snap.disk.filesystems.find((f) => f.mount === '/');
agree('/ used% vs df -P', root?.used_pct ?? null, df ? Number(df[4].replace('%', '')) : null, 1, ' pt');
const ss = sh('ss', ['-tanH']);
if (ss !== null) {
  const ssEstab = ss.split('\n').filter((l) => l.startsWith('ESTAB')).length;
  agree('TCP ESTAB vs ss -tan', snap.network.connections.tcp_established, ssEstab, Math.max(2, Math.round(ssEstab * 0.1)));
}
if (vm) {
  const last = vm.stdout.trim().split('\n').pop().trim().split(/\s+/).map(Number);
  // vmstat: us sy id wa st are the last five (or six with gu) columns; busy = 100 − id − wa.
  const header = vm.stdout.trim().split('\n')[1].trim().split(/\s+/);
  const id = last[header.indexOf('id')];
  const wa = last[header.indexOf('wa')];
  agree('CPU busy% vs vmstat 1 2', snap.cpu.busy_pct, 100 - id - wa, 15, ' pt');
}
const procCount = sh('sh', ['-c', 'ls /proc | grep -c "^[0-9]"']);
agree('processes vs ls /proc', snap.processes.total, procCount ? Number(procCount) : null, 10);
for (const r of rows) console.log(`  ${r.ok ? 'ok  ' : 'DIFF'} ${r.what.padEnd(30)} ours ${String(r.ours === null ? 'n/a' : +r.ours.toFixed(2)).padStart(10)}  tool ${String(r.ref === null ? 'n/a' : +r.ref.toFixed(2)).padStart(10)}  (${r.tol})`);
console.log(`  live agreement: ${rows.filter((r) => r.ok).length}/${rows.length} checks; unavailable items on this host: ${snap.unavailable.length}`);

// ---- 3. speed -------------------------------------------------------------------------------
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  fn(); // warm-up: let the JIT compile both sides before measuring
  const out = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
};
const plain = (text) => text.split('\n').map((l) => l.trim().split(/\s+/));
const tcpText = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode']
  .concat(Array.from({ length: 100000 }, (_, i) => `${String(i).padStart(5)}: 0A00000${i % 9}:${(1024 + (i % 60000)).toString(16).toUpperCase().padStart(4, '0')} 0A000002:01BB 0${1 + (i % 10)} 00000000:00000000 00:00000000 00000000  1000        0 ${100000 + i} 1 0000000000000000 20 4 30 10 -1`))
  .join('\n');
const pidLines = Array.from({ length: 20000 }, (_, i) => `${i + 1} (proc ${i}) S 1 ${i} ${i} 0 -1 4194304 100 0 0 0 ${i} ${i % 7} 0 0 20 0 ${1 + (i % 9)} 0 1000 1000000 ${i * 3} 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0`);
const pidText = pidLines.join('\n');
const diskText = Array.from({ length: 2000 }, (_, i) => ` 259 ${i} nvme${i}n1 ${i} 0 ${i * 8} ${i} ${i} 0 ${i * 8} ${i} 0 ${i} ${i} 0 0 0 0 0 0`).join('\n');
const cases = [
  ['/proc/net/tcp, 100k sockets', tcpText, () => countSocketStates(tcpText)],
  ['/proc/[pid]/stat, 20k processes', pidText, () => pidLines.map(parsePidStat)],
  ['/proc/diskstats, 2k devices', diskText, () => parseDiskstats(diskText)],
];
for (const [name, text, fn] of cases) {
  const ours = time(fn);
  const ref = time(() => plain(text));
  console.log(`  ${name.padEnd(34)} ${ours.toFixed(1).padStart(7)} ms   plain split ${ref.toFixed(1).padStart(7)} ms   ratio ${(ours / ref).toFixed(2)}x`);
}
const psT = performance.now();
sh('ps', ['-eo', 'pid,pcpu,rss,comm']);
const psMs = performance.now() - psT;
console.log(`  live capture: ${captureMs.toFixed(0)} ms total, ${(captureMs - snap.interval_ms).toFixed(0)} ms beyond the ${snap.interval_ms.toFixed(0)} ms interval; one 'ps -eo' run ${psMs.toFixed(0)} ms (ratio ${((captureMs - snap.interval_ms) / psMs).toFixed(2)}x)`);
