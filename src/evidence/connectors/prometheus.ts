/**
 * Live Prometheus: a range query over the HTTP API, answered as the same series the metric file
 * readers produce (the answer is read by `parseQueryRange`, exactly as a saved query_range file is).
 */
import { InputError, UnavailableError } from '../../shared/errors.js';
import { NS_PER_MS, NS_PER_S } from '../../shared/time.js';
import { parseQueryRange, type ParsedMetrics } from '../metrics/index.js';
import { endpoint, httpRequest, jsonOf, type HttpAnswer, type HttpOptions } from './http.js';

/** Prometheus refuses a range query that would give a series more points than this. */
export const PROMETHEUS_MAX_POINTS = 11_000;

/**
 * The finest whole-second step that keeps [start, end] within `maxPoints` points per series; below
 * Prometheus' limit with room to spare, and never finer than `minStep`.
 * @example defaultStep(0n, 24n * 3_600_000_000_000n) === 9_000_000_000n // a day at 9 s
 */
export function defaultStep(start: bigint, end: bigint, { maxPoints = 10_000, minStep = NS_PER_S }: { maxPoints?: number; minStep?: bigint } = {}): bigint {
  const range = end > start ? end - start : 0n;
  const intervals = BigInt(Math.max(1, maxPoints - 1));
  const raw = (range + intervals - 1n) / intervals;
  const whole = ((raw + NS_PER_S - 1n) / NS_PER_S) * NS_PER_S;
  return whole > minStep ? whole : minStep;
}

/** Seconds with millisecond digits, the resolution Prometheus works at. */
function seconds(ns: bigint): string {
  const ms = ns / NS_PER_MS;
  const sign = ms < 0n ? '-' : '';
  const abs = ms < 0n ? -ms : ms;
  return `${sign}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
}

interface ErrorBody {
  errorType?: unknown;
  error?: unknown;
}

/** An error answer as an error of ours: the query's fault is InputError, the server's is UnavailableError. */
function failure(answer: HttpAnswer, url: URL, promql: string): Error {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(answer.text) as ErrorBody;
  } catch {
    // Not Prometheus' JSON error (a proxy's page, say): the status alone must do.
  }
  const said = typeof body.error === 'string' ? `${typeof body.errorType === 'string' ? `${body.errorType}: ` : ''}${body.error}` : `HTTP ${answer.status}`;
  const where = `${url.origin}${url.pathname}`;
  // 400 bad_data (syntax, bad step) and 422 execution errors are about the query; 503 is a
  // timed-out or cancelled query; other 5xx mean the server is in trouble.
  if (answer.status === 400 || answer.status === 422) {
    return new InputError(`Prometheus refused the query ${JSON.stringify(promql.slice(0, 200))}: ${said}`, { details: { status: answer.status, error_type: body.errorType ?? null } });
  }
  if (answer.status === 401 || answer.status === 403) return new InputError(`Prometheus at ${where} refused access (${said}): give credentials in the URL (http://user:password@host/)`);
  if (answer.status === 404) return new InputError(`no Prometheus API at ${where} (HTTP 404): give the server's base URL, e.g. http://127.0.0.1:9090`);
  return new UnavailableError(`Prometheus at ${where} failed: ${said}`);
}

/**
 * Runs a PromQL range query over [start, end] (ns) at `step` (ns) and returns its series.
 * @example
 * const { series } = await queryRange('http://127.0.0.1:9090', 'up', start, end, 15_000_000_000n);
 * series[0]?.name // 'up{instance="…",job="…"}'
 */
export async function queryRange(url: string, promql: string, start: bigint, end: bigint, step: bigint, opts: HttpOptions = {}): Promise<ParsedMetrics> {
  if (promql.trim() === '') throw new InputError('empty PromQL query');
  if (end < start) throw new InputError('the query range ends before it starts');
  if (step < NS_PER_MS) throw new InputError('the query step must be at least 1ms');
  const points = (end - start) / step + 1n;
  if (points > BigInt(PROMETHEUS_MAX_POINTS)) {
    throw new InputError(`${points} points per series at a ${seconds(step)}s step exceed Prometheus' limit of ${PROMETHEUS_MAX_POINTS}: use a larger step`);
  }
  const { url: target, headers } = endpoint(url, 'api/v1/query_range');
  // POST keeps long PromQL out of the URL, where proxies cap the length.
  const body = new URLSearchParams({ query: promql, start: seconds(start), end: seconds(end), step: seconds(step) });
  const answer = await httpRequest(
    'Prometheus',
    target,
    { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { ...opts, headers: { ...headers, ...opts.headers } },
  );
  if (answer.status !== 200) throw failure(answer, target, promql);
  if (!answer.text.trimStart().startsWith('{')) jsonOf('Prometheus', answer, target);
  return parseQueryRange(answer.text, { source: `${target.origin} ${promql}` });
}
