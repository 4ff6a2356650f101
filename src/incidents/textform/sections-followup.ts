/**
 * Layout of the system-failure log, last part: lessons learned, prevention, related incidents,
 * action items, sign-off and appendix.
 */
import { choices } from '../schema/index.js';
import { block, cell, choice, gap, group, heading, inline, row, tsRow, type CellSpec, type RowItem, type Section } from './spec.js';

const LE = 'lessons.';
export const lessonsSection: Section = {
  title: 'LESSONS LEARNED',
  items: [
    group('WHAT WENT WELL:', `${LE}went_well`, { type: 'bullet', path: '_' }, { scalar: true, blank: 3, indent: 2 }),
    gap,
    group('WHAT COULD BE IMPROVED:', `${LE}went_poorly`, { type: 'bullet', path: '_' }, { scalar: true, blank: 3, indent: 2 }),
    gap,
    block('KNOWLEDGE GAPS IDENTIFIED:', `${LE}knowledge_gaps`),
    gap,
    block('TECHNICAL DEBT EXPOSED:', `${LE}technical_debt`),
    gap,
    block('ARCHITECTURAL CONCERNS:', `${LE}architectural_concerns`),
  ],
};

const PR = 'prevention.';
export const preventionSection: Section = {
  title: 'PREVENTION MEASURES',
  items: [
    group('IMMEDIATE PREVENTIVE ACTIONS:', `${PR}immediate_actions`, { type: 'numbered', path: 'action' }, {
      subs: [row('Owner:', [cell('owner', 'text'), cell('target_date', 'text', { pre: ' Target Date: ' })])],
      blank: 3,
      gapAfterLabel: true,
      spaced: true,
    }),
    gap,
    heading('MONITORING ENHANCEMENTS:'),
    gap,
    heading('New Alert Created:'),
    inline('Metric:', `${PR}monitoring.alert_metric`),
    inline('Threshold:', `${PR}monitoring.alert_threshold`),
    inline('Action:', `${PR}monitoring.alert_action`),
    gap,
    inline('Dashboard Updated:', `${PR}monitoring.dashboard`),
    gap,
    inline('Health Check Added:', `${PR}monitoring.health_check`),
    gap,
    heading('TESTING IMPROVEMENTS:'),
    gap,
    inline('New Test Cases Added:', `${PR}testing.new_test_cases`, 1),
    gap,
    row('Test Coverage Increased:', [
      cell(`${PR}testing.coverage_from_pct`, 'num', { pre: 'From ', unit: '%' }),
      cell(`${PR}testing.coverage_to_pct`, 'num', { pre: ' to ', unit: '%' }),
    ]),
    gap,
    inline('Performance Benchmarks:', `${PR}testing.performance_benchmarks`, 1),
    gap,
    heading('DOCUMENTATION UPDATES:'),
    gap,
    inline('Runbook Updated:', `${PR}documentation.runbook`),
    inline('Architecture Docs:', `${PR}documentation.architecture_docs`),
    inline('Operations Manual:', `${PR}documentation.operations_manual`),
    inline('Training Materials:', `${PR}documentation.training_materials`),
    gap,
    heading('PROCESS IMPROVEMENTS:'),
    gap,
    inline('Deployment Process:', `${PR}process.deployment`),
    inline('Code Review Process:', `${PR}process.code_review`),
    inline('Change Management:', `${PR}process.change_management`),
    inline('Capacity Planning:', `${PR}process.capacity_planning`),
    gap,
    heading('TECHNICAL IMPROVEMENTS:'),
    gap,
    inline('Redundancy Added:', `${PR}technical.redundancy`),
    inline('Circuit Breaker Implemented:', `${PR}technical.circuit_breaker`),
    inline('Resource Limits Adjusted:', `${PR}technical.resource_limits`),
    inline('Graceful Degradation:', `${PR}technical.graceful_degradation`),
  ],
};

const RL = 'related.';
export const relatedSection: Section = {
  title: 'RELATED INCIDENTS',
  items: [
    group('SIMILAR PAST INCIDENTS:', `${RL}similar`, {
      type: 'item',
      item: row('Incident ID:', [
        cell('incident_id', 'text'),
        cell('date', 'text', { pre: ' Date: ' }),
        cell('similarity', 'text', { pre: ' Similarity: ' }),
      ]),
    }, { indent: 0, blank: 3, gapAfterLabel: true }),
    gap,
    heading('PATTERN ANALYSIS:'),
    gap,
    choice('Is this part of a pattern?', `${RL}is_pattern`, choices.yesNoUncertain),
    gap,
    block('Pattern Description:', `${RL}pattern_description`),
    gap,
    inline('Frequency:', `${RL}frequency`),
    choice('Trend:', `${RL}trend`, choices.trend),
    gap,
    block('SYSTEMIC ISSUES IDENTIFIED:', `${RL}systemic_issues`),
  ],
};

export const actionItemsSection: Section = {
  title: 'ACTION ITEMS',
  items: [
    group(null, 'action_items', {
      type: 'box',
      path: 'action',
      label: 'Action:',
      box: { mode: 'completes', path: 'status', value: 'completed' },
    }, {
      subs: [
        row('Owner:', [cell('owner', 'text'), cell('due', 'text', { pre: ' Due: ' })]),
        choice('Status:', 'status', choices.actionStatus),
        inline('Item Id:', 'id'),
        inline('Tracks Action:', 'source'),
      ],
      indent: 4,
      spaced: true,
      heads: { path: 'priority', set: choices.actionPriority, otherLabel: 'OTHER PRIORITY:', blankPer: [3, 2, 2] },
    }),
  ],
};

function signature(label: string, hint: string, path: string): RowItem {
  const cells: CellSpec[] = [
    cell(`${path}.name`, 'text', { pre: `${hint} ` }),
    cell(`${path}.role`, 'text', { pre: ', ', omitBlank: true }),
    cell(`${path}.date`, 'text', { pre: ' Date: ' }),
  ];
  return row(label, cells);
}

export const signoffSection: Section = {
  title: 'SIGN-OFF',
  items: [
    signature('ANALYZED BY:', '[Name, Role]', 'signoff.analyzed_by'),
    gap,
    signature('REVIEWED BY:', '[Tech Lead]', 'signoff.reviewed_by'),
    gap,
    signature('APPROVED BY:', '[Manager]', 'signoff.approved_by'),
    gap,
    choice('POST-MORTEM COMPLETED:', 'signoff.postmortem_completed', choices.postmortemCompleted),
    gap,
    inline('Post-Mortem Document:', 'signoff.postmortem_document'),
    gap,
    tsRow('INCIDENT CLOSED:', 'signoff.closed_at'),
  ],
};

/** The seed prints its list of diagnostic commands in the blank; left unchanged it means "not filled". */
export const SEED_DIAGNOSTIC_COMMANDS = [
  'System Information:',
  '# uname -a',
  '# lscpu',
  '# free -h',
  '# df -h',
  '# uptime',
  '',
  'Process Information:',
  '# top -b -n 1',
  '# ps aux --sort=-%cpu | head',
  '# ps aux --sort=-%mem | head',
  '',
  'Memory Analysis:',
  '# cat /proc/meminfo',
  '# vmstat 1 10',
  '# slabtop',
  '',
  'Disk Analysis:',
  '# iostat -x 1 10',
  '# iotop',
  '# smartctl -a /dev/nvme0n1',
  '',
  'Network Analysis:',
  '# netstat -s',
  '# ss -s',
  '# ethtool eth0',
  '',
  'Kernel Analysis:',
  '# dmesg -T',
  '# journalctl -xe',
  '# sysctl -a',
].join('\n');

const SU = 'supporting.';
export const appendixSection: Section = {
  title: 'APPENDIX',
  items: [
    block('DIAGNOSTIC COMMANDS USED:', `${SU}diagnostic_commands`, 0, SEED_DIAGNOSTIC_COMMANDS),
    gap,
    heading('HARDWARE DIAGNOSTICS:'),
    gap,
    inline('CPU Tests:', `${SU}hardware_diagnostics.cpu`),
    inline('Memory Tests:', `${SU}hardware_diagnostics.memory`),
    inline('Disk Tests:', `${SU}hardware_diagnostics.disk`),
    inline('Network Tests:', `${SU}hardware_diagnostics.network`),
    gap,
    heading('VENDOR SUPPORT:'),
    gap,
    inline('Ticket Number:', `${SU}vendor_support.ticket`),
    inline('Vendor:', `${SU}vendor_support.vendor`),
    inline('Response Time:', `${SU}vendor_support.response_time`),
    inline('Resolution Provided:', `${SU}vendor_support.resolution`, 1),
    gap,
    block('ADDITIONAL NOTES:', `${SU}notes`, 6),
  ],
};

