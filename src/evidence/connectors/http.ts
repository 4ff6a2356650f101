/**
 * The one HTTP call the connectors make: Node's fetch with a deadline, credentials taken out of the
 * URL, and network failures turned into UnavailableError so callers only reason about answers.
 */
import { InputError, UnavailableError } from '../../shared/errors.js';

export interface HttpOptions {
  /** Give up after this long; a hung Prometheus must not hang `pfa timeline`. */
  timeoutMs?: number;
  /** Extra request headers (e.g. `authorization`). */
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * The service URL joined with an API path, keeping any path prefix (Prometheus behind `/prometheus/`)
 * and moving `user:password@` into a Basic authorization header, which fetch refuses inside URLs.
 * @example endpoint('http://u:p@prom:9090/prom', 'api/v1/query_range').url.href === 'http://prom:9090/prom/api/v1/query_range'
 */
export function endpoint(base: string, path: string): { url: URL; headers: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new InputError(`invalid URL "${base.slice(0, 200)}": expected e.g. http://127.0.0.1:9090`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`invalid URL "${base.slice(0, 200)}": only http and https are supported`);
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { url: new URL(path, url), headers };
}

/** What the network layer said, from the error chain fetch throws (`TypeError: fetch failed` with a cause). */
function reasonOf(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timed out';
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Sends one request and reads the whole answer. Any status is returned; only failing to get an
 * answer at all (refused, unknown host, timeout, reset) throws, as UnavailableError.
 * @example const { status, text } = await httpRequest('Prometheus', url, { method: 'GET' }, { timeoutMs: 5000 });
 */
export async function httpRequest(service: string, url: URL, init: RequestInit, { timeoutMs = 30_000, headers = {} }: HttpOptions = {}): Promise<HttpAnswer> {
  const where = `${url.origin}${url.pathname}`;
  try {
    const res = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined), ...headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
  } catch (err) {
    const reason = reasonOf(err);
    const detail = reason === 'timed out' ? `did not answer within ${timeoutMs} ms` : `is unreachable (${reason})`;
    throw new UnavailableError(`${service} at ${where} ${detail}`, err);
  }
}

/**
 * Parses a JSON answer, or says plainly that the URL is not the service expected.
 * @example const doc = jsonOf('Alertmanager', answer, url);
 */
export function jsonOf(service: string, answer: HttpAnswer, url: URL): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    const head = answer.text.slice(0, 120).replace(/\s+/g, ' ');
    throw new InputError(`${url.origin}${url.pathname} answered ${answer.status} with something that is not JSON (${answer.contentType || 'no content type'}: "${head}"): is this ${service}?`);
  }
}
