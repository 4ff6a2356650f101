/**
 * FIX engine logs → order and session events: parses QuickFIX C++/J file, screen and SLF4J logs and
 * bare messages, reports rejects, session actions, engine failures and heartbeat gaps, and counts
 * per-session traffic so a post-mortem can tell how many orders were lost or failed.
 */
export { parseFixLine, parseFixLineIn, parseSessionId } from './line.js';
export type { LineOrigin, ParseLineOptions } from './line.js';
export { detectSeparator, findMessageStart, fixFields, getField, getFieldAll, parseFixMessage } from './message.js';
export type { ParseMessageOptions } from './message.js';
export { parseFixTime } from './time.js';
export { encodeFixMessage } from './encode.js';
export { FixEventStream } from './stream.js';
export { eventToJson, fixEvents, fixEventsFromText, settle, sortEvents } from './events.js';
export type { FixEventJson, FixEventResult } from './events.js';
export { messageEvent, messageEventType, messageMetadata } from './describe.js';
export { classifyEngineText } from './engine-events.js';
export { mayMerge, mergeEngineNotices } from './notice-merge.js';
export type { MergeableEvent, MergeNoticeOptions } from './notice-merge.js';
export { isQuickFixEventText } from './detect.js';
export { readFixLogs } from './files.js';
export { hintsFromFileName, isQuickFixLogName } from './file-names.js';
export {
  ADMIN_MSG_TYPES,
  BUSINESS_REJECT_REASON,
  CXL_REJ_REASON,
  CXL_REJ_RESPONSE_TO,
  EXEC_TYPE,
  MSG_TYPES,
  ORD_REJ_REASON,
  ORD_STATUS,
  SESSION_REJECT_REASON,
  SIDE,
  TAG_NAMES,
  msgTypeName,
  tagLabel,
} from './dictionary.js';
export type {
  Direction,
  FixEngineRecord,
  FixEvent,
  FixEventOptions,
  FixEventSource,
  FixEventType,
  FixHeaderRecord,
  FixIssue,
  FixLogStyle,
  FixMessage,
  FixMessageRecord,
  FixRecord,
  FixSessionStats,
  FixStats,
  MetadataValue,
  SessionId,
  SourceHints,
  TimeSource,
} from './types.js';
