/** The system-failure log's own sections: state, failure and crash dump, recovery against the RTO, response, fix, prevention, related, sign-off. */
import { choices, type Incident } from '../../incidents/schema/index.js';
import type { DocContext } from './context.js';
import { writeSignoff } from './md-followup.js';
import { writeRecovery } from './md-impact.js';
import { choiceCell, choiceLabel, choicesCell, cell, listCell, numCell, pairCell, tsCell } from './md-values.js';
import { escapeCell, type MdDoc } from './md-writer.js';

function writeState(doc: MdDoc, inc: Incident): void {
  doc.section(2, 'Symptoms Observed', () => {
    const s = inc.symptoms;
    doc.labelled('Initial symptoms', s?.initial);
    doc.labelled('Error messages', s?.error_messages);
    doc.labelled('System behavior before failure', s?.behavior_before_failure);
    doc.labelled('Warning signs', s?.warning_signs);
  });
  const st = inc.system_state;
  doc.section(2, 'System State Information', () => {
    doc.section(3, 'System Specifications', () => {
      const sp = st?.specs;
      doc.kv([
        ['Hostname', cell(sp?.hostname)],
        ['IP addresses', listCell(sp?.ip_addresses)],
        ['Operating system', cell(sp?.operating_system)],
        ['Kernel version', cell(sp?.kernel_version)],
        ['CPU model', cell(sp?.cpu_model)],
        ['CPU cores', numCell(sp?.cpu_cores)],
        ['CPU speed', cell(sp?.cpu_speed)],
        ['Total RAM', cell(sp?.total_ram)],
        ['Available RAM', cell(sp?.available_ram)],
        ['Storage type', cell(sp?.storage_type)],
        ['Total storage', cell(sp?.total_storage)],
        ['Network cards', cell(sp?.network_cards)],
      ]);
    });
    doc.section(3, 'System Metrics at Time of Failure', () => {
      const c = st?.cpu, m = st?.memory, d = st?.disk, n = st?.network, p = st?.processes;
      doc.kv([
        ['CPU overall', numCell(c?.overall_pct, '%')],
        ['CPU per core', cell(c?.per_core)],
        ['Load average (1m/5m/15m)', cell(c?.load_average)],
        ['Context switches/sec', numCell(c?.context_switches_per_sec)],
        ['Interrupts/sec', numCell(c?.interrupts_per_sec)],
        ['Memory used', pairCell(m?.used_gb, m?.total_gb, ' GB')],
        ['Memory used %', numCell(m?.used_pct, '%')],
        ['Memory free', numCell(m?.free_gb, ' GB')],
        ['Memory cached', numCell(m?.cached_gb, ' GB')],
        ['Memory buffers', numCell(m?.buffers_gb, ' GB')],
        ['Swap used', pairCell(m?.swap_used_gb, m?.swap_total_gb, ' GB')],
        ['Swap used %', numCell(m?.swap_pct, '%')],
        ['Page faults/sec', numCell(m?.page_faults_per_sec)],
        ['Memory pressure', choiceCell(choices.memoryPressure, m?.pressure)],
        ['Disk read / write IOPS', pairCell(d?.read_iops, d?.write_iops)],
        ['Disk read / write throughput', pairCell(d?.read_mb_s, d?.write_mb_s, ' MB/s')],
        ['Disk average latency', numCell(d?.avg_latency_ms, ' ms')],
        ['Disk queue depth', numCell(d?.queue_depth)],
        ['Disk usage', numCell(d?.usage_pct, '% of capacity')],
        ['Network in / out', pairCell(n?.inbound_mbps, n?.outbound_mbps, ' Mbps')],
        ['Packets received / sent per sec', pairCell(n?.packets_received_per_sec, n?.packets_sent_per_sec)],
        ['Network errors/drops', cell(n?.errors_drops)],
        ['Connections', numCell(n?.connection_count)],
        ['Total processes', numCell(p?.total)],
        ['Zombie processes', numCell(p?.zombies)],
        ['High CPU processes', cell(p?.high_cpu)],
        ['High memory processes', cell(p?.high_memory)],
        ['Open file descriptors / limit', pairCell(p?.open_fds, p?.fd_limit)],
        ['Threads', numCell(p?.threads)],
        ['Capture snapshots', listCell(st?.snapshots)],
      ]);
    });
  });
}

function writeFailure(doc: MdDoc, inc: Incident): void {
  const f = inc.failure;
  doc.section(2, 'Failure Details and Crash-Dump Analysis', () => {
    doc.section(3, 'When and How', () =>
      doc.kv([
        ['First indication', tsCell(f?.first_indication_at)],
        ['Complete failure', tsCell(f?.complete_failure_at)],
        ['Duration of degradation', cell(f?.degradation_duration)],
        ['Failure mode', choiceCell(choices.failureMode, f?.mode)],
        ['Crash dump available', choiceCell(choices.crashDumpAvailability, f?.crash_dump?.available)],
        ['Crash dump location', cell(f?.crash_dump?.location)],
        ['Faulting instruction/address', cell(f?.core_dump?.faulting_address)],
        ['Signal received', cell(f?.core_dump?.signal)],
      ]),
    );
    doc.section(3, 'Core Dump Analysis', () => {
      for (const [label, v] of [['Backtrace', f?.core_dump?.backtrace], ['Registers', f?.core_dump?.registers], ['Thread state', f?.core_dump?.thread_state]] as const) {
        doc.code(v, label);
      }
    });
    doc.section(3, 'System Logs', () => {
      for (const [label, v] of [['syslog / journalctl', f?.logs?.syslog], ['dmesg', f?.logs?.dmesg], ['Application logs', f?.logs?.application]] as const) {
        doc.code(v, label);
      }
    });
  });
}

function writeResponse(doc: MdDoc, inc: Incident): void {
  const r = inc.response;
  doc.section(2, 'Immediate Response Actions', () => {
    doc.section(3, 'Detection Method', () => doc.list((r?.detection_methods ?? []).map((m) => escapeCell(choiceLabel(choices.detectionMethod, m)))));
    doc.section(3, 'Emergency Response', () => doc.table(['Time', 'Action'], (r?.emergency_response ?? []).map((e) => [escapeCell(e.time), escapeCell(e.action)])));
    doc.section(3, 'Recovery Steps Taken', () =>
      doc.list((r?.recovery_steps ?? []).map((s) => `${escapeCell(s.step)}${s.result ? `<br>Result: ${escapeCell(s.result)}` : ''}`), true),
    );
    doc.section(3, 'Failover', () => {
      const fo = r?.failover;
      doc.kv([
        ['Executed', choiceCell(choices.failoverExecuted, fo?.executed)],
        ['From system', cell(fo?.from_system)],
        ['To system', cell(fo?.to_system)],
        ['Failover time', cell(fo?.failover_time)],
        ['Data sync status', cell(fo?.data_sync_status)],
        ['Success', choiceCell(choices.failoverSuccess, fo?.success)],
      ]);
    });
  });
}

function writeResolution(doc: MdDoc, inc: Incident): void {
  const rs = inc.resolution;
  const pf = rs?.permanent_fix;
  doc.section(2, 'Resolution and Fix', () => {
    doc.section(3, 'Temporary Workaround', () => {
      doc.text(rs?.workaround?.description);
      doc.kv([['Implemented at', tsCell(rs?.workaround?.implemented_at)], ['Effectiveness', choiceCell(choices.effectiveness, rs?.workaround?.effectiveness)]]);
    });
    doc.section(3, 'Permanent Fix', () => {
      doc.text(pf?.description);
      const cc = pf?.code_changes, hw = pf?.hardware_changes, sc = pf?.system_changes;
      doc.kv([
        ['Fix type', choicesCell(choices.fixType, pf?.types)],
        ['Repository', cell(cc?.repository)],
        ['Branch', cell(cc?.branch)],
        ['Commit', cell(cc?.commit)],
        ['Files modified', cell(cc?.files_modified)],
        ['Component replaced', cell(hw?.component)],
        ['Old / new part', hw?.old_part || hw?.new_part ? `${cell(hw.old_part) ?? '?'} → ${cell(hw.new_part) ?? '?'}` : undefined],
        ['Serial numbers', cell(hw?.serial_numbers)],
        ['Package/patch', cell(sc?.package)],
        ['Version', sc?.old_version || sc?.new_version ? `${cell(sc.old_version) ?? '?'} → ${cell(sc.new_version) ?? '?'}` : undefined],
      ]);
      const rows = (pf?.configuration_changes ?? []).map((c) => [cell(c.file) ?? '', cell(c.parameter) ?? '', cell(c.old_value) ?? '', cell(c.new_value) ?? '']);
      doc.table(['File', 'Parameter', 'Old value', 'New value'], rows);
    });
    doc.section(3, 'Testing Performed', () => {
      const t = rs?.testing;
      doc.kv([['Unit', cell(t?.unit)], ['Integration', cell(t?.integration)], ['Stress', cell(t?.stress)], ['Regression', cell(t?.regression)], ['Result', choiceCell(choices.testResult, t?.result)]]);
    });
    doc.section(3, 'Deployment Plan', () => {
      const d = rs?.deployment;
      doc.kv([
        ['Window start', tsCell(d?.window_start)],
        ['Window end', tsCell(d?.window_end)],
        ['Type', choiceCell(choices.deploymentType, d?.type)],
        ['Rollback plan', cell(d?.rollback_plan)],
      ]);
    });
    doc.section(3, 'Verification', () => {
      const v = rs?.verification;
      doc.kv([
        ['Fix deployed at', tsCell(v?.deployed_at)],
        ['Verification period', cell(v?.period)],
        ['Monitoring enhanced', choiceCell(choices.yesNo, v?.monitoring_enhanced)],
        ['Follow-up tests passed', choiceCell(choices.yesNoOngoing, v?.follow_up_tests_passed)],
        ['All criteria met', choiceCell(choices.yesNoPartial, v?.all_criteria_met)],
      ]);
      doc.list((v?.success_criteria ?? []).map(escapeCell), true);
    });
  });
}

function writePrevention(doc: MdDoc, inc: Incident): void {
  const p = inc.prevention;
  doc.section(2, 'Prevention Measures', () => {
    doc.section(3, 'Immediate Preventive Actions', () =>
      doc.table(['Action', 'Owner', 'Target date'], (p?.immediate_actions ?? []).map((a) => [escapeCell(a.action), cell(a.owner) ?? '', cell(a.target_date) ?? ''])),
    );
    doc.section(3, 'Improvements', () => {
      const m = p?.monitoring, t = p?.testing, d = p?.documentation, pr = p?.process, te = p?.technical;
      doc.kv([
        ['New alert: metric', cell(m?.alert_metric)],
        ['New alert: threshold', cell(m?.alert_threshold)],
        ['New alert: action', cell(m?.alert_action)],
        ['Dashboard updated', cell(m?.dashboard)],
        ['Health check added', cell(m?.health_check)],
        ['New test cases', cell(t?.new_test_cases)],
        ['Test coverage', t?.coverage_from_pct !== undefined || t?.coverage_to_pct !== undefined ? `${numCell(t?.coverage_from_pct, '%') ?? '?'} → ${numCell(t?.coverage_to_pct, '%') ?? '?'}` : undefined],
        ['Performance benchmarks', cell(t?.performance_benchmarks)],
        ['Runbook', cell(d?.runbook)],
        ['Architecture docs', cell(d?.architecture_docs)],
        ['Operations manual', cell(d?.operations_manual)],
        ['Training materials', cell(d?.training_materials)],
        ['Deployment process', cell(pr?.deployment)],
        ['Code review process', cell(pr?.code_review)],
        ['Change management', cell(pr?.change_management)],
        ['Capacity planning', cell(pr?.capacity_planning)],
        ['Redundancy added', cell(te?.redundancy)],
        ['Circuit breaker', cell(te?.circuit_breaker)],
        ['Resource limits', cell(te?.resource_limits)],
        ['Graceful degradation', cell(te?.graceful_degradation)],
      ]);
    });
  });
}

function writeRelated(doc: MdDoc, inc: Incident): void {
  const r = inc.related;
  doc.section(2, 'Related Incidents and Patterns', () => {
    doc.table(['Incident', 'Date', 'Similarity'], (r?.similar ?? []).map((s) => [escapeCell(s.incident_id), cell(s.date) ?? '', cell(s.similarity) ?? '']));
    doc.kv([
      ['Part of a pattern', choiceCell(choices.yesNoUncertain, r?.is_pattern)],
      ['Pattern', cell(r?.pattern_description)],
      ['Frequency', cell(r?.frequency)],
      ['Trend', choiceCell(choices.trend, r?.trend)],
      ['Systemic issues', cell(r?.systemic_issues)],
    ]);
  });
}

/**
 * The system-failure log's sections, after the post-mortem template's. `withRecovery`/`withSignoff`:
 * whether the recovery figures and the sign-off live here (else the impact and review sections hold them).
 */
export function writeSystemSections(doc: MdDoc, ctx: DocContext, { withRecovery = true, withSignoff = true }: { withRecovery?: boolean; withSignoff?: boolean } = {}): void {
  const inc = ctx.inc;
  writeState(doc, inc);
  writeFailure(doc, inc);
  if (withRecovery) doc.section(2, 'Recovery Against the RTO', () => writeRecovery(doc, ctx, 3));
  writeResponse(doc, inc);
  writeResolution(doc, inc);
  writePrevention(doc, inc);
  writeRelated(doc, inc);
  if (withSignoff) writeSignoff(doc, ctx, 2);
}
