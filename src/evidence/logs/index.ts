/**
 * Log parsing: per-file format detection and pure line parsers (syslog, journal, kernel, JSON,
 * logfmt, text headers) producing timestamped, level-normalized records, plus a file streamer.
 */
export type {
  Level,
  LineResult,
  LogDialect,
  LogFileStats,
  LogFormat,
  LogParseOptions,
  LogRecord,
  RecordFlag,
  RejectReason,
} from './types.js';
export { LEVELS, LOG_FORMATS, MAX_LINE_LENGTH } from './types.js';
export { createLogParser, parseLogText, type LogParser, type PartEdges, type QuickChooser } from './parser.js';
export { lineReason, recordAfterNuls } from './line-checks.js';
export { detectFormat, type Detection, type FormatScore } from './detect.js';
export { journalMarker, type JournalMarker } from './journal-markers.js';
export { streamLogFile, type LogFileStream, type StreamLogOptions } from './stream.js';
export { bootSeconds, toJsonl, toJsonlRow, type JsonlRow } from './jsonl.js';
export { levelHint, normalizeLevel } from './levels.js';
export { blocks, type Block } from './blocks.js';
export { headSample, readSelected, type Selection, type SelectOptions, type SelectedStream } from './select.js';
export { datelessStart } from './dateless.js';
export { countLines, datelessTimes, ORDER_SAMPLES as SEEK_ORDER_SAMPLES, seekRange, splitAtLines, type SeekRange, type SeekResult } from './seek.js';
export { createZone, type Zone } from './zone.js';
export { matchTimestamp, parseTimeText, type TimeValue, type WallTime } from './timestamp.js';
