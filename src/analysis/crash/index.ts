/**
 * Crash and failure signatures: finds kernel, hardware and userspace crashes in a text log and
 * gives each a syzbot-style title, a kind, cleaned frames and a grouping signature.
 */
export { findCrashes, toCrashJson, type FindOptions } from './find.js';
export { crashFromGdb, GDB_COMMANDS, parseGdbOutput, type GdbReport, type GdbThread } from './gdb.js';
export { findKernelCrashes, type KernelOptions } from './kernel.js';
export { cleanFrame } from './frames.js';
export { demangle } from './demangle.js';
export { makeSignature, normalizeTitle } from './signature.js';
export { CRASH_KINDS, type Crash, type CrashJson, type CrashKind, type CrashOrigin } from './types.js';
export { parseLines, type LogLine } from './text.js';
export { parseLabeledLog, scoreLogs, type LabeledLog, type Score, type Mismatch } from './evaluate.js';
