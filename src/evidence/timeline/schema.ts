/**
 * The timeline over HTTP: what a reconstruction takes (the options of `pfa timeline ID` that make sense
 * for a remote caller: no server files beyond the incident's evidence, no live sources the server
 * would fetch) and what it answers (the JSON of `pfa timeline --json`, and the save's result).
 */
import { z } from 'zod';
import { isCalendarDate, parseDuration } from '../../shared/time.js';
import { createZone, LEVELS, normalizeLevel } from '../logs/index.js';
import { WINDOW_MARGIN } from './defaults.js';
import { EVENT_SOURCES } from './event.js';
import { OFFSET_DURATION } from './service.js';

// The engines' own parsers say what they take: the schema asks them rather than spelling it again.
function isZone(s: string): boolean {
  try {
    createZone(s);
    return true;
  } catch {
    return false;
  }
}

function nonNegative(s: string): boolean {
  try {
    return parseDuration(s) >= 0n;
  } catch {
    return false;
  }
}

const duration = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(32)
    .refine(nonNegative, 'expected a non-negative duration such as 15m, 1h30m or 0')
    .describe(what);
const instant = (what: string) => z.string().trim().min(1).max(64).describe(`${what} (RFC 3339 or epoch; without a zone it is read in tz)`);

export const reconstructRequestSchema = z
  .strictObject({
    start: instant('Window start; default: the incident start').optional(),
    end: instant('Window end; default: the incident end, or now').optional(),
    before: duration('also look this long before the start').default(WINDOW_MARGIN),
    after: duration('also look this long after the end').default(WINDOW_MARGIN),
    min_level: z
      .string()
      .trim()
      .max(20)
      .refine((s) => normalizeLevel(s) !== null, `not a level: use one of ${LEVELS.join(', ')} (or warning, err, critical, fatal…)`)
      .default('error')
      .describe(`Lowest log level included: ${LEVELS.join(', ')} (trace: every line)`),
    tz: z.string().trim().min(1).max(64).refine(isZone, 'not a time zone: UTC, +02:00, Europe/London…').optional().describe('Zone of timestamps that carry none'),
    year: z.number().int().min(1900).max(9999).optional().describe('Year for timestamps without one'),
    date: z.string().refine(isCalendarDate, 'a date as YYYY-MM-DD').optional().describe('Date (YYYY-MM-DD) of the first line of logs that give only the time of day; default: estimated per file from its end and its modification time'),
    boot_time: instant('Boot instant placing raw dmesg times on the wall clock').optional(),
    offsets: z
      .record(z.string().regex(/^[^=\s]{1,253}$/, 'expected a host name'), z.string().regex(OFFSET_DURATION, 'expected ±DURATION, e.g. +250us'))
      .optional()
      .describe('Per-host clock offsets to correct, e.g. {"trade-gw-01": "+250us"}'),
    baseline: duration('metric baseline before the window').default('1h'),
    threshold: z.number().positive().max(1000).default(3).describe('Metric anomaly threshold in standard deviations'),
    method: z.enum(['sigma', 'mad']).default('sigma').describe('Metric baseline statistics: mean/sd, or median/MAD (robust)'),
    templates: z.boolean().default(false).describe('Also add new and bursting log templates as events'),
    save: z.boolean().default(false).describe("Save the events into the incident's curated timeline (merged: saving twice adds nothing)"),
    version: z.number().int().positive().optional().describe('With save: the version the save is based on (or send If-Match)'),
  })
  .prefault({})
  .meta({ id: 'TimelineReconstructRequest' });
export type ReconstructBody = z.output<typeof reconstructRequestSchema>;

const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const timelineEventSchema = z
  .object({
    timestamp: z.string().describe('RFC 3339 UTC with the full precision of the source'),
    ns: z.string().describe('Epoch nanoseconds'),
    source: z.enum(EVENT_SOURCES),
    event_type: z.string(),
    description: z.string(),
    metadata: metadataSchema.describe('file and line of a log event, its host, exception…'),
  })
  .meta({ id: 'TimelineEvent' });

export const sourceStatsSchema = z
  .object({
    file: z.string().describe('The attached file as it was named (its path, or its name for an upload)'),
    evidence: z.string().optional().describe('The evidence it was read from'),
    kind: z.enum(['log', 'fix', 'metrics', 'alerts']),
    format: z.string(),
    lines: z.number().int(),
    events: z.number().int(),
    rejected: z.record(z.string(), z.number()).describe('Lines not read, by reason'),
    flagged: z.record(z.string(), z.number()).optional().describe('Lines read with a caveat, by flag'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'TimelineSource' });

export const reconstructResultSchema = z
  .object({
    window: z.object({ start: z.string(), end: z.string(), start_ns: z.string(), end_ns: z.string() }).describe('[start − before, end + after], both ends included'),
    events: z.array(timelineEventSchema),
    sources: z.array(sourceStatsSchema),
    unplaced: z
      .array(z.object({ boot_offset: z.string(), source: z.enum(EVENT_SOURCES), event_type: z.string(), description: z.string(), metadata: metadataSchema }))
      .optional()
      .describe('Kernel events with boot-relative times only, not placed on the axis'),
    notes: z.array(z.string()).optional().describe('What to know about the options (an offset for a host no event comes from)'),
    warnings: z.array(z.string()).optional().describe('Attached evidence that could not be read, or changed on disk since it was attached'),
    saved: z
      .object({
        result: z
          .looseObject({ added: z.number().int(), dropped: z.number().int(), removed: z.number().int(), total: z.number().int() })
          .describe('As the curated timeline reports a save: entries added, dropped (over 10,000), skipped because a curator removed them before, total'),
        version: z.number().int().describe('The incident version after the save (also the ETag)'),
      })
      .optional()
      .describe('With save: what saving did'),
  })
  .meta({ id: 'TimelineReconstruction', description: 'As `pfa timeline ID --json`, with warnings and the save result.' });
