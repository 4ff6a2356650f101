/**
 * HTTP routes of the analysis engines: crashes in a log, metric root-cause ranking, log templates,
 * and an incident's suggested contributing factors. Computations only: nothing is stored, so a
 * viewer may call them even though most are POSTs (the body is input, not a change).
 */
import { z } from 'zod';
import { parseLogText } from '../evidence/logs/index.js';
import { parseMetricInputs } from '../evidence/metrics/index.js';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { problemResponses, type RoutePlugin } from '../server/kit.js';
import { CRASH_KINDS, findCrashes, toCrashJson } from './crash/index.js';
import { parseOnset, rankReport, rankReportSchema, suggestForIncident, suggestionsSchema } from './suggest/index.js';
import { mineTemplates } from './templates/index.js';

export const crashesRequestSchema = z
  .strictObject({ text: z.string().describe('A log: kernel console, dmesg, syslog/journal or program output') })
  .meta({ id: 'CrashesRequest' });

export const crashesResultSchema = z
  .object({
    crashes: z.array(
      z.object({
        title: z.string(),
        kind: z.enum(CRASH_KINDS),
        signature: z.string().describe('Equal for crashes that are the same bug'),
        frames: z.array(z.string()),
        signal: z.string().nullable(),
        address: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Crashes', description: 'Crashes found in a log, in order of appearance (as `pfa crash --json`).' });

export const rankRequestSchema = z
  .strictObject({
    metrics: z
      .array(
        z.strictObject({
          name: z.string().max(500).optional().describe('File name; its extension (.csv, .prom, .json) picks the reader'),
          text: z.string().describe('Wide CSV, Prometheus/OpenMetrics text or query_range JSON'),
        }),
      )
      .min(1)
      .max(100),
    onset: z
      .union([z.string().max(64), z.number().nonnegative()])
      .describe('When the anomaly started: RFC 3339, epoch s/ms/µs/ns, or "auto" to estimate it'),
    method: z.enum(['baro', 'nsigma']).default('baro').describe('baro: median/IQR (robust); nsigma: mean/standard deviation'),
    direction: z.enum(['up', 'down', 'both']).default('up').describe('Which deviations count'),
  })
  .meta({ id: 'RankRequest' });

export const templatesRequestSchema = z
  .strictObject({
    text: z.string().describe('Log lines'),
    strip_headers: z.boolean().default(true).describe('Mine the message after each detected log header (time, level, host…) rather than the whole line'),
  })
  .meta({ id: 'TemplatesRequest' });

export const templatesResultSchema = z
  .object({
    format: z.string().nullable().describe('Detected log format; null when headers were not stripped'),
    lines: z.number().int(),
    messages: z.number().int().describe('Messages mined (blank lines and stack-trace continuations are not)'),
    templates: z.array(
      z.object({
        template_id: z.string(),
        template: z.string().describe('Variables as <*>'),
        count: z.number().int(),
        first_line: z.number().int().describe('1-based input line of the first message'),
        example: z.string(),
      }),
    ),
  })
  .meta({ id: 'Templates', description: 'Message templates of a log, most frequent first.' });

/**
 * The messages of a log and their templates. Continuation lines (stack traces) belong to the
 * message above them; a line with no header the parser can read is mined whole, so none is lost.
 * @example mineLogTemplates({ text: 'took 3 ms\ntook 12 ms\n', strip_headers: false }).templates[0]?.template // 'took <*> ms'
 */
export function mineLogTemplates({ text, strip_headers }: z.output<typeof templatesRequestSchema>): z.output<typeof templatesResultSchema> {
  const messages: string[] = [];
  const lineOf: number[] = [];
  let format: string | null = null;
  let lines: number;
  if (strip_headers) {
    const { results, stats } = parseLogText(text);
    format = stats.format;
    lines = stats.lines;
    for (const r of results) {
      if (r.kind === 'record') messages.push(r.record.message);
      else if (r.kind === 'rejected' && r.reason !== 'empty' && r.reason !== 'binary') messages.push(r.text);
      else continue;
      lineOf.push(r.line);
    }
  } else {
    const all = text.split('\n');
    if (all[all.length - 1] === '') all.pop();
    lines = all.length;
    all.forEach((l, i) => {
      const line = l.endsWith('\r') ? l.slice(0, -1) : l;
      if (line.trim() === '') return;
      messages.push(line);
      lineOf.push(i + 1);
    });
  }
  const { templates } = mineTemplates(messages);
  return {
    format,
    lines,
    messages: messages.length,
    templates: templates.map((t) => ({ template_id: t.templateId, template: t.template, count: t.count, first_line: lineOf[t.firstLine] ?? 0, example: t.example })),
  };
}

const tags = ['analysis'];
// POSTs default to responder (server/auth.ts); these compute and store nothing.
const config = { access: 'viewer' as const };

/**
 * Registers the analysis routes (mounted under /api/v1).
 * @example app.register(analysisRoutes, { deps, prefix: '/api/v1' });
 */
export const analysisRoutes: RoutePlugin = (app, { deps }, done) => {
  app.post(
    '/analysis/crashes',
    { config, schema: { tags, summary: 'Find crashes in a log', body: crashesRequestSchema, response: { 200: crashesResultSchema, ...problemResponses } } },
    (req) => Promise.resolve(toCrashJson(findCrashes(req.body.text))),
  );

  app.post(
    '/analysis/rank',
    {
      config,
      schema: {
        tags,
        summary: 'Rank metric series as root-cause candidates',
        description: 'Samples before the onset are the baseline, samples from it the anomaly; series are scored by their largest sustained deviation.',
        body: rankRequestSchema,
        response: { 200: rankReportSchema, ...problemResponses },
      },
    },
    (req) => {
      const { metrics, onset, method, direction } = req.body;
      const set = parseMetricInputs(metrics.map((m, i) => ({ source: m.name ?? `metrics[${i}]`, text: m.text })));
      return Promise.resolve(rankReport(set, { onset: parseOnset(String(onset)), method, direction }));
    },
  );

  app.post(
    '/analysis/templates',
    { config, schema: { tags, summary: 'Mine the message templates of a log', body: templatesRequestSchema, response: { 200: templatesResultSchema, ...problemResponses } } },
    (req) => Promise.resolve(mineLogTemplates(req.body)),
  );

  app.get(
    '/incidents/:id/suggestions',
    {
      schema: {
        tags,
        summary: "Suggested contributing factors from an incident's evidence",
        description:
          'Ranks the attached metric evidence around the incident onset (its start, or an earlier first indication), finds crash signatures in attached logs, and lists similar past incidents.',
        params: z.object({ id: incidentIdSchema }),
        response: { 200: suggestionsSchema, ...problemResponses },
      },
    },
    (req) => suggestForIncident(deps, req.params.id),
  );

  done();
};
