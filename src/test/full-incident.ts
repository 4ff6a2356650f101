/**
 * A valid incident with every field of every section filled, including `other: …` choices and text
 * built to trip parsers and renderers (heading-like lines, blank lines, escapes, unicode, HTML).
 * full-incident.test.ts walks the schema so this stays complete when the schema grows.
 */
import { z } from 'zod';
import { incidentSchema, type Incident } from '../incidents/schema/index.js';

/** Multi-line text that looks like form structure, Markdown and HTML. */
export const TRICKY_TEXT = [
  '',
  'Order-book engine stopped publishing — café 日本語 🚀',
  '  indented line, kept as is',
  '',
  'INITIAL SYMPTOMS:',
  '================================================================================',
  'ROOT CAUSE ANALYSIS',
  '1. looks like a numbered entry',
  '- looks like a bullet',
  '[x] looks like a ticked box',
  '[10:32:15] looks like a stamp',
  '\\starts with a backslash and ends with one\\',
  'trailing spaces   ',
  '____',
  '<img src=x onerror=alert(1)> | pipes | `code` [link](javascript:alert(1))',
  '# heading',
  '"quoted"',
  '',
].join('\n');

/** One-line text with separators that rows and lists must survive. */
export const TRICKY_LINE = 'a, "b" | <c> Date: d [x] # e';

const base = {
  id: 'SYS-20251126-001',
  status: 'postmortem',
  version: 3,
  created_at: '2025-11-26T10:31:00.000000Z',
  updated_at: '2025-11-27T09:00:00.000000Z',
  kind: 'sys',
  title: 'Order-book engine OOM-killed during NASDAQ open <script>alert(1)</script>',
  severity: 'P1',
  started_at: '2025-11-26T10:27:35.123456789Z',
  ended_at: '2025-11-26T10:45:00.5Z',
  component: 'other: FPGA feed handler "v2" [x]',
  failure_type: 'memory_exhaustion',
  summary: {
    description: 'Order-book engine was OOM-killed.\n\nTrading halted for 15 minutes.',
    executive_summary: TRICKY_TEXT,
    impact_headline: 'Trading halted on NASDAQ | 15 min',
    incident_commander: 'Jane Doe',
    responders: ['Bob Johnson', 'Smith, Alice', '"Q" Quinn'],
  },
  symptoms: {
    initial: 'Latency p99 rose from 8µs to 2.4ms.\nThen the book stopped updating.',
    error_messages: 'kernel: Out of memory: Killed process 4242 (obengine)\nERROR MESSAGES: repeated\nWARNING SIGNS (if any): none',
    behavior_before_failure: TRICKY_TEXT,
    warning_signs: 'RSS grew 2 GB/h since the 09:00 deploy',
  },
  system_state: {
    specs: {
      hostname: 'ny4-trade-07',
      ip_addresses: ['10.1.2.7', '192.168.0.7', 'fe80::1'],
      operating_system: 'RHEL 9.4',
      kernel_version: '5.14.0-427.el9.x86_64',
      cpu_model: 'Intel Xeon Gold 6346',
      cpu_cores: 32,
      cpu_speed: '3.1 GHz, turbo 3.6 GHz',
      total_ram: '256 GB',
      available_ram: '0.4 GB',
      storage_type: 'NVMe',
      total_storage: '3.8 TB',
      network_cards: 'Solarflare X2522 (2x25G)',
    },
    cpu: { overall_pct: 97.5, per_core: 'cores 2-5 at 100%', load_average: '31.2/24.8/12.1', context_switches_per_sec: 1250000, interrupts_per_sec: 480000 },
    memory: {
      used_gb: 255.6,
      total_gb: 256,
      used_pct: 99.8,
      free_gb: 0.4,
      cached_gb: 1.2,
      buffers_gb: 0.1,
      swap_used_gb: 0,
      swap_total_gb: 0,
      swap_pct: 0,
      page_faults_per_sec: 1.5e6,
      pressure: 'critical',
    },
    disk: { read_iops: 1200, write_iops: 35000, read_mb_s: 12.5, write_mb_s: 410, avg_latency_ms: 0.08, queue_depth: 4, usage_pct: 61 },
    network: {
      inbound_mbps: 9400,
      outbound_mbps: 120,
      packets_received_per_sec: 2100000,
      packets_sent_per_sec: 45000,
      errors_drops: 'rx_missed 1842',
      connection_count: 312,
    },
    processes: { total: 412, zombies: 1, high_cpu: 'obengine (3100%)', high_memory: 'obengine (250 GB)', open_fds: 60211, fd_limit: 65536, threads: 1893 },
    snapshots: ['snap-20251126-102800', 'snap, with comma'],
    captured_at: '2025-11-26T10:28:00.123456Z',
  },
  failure: {
    first_indication_at: '2025-11-26T10:27:35.123456789Z',
    complete_failure_at: '2025-11-26T10:28:45Z',
    degradation_duration: '70s',
    mode: 'gradual_degradation',
    crash_dump: { available: 'partial', location: '/var/crash/127.0.0.1-2025-11-26-10:28:45/vmcore' },
    core_dump: {
      backtrace: '#0  0x00007f3a in std::vector<Order>::push_back (this=0x5581)\n#1  0x000055 in OrderBook::add (book.cpp:120)\n\n#2  main ()',
      faulting_address: '0x00007f3a2c1b4e10',
      signal: 'SIGKILL (9)',
      registers: 'rip 0x7f3a2c1b4e10\nrsp 0x7ffd5e8a1f00',
      thread_state: 'Thread 1 (LWP 4242): running\nThread 2 (LWP 4243): futex_wait',
    },
    logs: {
      syslog: 'Nov 26 10:28:45 ny4-trade-07 kernel: oom-kill:constraint=CONSTRAINT_NONE\nSignal Received: 9',
      dmesg: '[12345.678901] Out of memory: Killed process 4242 (obengine) total-vm:268435456kB',
      application: '2025-11-26T10:27:35.123Z WARN book: stale entries=1.2M\n    at cleanup (book.cpp:88)',
    },
  },
  analysis: {
    methodology: ['code_review', 'log_analysis', 'other: Packet capture, tcpdump', 'memory_profiling'],
    what_happened: 'Stale order-book entries were never removed.\n\n5 WHYS: see below',
    five_whys: [
      { id: 'W1', question: 'Why did the engine stop?', answer: 'It was OOM-killed.', evidence: ['log:file-0123456789ab-SYS-20251126-001#line 2', 'crash:oom_kill|ob-engine'] },
      { id: 'W2', parent: 'W1', question: 'Why did memory run out?\nSecond line of the question', answer: 'Entries leaked.\n\nAnswer: still leaking', root_cause: false },
      { id: 'W3', parent: 'W2', question: 'Why were entries never removed?', answer: 'No TTL-based cleanup existed.', root_cause: true, evidence: ['metric:file-abcdef012345-SYS-20251126-001#mem_used{service="orders",pod="a, b"}'] },
      { question: 'Why was the leak not seen in testing?', answer: 'No soak test.' },
    ],
    root_cause: 'Missing automatic cleanup for stale order-book entries',
    technical_explanation: TRICKY_TEXT,
    contributing_factors: [
      { id: 'F1', description: 'No memory alert below 95%', details: 'Threshold set at 98% in 2023.', kind: 'metric', status: 'accepted', category: 'Tools', score: 12.5, evidence: ['metric:file-abcdef012345-SYS-20251126-001#mem_used'] },
      { id: 'F2', description: 'Similar to a past incident', kind: 'similar_incident', status: 'rejected', score: 0.41, evidence: ['incident:SYS-20251001-002'] },
      { description: 'Deploy at 09:00 doubled the symbol set\n   with an indented continuation', details: 'Details: nested label' },
    ],
    fishbone: {
      effect: 'Order book unavailable',
      categories: ['Technology', 'Process', 'Market data'],
      causes: [
        { id: 'C1', category: 'Technology', cause: 'Leak in stale order cleanup', factor: 'F1', evidence: ['log:file-0123456789ab-SYS-20251126-001#line 2'] },
        { category: 'Process', cause: 'No soak test\nbefore release' },
      ],
    },
    code_issues: {
      code_location: 'src/book/order_book.cpp:120\nsrc/book/cleanup.cpp:40',
      configuration_error: 'book.ttl_ms = 0',
      resource_limitation: 'cgroup memory.max unset',
    },
    why_not_caught: ['threshold_too_high', 'new_code_deployed', 'other: Load test used 10% of symbols'],
    why_not_caught_explanation: 'Load tests ran with a tenth of production symbols.',
    tags: ['oom', 'order-book', 'memory leak', 'tag, with comma'],
  },
  impact: {
    summary: 'Trading halted on NASDAQ for 15 minutes.',
    trading: {
      downtime: '15m',
      strategies_affected: 'mm-nasdaq-1\nstat-arb-3',
      orders_lost: 437,
      orders_failed: 12,
      financial_loss_usd: 25000.5,
      financial_loss_notes: 'Opportunity cost only; positions were protected.',
    },
    technical: '437 orders cancelled\nMarket making stopped for 12 symbols',
    financial: 'Estimated opportunity cost: $25,000',
    customer: 'Internal only; risk desk lacked live positions.',
    recovery: { detection_time: '3m', diagnosis_time: '5m', fix_time: '2m30s', verification_time: '4m', total_time: '15m' },
    sla: { rto: '5m', actual_recovery: '15m', met: 'no', variance: '+10m' },
    data_loss: { kinds: ['log', 'other: audit trail gap'], details: 'Application log lost for 10:28:40–10:28:45.' },
    downstream_effects: 'Risk engine flagged stale positions.',
    regulatory_reporting_required: false,
    circuit_breaker_activated: true,
    emergency_halt: true,
  },
  response: {
    detection_methods: ['automated_alert', 'user_report'],
    emergency_response: [
      { time: '10:29:00', action: 'PagerDuty alert sent' },
      { time: '10:30:00.250', action: 'On-call acknowledged\nand joined the bridge' },
      { time: 'T+5m [approx]', action: '[x] halted strategies' },
    ],
    recovery_steps: [
      { step: 'Restart obengine with 128 GB cap', result: 'Started; book rebuilt in 40s' },
      { step: 'Enable TTL cleanup (ttl_ms=60000)', result: 'RSS flat at 41 GB' },
    ],
    failover: {
      executed: 'yes',
      from_system: 'ny4-trade-07',
      to_system: 'ny4-trade-08',
      failover_time: '45s',
      data_sync_status: 'in sync at 10:31:10',
      success: 'partial',
    },
  },
  resolution: {
    workaround: { description: 'Restarted with a memory cap and a cron purge.', implemented_at: '2025-11-26T10:40:00Z', effectiveness: 'partial' },
    permanent_fix: {
      description: 'Periodic cleanup with TTL of stale entries.\n\nFix Type: code change',
      types: ['code_change', 'configuration_change', 'other: Runbook change'],
      code_changes: { repository: 'git@example.com:trading/obengine.git', branch: 'fix/book-ttl', commit: '9f1c2ab', files_modified: 'src/book/order_book.cpp\nsrc/book/cleanup.cpp' },
      configuration_changes: [
        { file: '/etc/obengine/book.yaml', parameter: 'ttl_ms', old_value: '0', new_value: '60000' },
        { file: '/etc/systemd/system/obengine.service', parameter: 'MemoryMax Old Value: x', old_value: 'infinity', new_value: '128G' },
      ],
      hardware_changes: { component: 'DIMM B2', old_part: 'M393A4K40DB3', new_part: 'M393A4K40EB3', serial_numbers: 'S1234, S5678' },
      system_changes: { package: 'obengine', old_version: '4.2.0', new_version: '4.2.1' },
    },
    testing: {
      unit: 'TTL cleanup removes entries older than ttl_ms',
      integration: 'Replay of 2025-11-26 09:30–10:30 feed',
      stress: '10x symbol set for 4h: RSS flat',
      regression: 'Full suite green',
      result: 'all_passed',
    },
    deployment: {
      window_start: '2025-11-27T02:00:00Z',
      window_end: '2025-11-27T03:00:00Z',
      type: 'scheduled_maintenance',
      rollback_plan: 'Redeploy 4.2.0 and restore book.yaml\nthen restart',
    },
    verification: {
      deployed_at: '2025-11-27T02:20:00.000001Z',
      period: '7 days',
      monitoring_enhanced: 'yes',
      follow_up_tests_passed: 'ongoing',
      success_criteria: ['RSS flat over a trading day', 'No OOM for 30 days', '3. numbered-looking criterion'],
      all_criteria_met: 'partial',
    },
  },
  lessons: {
    went_well: ['Circuit breaker activated correctly', 'PagerDuty alert delivered promptly\n- with a bullet-looking line'],
    went_poorly: ['DNS failover not configured', 'Detection took 3 minutes'],
    lessons_learned: ['Single points of failure exist even in "redundant" systems', 'Test at production scale'],
    knowledge_gaps: 'Nobody owned book memory budgets.',
    technical_debt: 'Cleanup only on explicit deletes.',
    architectural_concerns: 'Book state is unbounded by design.',
  },
  prevention: {
    immediate_actions: [
      { action: 'Alert on RSS growth > 1 GB/h', owner: 'SRE', target_date: '2025-11-28' },
      { action: 'Cap obengine memory at 128 GB', owner: 'Platform, infra', target_date: '2025-11-27' },
    ],
    monitoring: { alert_metric: 'process_resident_memory_bytes', alert_threshold: '> 80% of limit for 5m', alert_action: 'page on-call', dashboard: 'grafana/d/obengine', health_check: '/healthz book_age < 1s' },
    testing: { new_test_cases: 'ttl_cleanup_test\nbook_growth_soak', coverage_from_pct: 62.5, coverage_to_pct: 71, performance_benchmarks: 'book insert p99 < 2µs' },
    documentation: { runbook: 'runbooks/obengine-oom.md', architecture_docs: 'docs/book.md', operations_manual: 'ops/obengine.md §4', training_materials: 'SRE onboarding week 2' },
    process: { deployment: 'Canary symbol set first', code_review: 'Memory budget checklist', change_management: 'CAB for symbol-set changes', capacity_planning: 'Quarterly memory review' },
    technical: { redundancy: 'Hot standby on ny4-trade-08', circuit_breaker: 'Book-age breaker', resource_limits: 'MemoryMax=128G', graceful_degradation: 'Shed far-from-touch levels' },
  },
  corrective_actions: [
    { id: 'A1', horizon: 'immediate', description: 'Configure memory cap', done: true, type: 'preventive', source: 'W3' },
    { horizon: 'immediate', description: 'Add RSS alert', done: false },
    { horizon: 'short_term', description: 'Implement TTL cleanup\nwith a second line' },
    { horizon: 'long_term', description: 'Bound book state by design', done: false },
    { horizon: 'other: after the exchange upgrade', description: 'Re-test with the new feed' },
  ],
  related: {
    similar: [
      { incident_id: 'SYS-20251002-004', date: '2025-10-02', similarity: 'same leak, smaller scale' },
      { incident_id: 'INC-20250711-001', date: '2025-07-11', similarity: 'OOM, Date: unrelated cause' },
    ],
    is_pattern: 'yes',
    pattern_description: 'Memory leaks after symbol-set growth.',
    frequency: 'every 2–3 months',
    trend: 'other: seasonal',
    systemic_issues: 'No memory budgets per service.',
  },
  action_items: [
    { id: 'I1', priority: 'high', action: 'Configure DNS failover', owner: 'DevOps', due: '2025-11-27', status: 'completed', source: 'A1' },
    { priority: 'high', action: 'Add DNS monitoring', owner: 'DevOps', due: '2025-11-27', status: 'in_progress' },
    { priority: 'medium', action: 'Document procedure\n  with steps', owner: 'SRE', due: '2025-11-28', status: 'not_started' },
    { priority: 'low', action: 'Implement auto-failover', owner: 'Dev', due: '2025-12-10' },
    { priority: 'other: blocked on vendor', action: 'Firmware upgrade', owner: 'Infra' },
  ],
  signoff: {
    analyzed_by: { name: 'Jane Doe', role: 'SRE Lead', date: '2025-11-26' },
    reviewed_by: { name: 'Doe, John', role: 'Tech Lead', date: '2025-11-27' },
    approved_by: { name: 'Mary Major', role: 'Engineering Manager', date: '2025-11-28' },
    postmortem_completed: 'yes',
    postmortem_document: 'https://wiki.example.com/pm/SYS-20251126-001',
    closed_at: '2025-11-28T17:00:00Z',
  },
  supporting: {
    links: [
      { label: 'Metrics dashboard', url: 'https://grafana.example.com/d/obengine?from=now-6h' },
      { label: 'Evil [link](x)', url: 'javascript:alert(1)' },
      { label: 'Runbook (no URL)' },
    ],
    diagnostic_commands: '# free -h\n# dmesg -T | grep -i oom\n# cat /proc/4242/status',
    hardware_diagnostics: { cpu: 'stress-ng: pass', memory: 'memtester 64G: pass', disk: 'smartctl: healthy', network: 'ethtool -S: rx_missed 1842' },
    vendor_support: { ticket: 'RH-03712345', vendor: 'Red Hat', response_time: '2h', resolution: 'Confirmed no kernel defect.\nClosed.' },
    notes: TRICKY_TEXT,
  },
  timeline: [
    { id: 'T1', at: '2025-11-26T10:27:35.123456789Z', event: 'First error log: "Connection timeout"', marker: 'first_indication', source: 'log', event_type: 'log.error', pinned: true, annotation: 'Resolver timeouts began here', evidence: ['log:file-0123456789ab-SYS-20251126-001#line 7'] },
    { at: '2025-11-26T10:29:00Z', event: 'PagerDuty alert sent', marker: 'detection' },
    { at: '2025-11-26T10:35:00.5Z', event: 'Root cause identified\n[10:36:00] stamp-looking line' },
    { at: '2025-11-26T10:45:00Z', event: 'Trading resumed', marker: 'recovery' },
  ],
  milestones: {
    initial_timeline_at: '2025-11-26T12:00:00Z',
    draft_at: '2025-11-27T09:00:00Z',
    final_at: '2025-11-28T09:00:00Z',
    actions_started_at: '2025-11-28T10:00:00Z',
    fixes_reviewed_at: '2025-12-20T10:00:00Z',
  },
  review: { reviewed_by: 'Engineering leadership', date: '2025-11-27', approved: true },
};

/**
 * A valid Incident with every field filled; `overrides` replace top-level fields.
 * @example const inc = buildFullIncident({ severity: 'P0' });
 */
export function buildFullIncident(overrides: Partial<Incident> = {}): Incident {
  return incidentSchema.parse({ ...base, ...overrides });
}

/**
 * Dotted paths of every leaf field of a zod object schema; array elements appear as `[]`
 * (`action_items[].owner`, `lessons.went_well[]`). Optional and default wrappers are looked through.
 * @example schemaLeafPaths(z.object({ a: z.object({ b: z.string() }) })) // ['a.b']
 */
export function schemaLeafPaths(schema: z.ZodType, prefix = ''): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return schemaLeafPaths(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodDefault) return schemaLeafPaths(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, v]) => schemaLeafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  if (schema instanceof z.ZodArray) return schemaLeafPaths(schema.element as z.ZodType, `${prefix}[]`);
  return [prefix];
}

/**
 * Values found at a path from schemaLeafPaths, across all array elements.
 * @example valuesAt({ a: [{ b: 1 }, { b: 2 }] }, 'a[].b') // [1, 2]
 */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    const key = part.replace(/\[\]$/g, '');
    const arrays = (part.match(/\[\]/g) ?? []).length;
    current = current.flatMap((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? [(v as Record<string, unknown>)[key]] : []));
    for (let i = 0; i < arrays; i++) current = current.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : []));
  }
  return current;
}
