/**
 * System state capture: snapshots of the host the way the system-failure form asks (SYSTEM STATE
 * INFORMATION, APPENDIX commands), their mapping onto the incident record, diffs and text reports.
 */
export { captureSnapshot, readRawCapture } from './capture.js';
export type { CaptureOptions } from './capture.js';
export { assembleSnapshot, snapshotId } from './assemble.js';
export type { AssembleOptions } from './assemble.js';
export { DEFAULT_COMMANDS, runCommand, runCommands } from './commands.js';
export type { CommandSpec } from './commands.js';
export { DEFAULT_PATHS } from './read.js';
export type { HostPaths } from './read.js';
export { toSystemState } from './system-state.js';
export type { SystemState } from './system-state.js';
export { DIFF_RULES, diffSnapshots } from './diff.js';
export type { DiffRule, NumericChange, ProcessChange, SnapshotDiff, ValueChange } from './diff.js';
export { renderDiff, renderSnapshot } from './render.js';
export { flatten, uncoveredNulls } from './flatten.js';
export { PRESSURE_THRESHOLDS, parsePressure, pressureLevel } from './pressure.js';
export { cpuUsage, parseProcStat, statRates } from './proc-stat.js';
export { diskRates, parseDiskstats } from './diskstats.js';
export { memoryFigures, parseMeminfo, parseVmstat, vmRates } from './meminfo.js';
export { netRates, parseNetDev } from './netdev.js';
export { countSocketStates, parseSockstat } from './sockets.js';
export { parseCpuinfo, parseFileNr, parseLoadavg, parseOsRelease } from './host-text.js';
export { parseMountinfo, selectFilesystems } from './mounts.js';
export { parsePidStat } from './procs.js';
export type { RawCapture, RawReading } from './raw.js';
export { snapshotSchema, PRESSURE_LEVELS } from './schema.js';
export type { CommandOutput, PressureLevel, Snapshot, Unavailable } from './schema.js';
