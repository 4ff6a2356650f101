/**
 * Log template mining: masks the variable parts of log messages, groups messages into templates
 * online (Brain-style grouping over distinct masked sequences), and spots new or bursting templates.
 */
export { createTemplateMiner, OVERFLOW_TEMPLATE } from './miner.js';
export type { MinedTemplate, TemplateMatch, TemplateMiner, TemplateMinerOptions } from './miner.js';
export { mineTemplates } from './batch.js';
export type { MinedTemplates } from './batch.js';
export { maskTokens, WILDCARD } from './mask.js';
export { templateIdOf } from './ids.js';
export { detectTemplateChanges, poissonTailBound } from './bursts.js';
export type { BurstingTemplate, NewTemplate, TemplateChangeOptions, TemplateChanges, TimeWindow } from './bursts.js';
export { mineLogFile, mineLogs } from './adapter.js';
export type { MinedFile, MinedLogs, MineFileOptions, MineLogsOptions, ThreadOptions } from './adapter.js';
export type { LineAssignment, SeenTemplate } from './tally.js';
export { binaryWarning, looksBinary, qualityNote } from './quality.js';
export type { FileQuality } from './quality.js';
