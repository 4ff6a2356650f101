/**
 * Build step (`npm run build`, after tsc and the command index): bundles the compiled CLI into
 * dist/bundle/, which bin/pfa.js runs. Node's ESM loader resolves, reads and compiles each of the
 * ~300 files a command imports one by one; from a few bundled chunks the same code starts in
 * about two thirds of the time (bench/startup.js), for every command and every worker thread.
 *
 * Bundled: our code and the pure-JS libraries it calls at start-up (zod, commander, kysely, yaml…).
 * Left as imports from node_modules: what finds files of its own package at run time (Fastify's
 * Swagger UI assets, pino's transports, better-sqlite3's native addon, pg, playwright-core).
 * `PFA_BUNDLED` tells the modules that start worker threads that their scripts sit beside the
 * chunks under the names below, not as `./worker.js` next to the module.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { INDEX_URL } from './command-index.js';

/** The bundle's entry points (name → compiled module); pool.ts and adapter.ts name the workers. */
export const BUNDLE_ENTRIES = {
  pfa: 'dist/cli/main.js',
  'timeline-worker': 'dist/evidence/timeline/worker.js',
  'templates-worker': 'dist/analysis/templates/worker.js',
} as const;

/** Packages that read their own files at run time, so they must stay in node_modules. */
export const BUNDLE_EXTERNAL = ['fastify', '@fastify/swagger', '@fastify/swagger-ui', 'pino', 'better-sqlite3', 'pg', 'playwright-core'];

const root = fileURLToPath(new URL('../../', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: BUNDLE_ENTRIES,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: BUNDLE_EXTERNAL,
  // Chunks beside the entries: `new URL('./x', import.meta.url)` in a chunk then points into the bundle.
  chunkNames: 'chunk-[hash]',
  sourcemap: true,
  define: { PFA_BUNDLED: 'true' },
  // CommonJS libraries in an ESM bundle call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __pfaRequire } from 'node:module'; const require = __pfaRequire(import.meta.url);" },
  logLevel: 'warning',
});
// The command index is read from beside the code that reads it (command-index.ts).
copyFileSync(fileURLToPath(INDEX_URL), `${outdir}/commands.json`);
