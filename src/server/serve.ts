/**
 * Starts the API on a socket. Loopback (the default) is open to the local user while the store has no
 * token; any other address is refused until a token exists, so a fresh store is never exposed.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { tokensExist } from '../auth/index.js';
import type { Deps } from '../incidents/service.js';
import { InputError, NotAllowedError } from '../shared/errors.js';
import { buildApp, type App } from './app.js';
import { tokenAuthenticator } from './auth.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
import { DOCS_PATH } from './openapi.js';


/**
 * Whether an IP address is a loopback address (127.0.0.0/8, ::1, IPv4-mapped 127.x).
 * @example isLoopbackAddress('127.0.0.1') === true
 */
export function isLoopbackAddress(ip: string): boolean {
  const v4 = ip.replace(/^::ffff:/i, '');
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(ip) === 6 && /^(0{0,4}:){1,7}0{0,3}1$|^::1$/.test(ip);
}

/**
 * Whether binding `host` listens on loopback only; a name counts only if every address it resolves to does.
 * @example await isLoopbackHost('localhost') === true
 */
export async function isLoopbackHost(host: string): Promise<boolean> {
  if (host.trim() === '') return false;
  if (isIP(host)) return isLoopbackAddress(host);
  try {
    const addrs = await lookup(host, { all: true });
    return addrs.length > 0 && addrs.every((a) => isLoopbackAddress(a.address));
  } catch {
    return false;
  }
}

export interface ServeOptions {
  host?: string;
  port?: number;
  logger?: FastifyBaseLogger;
}

export interface RunningServer {
  app: App;
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  docsUrl: string;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (port 0: any free port).
 * @example const srv = await startServer(deps, { port: 0 }); console.log(srv.url); await srv.close();
 */
export async function startServer(deps: Deps, { host = DEFAULT_HOST, port = DEFAULT_PORT, logger }: ServeOptions = {}): Promise<RunningServer> {
  const loopback = await isLoopbackHost(host);
  if (!loopback && !(await tokensExist(deps))) {
    throw new NotAllowedError(
      `refusing to listen on ${host}: it is reachable from other machines and the store has no API token. ` +
        'Create one first (pfa token create --name NAME --role ROLE), or listen on 127.0.0.1',
      { host },
    );
  }
  const app = buildApp({ deps, auth: tokenAuthenticator(deps.db, { localWhenNoTokens: loopback }), ...(logger ? { logger } : {}) });
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    // Address problems are the user's to fix (another server on the port, no such interface), not bugs.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(`port ${port} is already in use on ${host}: pass --port N (0 picks a free port)`);
    if (code === 'EACCES') throw new InputError(`not allowed to listen on ${host}:${port}: pick a port above 1023`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError(`cannot listen on ${host}: no such address on this machine`);
    throw err;
  }
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr !== null ? addr.port : port;
  const shownHost = isIP(host) === 6 ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}`;
  return { app, url, docsUrl: `${url}${DOCS_PATH}`, close: () => app.close() };
}
