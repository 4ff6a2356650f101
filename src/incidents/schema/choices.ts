/** The checkbox lists of both seed forms, with the seed's own labels (used verbatim by the text form). */
import { choiceSet } from './fields.js';

export const KINDS = ['sys', 'inc'] as const;
export type Kind = (typeof KINDS)[number];

// Labels of the record's own enums (kind, status, timeline marker): the text form and the documents show these.
export const kind = choiceSet({ sys: 'SYS (system failure)', inc: 'INC (other incident)' });
export const status = choiceSet({
  open: 'Open',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  postmortem: 'Post-Mortem',
  in_review: 'In Review',
  approved: 'Approved',
  closed: 'Closed',
});
export const marker = choiceSet({
  first_indication: 'First Indication',
  detection: 'Detection',
  diagnosis: 'Diagnosis',
  fix: 'Fix',
  verification: 'Verification',
  recovery: 'Recovery',
});

export const severity = choiceSet({
  P0: 'P0-Critical',
  P1: 'P1-High',
  P2: 'P2-Medium',
  P3: 'P3-Low',
  P4: 'P4-Informational',
});
export const SEVERITIES = ['P0', 'P1', 'P2', 'P3', 'P4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const component = choiceSet({
  cpu: 'CPU/Processor',
  memory: 'Memory (RAM)',
  storage: 'Storage (SSD/NVMe/Disk)',
  nic: 'Network Interface Card (NIC)',
  motherboard: 'Motherboard',
  power_supply: 'Power Supply',
  kernel: 'Operating System (Kernel)',
  filesystem: 'File System',
  application: 'Application Software',
  database: 'Database System',
  container_vm: 'Container/VM Infrastructure',
  firmware: 'Firmware/BIOS',
  network: 'Network (DNS/Routing/Connectivity)',
  exchange_connectivity: 'Exchange Connectivity (FIX/Market Data)',
});

export const failureType = choiceSet({
  complete_system_crash: 'Complete System Crash',
  kernel_panic: 'Kernel Panic',
  application_crash: 'Application Crash (Segfault)',
  service_hang: 'Service Hang/Freeze',
  memory_exhaustion: 'Memory Exhaustion',
  disk_failure: 'Disk Full/Failure',
  cpu_overload: 'CPU Overload',
  thermal_shutdown: 'Thermal Shutdown',
  hardware_fault: 'Hardware Fault',
  resource_deadlock: 'Resource Deadlock',
  infinite_loop: 'Infinite Loop',
  database_corruption: 'Database Corruption',
  connectivity_loss: 'Connectivity Loss',
});

export const memoryPressure = choiceSet({ none: 'None', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' });

export const failureMode = choiceSet({
  hard_crash: 'Hard Crash (Immediate)',
  gradual_degradation: 'Gradual Degradation',
  intermittent: 'Intermittent Failures',
  performance_cliff: 'Performance Cliff',
  cascading: 'Cascading Failure',
});

export const crashDumpAvailability = choiceSet({ yes: 'Yes', no: 'No', partial: 'Partial' });

export const methodology = choiceSet({
  log_analysis: 'Log Analysis',
  core_dump_analysis: 'Core Dump Analysis',
  performance_profiling: 'Performance Profiling',
  memory_profiling: 'Memory Profiling',
  monitoring_review: 'System Monitoring Review',
  hardware_diagnostics: 'Hardware Diagnostics',
  vendor_support: 'Vendor Support Engagement',
  code_review: 'Code Review',
  reproduction: 'Reproduction in Test Environment',
});

export const notCaughtReason = choiceSet({
  insufficient_monitoring: 'Insufficient Monitoring',
  threshold_too_high: 'Monitoring Threshold Too High',
  rare_edge_case: 'Rare/Edge Case Condition',
  new_code_deployed: 'New Code Recently Deployed',
  environmental_change: 'Environmental Change',
  load_beyond_testing: 'Load/Scale Beyond Testing',
  hardware_degradation: 'Hardware Degradation',
  unknown: 'Unknown Issue',
});

export const dataLoss = choiceSet({
  none: 'No Data Loss',
  transactional: 'Transactional Data Lost',
  log: 'Log Data Lost',
  market_data: 'Market Data Lost',
  configuration: 'Configuration Lost',
  database_corruption: 'Database Corruption',
});

export const detectionMethod = choiceSet({
  automated_alert: 'Automated Monitoring Alert',
  health_check: 'Health Check Failure',
  watchdog: 'Application Watchdog',
  manual: 'Manual Discovery',
  user_report: 'User Report',
});

export const failoverExecuted = choiceSet({ yes: 'Yes', no: 'No', not_applicable: 'Not Applicable' });
export const failoverSuccess = choiceSet({ complete: 'Complete', partial: 'Partial', failed: 'Failed' });
export const effectiveness = choiceSet({ full: 'Full', partial: 'Partial', ineffective: 'Ineffective' });

export const fixType = choiceSet({
  code_change: 'Code Change',
  configuration_change: 'Configuration Change',
  hardware_replacement: 'Hardware Replacement',
  os_patch: 'Operating System Patch',
  kernel_tuning: 'Kernel Parameter Tuning',
  resource_limit_increase: 'Resource Limit Increase',
  architecture_change: 'Architecture Change',
  process_change: 'Process Change',
});

export const testResult = choiceSet({ all_passed: 'All Passed', some_failed: 'Some Failed', not_completed: 'Not Completed' });
export const deploymentType = choiceSet({ hot_fix: 'Hot Fix', scheduled_maintenance: 'Scheduled Maintenance', emergency: 'Emergency' });
export const yesNo = choiceSet({ yes: 'Yes', no: 'No' });
export const yesNoOngoing = choiceSet({ yes: 'Yes', no: 'No', ongoing: 'Ongoing' });
export const yesNoPartial = choiceSet({ yes: 'Yes', no: 'No', partial: 'Partial' });
export const yesNoUncertain = choiceSet({ yes: 'Yes', no: 'No', uncertain: 'Uncertain' });
export const trend = choiceSet({ increasing: 'Increasing', stable: 'Stable', decreasing: 'Decreasing' });
export const actionPriority = choiceSet({ high: 'High Priority', medium: 'Medium Priority', low: 'Low Priority' });
export const actionStatus = choiceSet({ not_started: 'Not Started', in_progress: 'In Progress', completed: 'Completed' });
export const postmortemCompleted = choiceSet({ yes: 'Yes', no: 'No', scheduled: 'Scheduled' });
export const actionHorizon = choiceSet({
  immediate: 'Immediate (Next 24 hours)',
  short_term: 'Short-term (Next 2 weeks)',
  long_term: 'Long-term (Next quarter)',
});

/** Root-cause workspace (issue #5): the type of a corrective action and where a factor came from. */
export const actionType = choiceSet({ detective: 'Detective', preventive: 'Preventive', corrective: 'Corrective' });
export const factorKind = choiceSet({
  metric: 'Metric root-cause ranking',
  crash: 'Crash signature',
  log_template: 'New or bursting log template',
  similar_incident: 'Similar past incident',
  manual: 'Entered by hand',
});
export const factorStatus = choiceSet({ accepted: 'Accepted', rejected: 'Rejected' });
export const timelineSource = choiceSet({ log: 'Log', metric: 'Metric', alert: 'Alert', order: 'Order', system: 'System', manual: 'Manual' });
