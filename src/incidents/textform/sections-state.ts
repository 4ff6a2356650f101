/**
 * Layout of the system-failure log, first part: incident entry, symptoms, system state and failure
 * details. Labels, order and blanks follow /shared/seeds/system-failure-analysis-log.txt.
 */
import { choices } from '../schema/index.js';
import { block, cell, choice, gap, heading, inline, numRow, row, tsRow, type Section } from './spec.js';

export const entrySection: Section = {
  title: 'INCIDENT ENTRY TEMPLATE',
  items: [
    row('INCIDENT ID:', [cell('id', 'text', { placeholder: /\[(?:YYYY|MM|DD|SEQ)\]/ })], 1),
    gap,
    tsRow('DATE/TIME:', 'started_at', 1),
    gap,
    block('INCIDENT TITLE:', 'title', 1),
    gap,
    choice('SEVERITY:', 'severity', choices.severity, { other: 'never' }),
    gap,
    choice('SYSTEM COMPONENT:', 'component', choices.component, { layout: 'vertical', other: 'seed' }),
    gap,
    choice('FAILURE TYPE:', 'failure_type', choices.failureType, { layout: 'vertical', other: 'seed' }),
  ],
};

const SY = 'symptoms.';
export const symptomsSection: Section = {
  title: 'SYMPTOMS OBSERVED',
  items: [
    block('INITIAL SYMPTOMS:', `${SY}initial`),
    gap,
    block('ERROR MESSAGES:', `${SY}error_messages`),
    gap,
    block('SYSTEM BEHAVIOR BEFORE FAILURE:', `${SY}behavior_before_failure`),
    gap,
    block('WARNING SIGNS (if any):', `${SY}warning_signs`),
  ],
};

const SP = 'system_state.specs.';
const CPU = 'system_state.cpu.';
const MEM = 'system_state.memory.';
const DISK = 'system_state.disk.';
const NET = 'system_state.network.';
const PROC = 'system_state.processes.';
export const systemStateSection: Section = {
  title: 'SYSTEM STATE INFORMATION',
  items: [
    heading('SYSTEM SPECIFICATIONS:'),
    inline('Hostname:', `${SP}hostname`),
    row('IP Address:', [cell(`${SP}ip_addresses`, 'list')]),
    inline('Operating System:', `${SP}operating_system`),
    inline('Kernel Version:', `${SP}kernel_version`),
    inline('CPU Model:', `${SP}cpu_model`),
    row('CPU Cores:', [cell(`${SP}cpu_cores`, 'int'), cell(`${SP}cpu_speed`, 'text', { pre: ' CPU Speed: ' })]),
    row('Total RAM:', [cell(`${SP}total_ram`, 'text'), cell(`${SP}available_ram`, 'text', { pre: ' Available RAM: ' })]),
    row('Storage Type:', [cell(`${SP}storage_type`, 'text'), cell(`${SP}total_storage`, 'text', { pre: ' Total Storage: ' })]),
    inline('Network Cards:', `${SP}network_cards`),
    gap,
    heading('SYSTEM METRICS AT TIME OF FAILURE:'),
    gap,
    heading('CPU Utilization:'),
    numRow('- Overall:', `${CPU}overall_pct`, '%'),
    inline('- Per Core:', `${CPU}per_core`),
    inline('- Load Average (1m/5m/15m):', `${CPU}load_average`),
    numRow('- Context Switches/sec:', `${CPU}context_switches_per_sec`),
    numRow('- Interrupts/sec:', `${CPU}interrupts_per_sec`),
    gap,
    heading('Memory Utilization:'),
    row('- Used:', [
      cell(`${MEM}used_gb`, 'num', { unit: ' GB' }),
      cell(`${MEM}total_gb`, 'num', { pre: ' / ', unit: ' GB' }),
      cell(`${MEM}used_pct`, 'num', { pre: ' (', unit: '%)' }),
    ]),
    numRow('- Free:', `${MEM}free_gb`, ' GB'),
    numRow('- Cached:', `${MEM}cached_gb`, ' GB'),
    numRow('- Buffers:', `${MEM}buffers_gb`, ' GB'),
    row('- Swap Used:', [
      cell(`${MEM}swap_used_gb`, 'num', { unit: ' GB' }),
      cell(`${MEM}swap_total_gb`, 'num', { pre: ' / ', unit: ' GB' }),
      cell(`${MEM}swap_pct`, 'num', { pre: ' (', unit: '%)' }),
    ]),
    numRow('- Page Faults/sec:', `${MEM}page_faults_per_sec`),
    choice('- Memory Pressure:', `${MEM}pressure`, choices.memoryPressure),
    gap,
    heading('Disk I/O:'),
    numRow('- Read IOPS:', `${DISK}read_iops`),
    numRow('- Write IOPS:', `${DISK}write_iops`),
    numRow('- Read Throughput:', `${DISK}read_mb_s`, ' MB/s'),
    numRow('- Write Throughput:', `${DISK}write_mb_s`, ' MB/s'),
    numRow('- Average Latency:', `${DISK}avg_latency_ms`, ' ms'),
    numRow('- Queue Depth:', `${DISK}queue_depth`),
    numRow('- Disk Usage:', `${DISK}usage_pct`, '% of capacity'),
    gap,
    heading('Network I/O:'),
    numRow('- Inbound Traffic:', `${NET}inbound_mbps`, ' Mbps'),
    numRow('- Outbound Traffic:', `${NET}outbound_mbps`, ' Mbps'),
    numRow('- Packets Received/sec:', `${NET}packets_received_per_sec`),
    numRow('- Packets Sent/sec:', `${NET}packets_sent_per_sec`),
    inline('- Errors/Drops:', `${NET}errors_drops`),
    numRow('- Connection Count:', `${NET}connection_count`),
    gap,
    heading('Process Information:'),
    numRow('- Total Processes:', `${PROC}total`, undefined, 'int'),
    numRow('- Zombie Processes:', `${PROC}zombies`, undefined, 'int'),
    inline('- High CPU Processes:', `${PROC}high_cpu`),
    inline('- High Memory Processes:', `${PROC}high_memory`),
    row('- Open File Descriptors:', [cell(`${PROC}open_fds`, 'int'), cell(`${PROC}fd_limit`, 'int', { pre: ' / ', unit: ' (limit)' })]),
    numRow('- Thread Count:', `${PROC}threads`, undefined, 'int'),
  ],
};

const FD = 'failure.';
export const failureSection: Section = {
  title: 'FAILURE DETAILS',
  items: [
    tsRow('TIME OF FIRST INDICATION:', `${FD}first_indication_at`, 1),
    gap,
    tsRow('TIME OF COMPLETE FAILURE:', `${FD}complete_failure_at`, 1),
    gap,
    inline('DURATION OF DEGRADATION:', `${FD}degradation_duration`),
    gap,
    choice('FAILURE MODE:', `${FD}mode`, choices.failureMode, { layout: 'vertical' }),
    gap,
    choice('CRASH DUMP AVAILABLE:', `${FD}crash_dump.available`, choices.crashDumpAvailability, {
      layout: 'vertical',
      attach: { value: 'yes', sep: 'Location:', cell: cell(`${FD}crash_dump.location`, 'text') },
    }),
    gap,
    heading('CORE DUMP ANALYSIS:'),
    gap,
    block('Backtrace/Stack Trace:', `${FD}core_dump.backtrace`, 5),
    gap,
    block('Faulting Instruction/Address:', `${FD}core_dump.faulting_address`, 1),
    gap,
    inline('Signal Received:', `${FD}core_dump.signal`),
    gap,
    inline('Registers State:', `${FD}core_dump.registers`, 1),
    gap,
    block('Thread State:', `${FD}core_dump.thread_state`, 3),
    gap,
    heading('SYSTEM LOGS:'),
    gap,
    block('/var/log/syslog or journalctl output:', `${FD}logs.syslog`, 5),
    gap,
    block('dmesg output (kernel messages):', `${FD}logs.dmesg`, 5),
    gap,
    block('Application Logs:', `${FD}logs.application`, 5),
  ],
};
