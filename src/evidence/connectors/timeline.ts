/**
 * `pfa timeline --prometheus URL --query PROMQL --alertmanager URL`: the live sources of a timeline,
 * fetched for the window (with its margins and the metric baseline) and handed to `buildTimeline`.
 */
import type { Command } from 'commander';
import { collect } from '../../cli/input.js';
import { InputError } from '../../shared/errors.js';
import { parseDuration } from '../../shared/time.js';
import type { ParsedMetrics } from '../metrics/index.js';
import { alertEvents, type TimelineOptions } from '../timeline/index.js';

type SourceEvents = NonNullable<TimelineOptions['extraEvents']>[number];

export interface ConnectorCliOptions {
  prometheus?: string;
  query?: string[];
  step?: string;
  alertmanager?: string;
}

/**
 * Adds the live-source options to a command.
 * @example addConnectorOptions(program.command('timeline [sources...]'))
 */
export function addConnectorOptions(cmd: Command): Command {
  return cmd
    .option('--prometheus <url>', 'Prometheus to query for the window and its baseline (with --query)')
    .option('--query <promql>', 'PromQL whose series join the metric files for anomaly detection (repeatable)', collect)
    .option('--step <duration>', 'query resolution (default: the finest whole second under Prometheus\' 11,000-point limit)')
    .option('--alertmanager <url>', 'Alertmanager whose current alerts become alert events');
}

/** Whether any live source was asked for (then no file is needed; a half-given one is refused by `connectorSources`). */
export function hasConnectorSources(o: ConnectorCliOptions): boolean {
  return Boolean(o.prometheus || o.alertmanager || o.query?.length);
}

export interface LiveWindow {
  start: bigint;
  end: bigint;
  /** The timeline's margins and metric baseline, as durations (`15m`, `1h`). */
  before: string;
  after: string;
  baseline: string;
}

/**
 * Fetches the live sources named on the command line, as `buildTimeline` options.
 * @example const live = await connectorSources(o, { start, end, before: '15m', after: '15m', baseline: '1h' });
 * await buildTimeline(files, { start, end, ...live });
 */
export async function connectorSources(o: ConnectorCliOptions, w: LiveWindow): Promise<{ extraSeries?: ParsedMetrics[]; extraEvents?: SourceEvents[] }> {
  const queries = o.query ?? [];
  if (queries.length && !o.prometheus) throw new InputError('--query needs --prometheus URL');
  if (o.prometheus && !queries.length) throw new InputError('--prometheus needs at least one --query PROMQL');
  const out: { extraSeries?: ParsedMetrics[]; extraEvents?: SourceEvents[] } = {};
  if (o.prometheus) {
    // The detector compares the window with the baseline before it, so both are fetched.
    const start = w.start - parseDuration(w.before) - parseDuration(w.baseline);
    const end = w.end + parseDuration(w.after);
    // Loaded when asked for: their response schemas (zod) are ~50 ms of a timeline's start-up.
    const { defaultStep, queryRange } = await import('./prometheus.js');
    const step = o.step ? parseDuration(o.step) : defaultStep(start, end);
    if (step <= 0n) throw new InputError('--step must be a positive duration');
    const url = o.prometheus;
    out.extraSeries = await Promise.all(queries.map((q) => queryRange(url, q, start, end, step)));
  }
  if (o.alertmanager) {
    const { listAlerts } = await import('./alertmanager.js');
    const alerts = await listAlerts(o.alertmanager);
    const { events, rejected } = alertEvents(alerts, o.alertmanager);
    out.extraEvents = [
      {
        events,
        stats: { file: o.alertmanager, kind: 'alerts', format: 'alertmanager-api', lines: alerts.length, events: events.length, rejected: rejected ? { no_start_time: rejected } : {}, notes: [] },
      },
    ];
  }
  return out;
}
