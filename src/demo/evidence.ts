/**
 * The demo incidents' evidence: small log, metric and FIX files whose lines the demo records link
 * to (5-whys steps, factors, fishbone causes, timeline entries), so a first look shows evidence
 * links resolving to real lines. Ids are content-addressed as `pfa evidence add` makes them.
 */
import { createHash } from 'node:crypto';
import { encodeFixMessage } from '../evidence/fix/encode.js';

export interface DemoFile {
  incident: string;
  name: string;
  content: string;
  /** What `pfa evidence add` would sniff: log, fix or metrics. */
  kind: 'log' | 'fix' | 'metrics';
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** RSS of the order-book engine, one sample a minute: flat for an hour, then the leak's last climb. */
function memoryCsv(): string {
  const rows = ['time,process_resident_memory_bytes{job="ob-engine",host="ob-eq-01"},node_cpu_busy_pct{host="ob-eq-01"},ob_match_latency_p99_us{host="ob-eq-01"}'];
  const start = Date.parse('2025-11-19T12:30:00Z');
  for (let m = 0; m <= 92; m++) {
    const t = new Date(start + m * 60_000).toISOString().replace('.000Z', 'Z');
    // Deterministic wobble instead of randomness: the demo must be the same on every machine.
    const wobble = Math.sin(m * 1.7) * 0.02e9;
    const climb = m < 78 ? m * 0.004e9 : 0.312e9 + (m - 78) ** 2 * 0.045e9;
    const rss = Math.round(57.1e9 + climb + wobble);
    const cpu = (38 + Math.sin(m * 0.9) * 1.5).toFixed(1);
    const lat = (m < 78 ? 4 + Math.sin(m) * 0.2 : 4 + (m - 78) * 0.5).toFixed(2);
    if (m <= 92) rows.push(`${t},${rss},${cpu},${lat}`);
  }
  return `${rows.join('\n')}\n`;
}

function fixLog(): string {
  const fix = (time: string, fields: [number, string | number][]) => `${time} : ${encodeFixMessage('FIX.4.4', fields, { separator: '\x01' })}`;
  const hdr = (seq: number, sent: string): [number, string | number][] => [[49, 'OBGW01'], [56, 'CLIENT7'], [34, seq], [52, sent]];
  return lines(
    fix('20251119-14:01:50.002113', [[35, 'D'], ...hdr(9120, '20251119-14:01:50.002'), [11, 'C7-88410'], [55, 'MSFT'], [54, 1], [38, 200], [40, 2], [44, '421.10']]),
    fix('20251119-14:01:50.002391', [[35, '8'], ...hdr(9121, '20251119-14:01:50.002'), [11, 'C7-88410'], [37, 'OB-771201'], [17, 'E-1'], [150, '0'], [39, '0'], [55, 'MSFT'], [54, 1]]),
    fix('20251119-14:02:12.004871', [[35, '8'], ...hdr(9122, '20251119-14:02:12.004'), [11, 'C7-88411'], [37, 'NONE'], [17, 'E-2'], [150, '8'], [39, '8'], [55, 'AAPL'], [54, 2], [58, 'book unavailable']]),
    fix('20251119-14:02:13.118042', [[35, '8'], ...hdr(9123, '20251119-14:02:13.118'), [11, 'C7-88412'], [37, 'NONE'], [17, 'E-3'], [150, '8'], [39, '8'], [55, 'NVDA'], [54, 1], [58, 'book unavailable']]),
    fix('20251119-14:02:15.540300', [[35, '9'], ...hdr(9124, '20251119-14:02:15.540'), [11, 'C7-88413'], [41, 'C7-88410'], [37, 'OB-771201'], [39, '8'], [434, 1], [102, 3], [58, 'book unavailable']]),
    fix('20251119-14:21:41.000117', [[35, '8'], ...hdr(9125, '20251119-14:21:41.000'), [11, 'C7-88414'], [37, 'OB-771202'], [17, 'E-4'], [150, '0'], [39, '0'], [55, 'AAPL'], [54, 2]]),
  );
}

export const OOM_FILES: Record<'syslog' | 'app' | 'metrics' | 'fix', DemoFile> = {
  syslog: {
    incident: 'SYS-20251119-001',
    name: 'ob-eq-01-syslog.log',
    kind: 'log',
    content: lines(
      '2025-11-18T15:10:00.000000+00:00 ob-eq-01 alertmanager-relay[2211]: warning: MemoryHigh ob-eq-01 ob-engine at 80% of memory.max (acknowledged by on-call)',
      '2025-11-19T13:48:02.004113+00:00 ob-eq-01 ob-engine[48213]: warning: allocator free list exhausted, falling back to malloc',
      '2025-11-19T14:02:11.482801+00:00 ob-eq-01 kernel: ob-engine invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0',
      '2025-11-19T14:02:11.482913+00:00 ob-eq-01 kernel: Memory cgroup out of memory: Killed process 48213 (ob-engine) total-vm:71234560kB, anon-rss:62914560kB, file-rss:10240kB, shmem-rss:0kB, UID:1001 pgtables:123456kB oom_score_adj:0',
      "2025-11-19T14:02:11.530442+00:00 ob-eq-01 systemd[1]: ob-engine.service: Failed with result 'oom-kill'.",
      '2025-11-19T14:02:52.000000+00:00 ob-eq-01 watchdog[977]: err: ob-engine heartbeat missing for 40s: paging on-call',
      '2025-11-19T14:14:05.210000+00:00 ob-eq-02 ob-engine[1102]: notice: promoted to primary, journal replay started',
      '2025-11-19T14:21:40.118000+00:00 ob-eq-02 ob-gateway[1200]: notice: order entry re-enabled for all sessions',
    ),
  },
  app: {
    incident: 'SYS-20251119-001',
    name: 'ob-engine.log',
    kind: 'log',
    content: lines(
      '2025-11-19 13:30:00,000 INFO  [main] ob.Engine - uptime 6d 4h; resting orders 212,611',
      '2025-11-19 13:48:02,004 WARN  [match-3] ob.Book - free list exhausted, falling back to malloc',
      '2025-11-19 13:55:40,771 WARN  [match-5] ob.Book - order_index_ holds 41873220 entries for 212904 resting orders',
      '2025-11-19 14:01:58,113 WARN  [match-3] ob.Book - free list exhausted, falling back to malloc',
      '2025-11-19 14:02:09,870 ERROR [match-7] ob.Book - allocation of 4096 bytes took 2.3 ms',
    ),
  },
  metrics: { incident: 'SYS-20251119-001', name: 'ob-eq-01-metrics.csv', kind: 'metrics', content: memoryCsv() },
  fix: { incident: 'SYS-20251119-001', name: 'ob-gw-01.CLIENT7.messages.log', kind: 'fix', content: fixLog() },
};

export const DNS_FILES: Record<'resolver' | 'gateway', DemoFile> = {
  resolver: {
    incident: 'INC-20251126-001',
    name: 'trade-gw-01-resolver.log',
    kind: 'log',
    content: lines(
      '2025-11-26T10:27:31.902114+00:00 trade-gw-01 kernel: bnx2x 0000:3b:00.1 eth3: NIC Link is Down',
      '2025-11-26T10:27:35.000000+00:00 trade-gw-01 systemd-resolved[812]: error: Transaction 51233 for <ouch.nasdaq.example IN A> scope dns on eth3/10.1.0.53 timed out',
      '2025-11-26T10:27:40.000221+00:00 trade-gw-01 systemd-resolved[812]: error: All attempts to contact name servers or networks failed',
      '2025-11-26T10:37:30.000000+00:00 trade-gw-01 systemd-resolved[812]: notice: Switching to DNS server 10.2.0.53 (configured by operator)',
    ),
  },
  gateway: {
    incident: 'INC-20251126-001',
    name: 'ouch-gateway.log',
    kind: 'log',
    content: lines(
      '{"ts":1764152855000123456,"level":"error","msg":"Connection timeout to NASDAQ: getaddrinfo ouch.nasdaq.example: EAI_AGAIN"}',
      '{"ts":1764152890000000000,"level":"warn","msg":"reconnect attempt 3/10 failed"}',
      '{"ts":1764152925000000000,"level":"critical","msg":"circuit breaker open: exchange session down"}',
      '{"ts":1764153600000000000,"level":"info","msg":"session re-established with NASDAQ"}',
      '{"ts":1764153900000000000,"level":"info","msg":"trading resumed"}',
    ),
  },
};

export const DEMO_FILES: readonly DemoFile[] = [...Object.values(OOM_FILES), ...Object.values(DNS_FILES)];

/** The id `pfa evidence add` gives this file. */
export function demoEvidenceId(f: DemoFile): string {
  return `file-${createHash('sha256').update(f.content).digest('hex').slice(0, 12)}-${f.incident}`;
}

/**
 * An evidence link to a line (1-based) of a demo file; the line must exist.
 * @example demoLink(OOM_FILES.syslog, 4) // 'log:file-…-SYS-20251119-001#line 4'
 */
export function demoLink(f: DemoFile, line?: number, kind: 'log' | 'order' | 'metric' = 'log', series?: string): string {
  const id = demoEvidenceId(f);
  if (series) return `metric:${id}#${series}`;
  if (line === undefined) return `${kind}:${id}`;
  if (line < 1 || line > f.content.split('\n').length - 1) throw new Error(`demo file ${f.name} has no line ${line}`);
  return `${kind}:${id}#line ${line}`;
}
