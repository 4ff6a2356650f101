/** `pfa serve`: run the HTTP API (and its browsable docs) over the store until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { action } from '../cli/runtime.js';
import { toJson } from '../cli/output.js';
import { InputError } from '../shared/errors.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';

interface ServeCliOptions {
  host: string;
  port: string;
  demoIfEmpty?: boolean;
}

function parsePort(s: string): number {
  const n = Number(s);
  if (!/^\d{1,5}$/.test(s.trim()) || n > 65535) throw new InputError(`invalid port "${s}": expected 0–65535 (0 picks a free port)`);
  return n;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * @example registerServerCommands(program); // pfa serve --port 0
 */
export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API; docs at /api/docs, OpenAPI at /api/openapi.json')
    .option('--host <host>', 'address to listen on (other than loopback only once an API token exists)', DEFAULT_HOST)
    .option('--port <port>', 'port to listen on; 0 picks a free one', String(DEFAULT_PORT))
    .option('--demo-if-empty', 'load the demo incidents when the store has none')
    .action(
      action(async (rt, opts: ServeCliOptions) => {
        const port = parsePort(opts.port);
        // The server, its plugins and the logger load here, not with the command: `pfa serve --help` needs none of them.
        const [{ pino }, { loadDemoIfEmpty }, { startServer }] = await Promise.all([import('pino'), import('../demo/index.js'), import('./serve.js')]);
        const deps = await rt.deps();
        if (opts.demoIfEmpty) {
          const ids = await loadDemoIfEmpty(deps, rt.ctx);
          if (ids.length && !rt.output.json) rt.output.err(`loaded ${ids.length} demo incidents`);
        }
        // Logs go to stderr as JSON lines; stdout carries only the startup line(s).
        const logger = pino({ level: process.env.PFA_LOG_LEVEL ?? 'info' }, pino.destination(2));
        const server = await startServer(deps, { host: opts.host, port, logger });
        if (rt.output.json) {
          rt.output.out(toJson({ url: server.url, docs: server.docsUrl, store: deps.store.location }));
        } else {
          rt.output.out(`pfa listening on ${server.url} (API docs: ${server.docsUrl})`);
          rt.output.out(`store: ${deps.store.location}`);
        }
        const sig = await untilSignal();
        logger.info({ signal: sig }, 'shutting down');
        // Stops accepting, lets in-flight requests finish; the store is closed by action() after.
        await server.close();
      }),
    );
}
