/** What a command needs at run time: the store (opened lazily, closed at exit) and configuration. */
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/database.js';
import type { Deps } from '../incidents/service.js';
import { cliContext, type Context } from '../shared/context.js';
import { InputError } from '../shared/errors.js';
import { stdOutput, type Output } from './output.js';

export interface GlobalOptions {
  db?: string;
  config?: string;
  json?: boolean;
  debug?: boolean;
}

export interface Runtime {
  /** Opens the store on first use. */
  deps(): Promise<Deps & { store: Store }>;
  ctx: Context;
  output: Output;
  close(): Promise<void>;
}

/**
 * A store location other than a file path or postgres:// URL is refused: `mysql://host/db` would
 * otherwise be opened as an SQLite file named "mysql:/host/db" and answer "no incidents".
 * @example checkDatabaseUrl('postgres://u@h/db') === 'postgres://u@h/db'
 */
export function checkDatabaseUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme && !/^postgres(ql)?$/.test(scheme)) {
    throw new InputError(`unsupported database URL scheme "${scheme}:": use an SQLite file path (or :memory:) or postgres://user:pass@host/db`);
  }
  return url;
}

/** Builds the runtime of one command from the global options (`pfa --db … --json`). */
export function runtimeFor(cmd: Command): Runtime {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  let store: Store | undefined;
  let config: Config | undefined;
  // Loaded with the store: reading it takes the YAML parser and the schema library, which commands
  // that never open the store (logs, timeline on files, crash, templates) need not start with.
  const getConfig = async (): Promise<Config> => {
    if (!config) {
      const { loadConfig } = await import('../config/load.js');
      config = loadConfig(opts.config ?? process.env.PFA_CONFIG);
    }
    return config;
  };
  return {
    async deps() {
      if (!store) {
        // Loaded on first use: the database drivers and migrations are a large part of start-up,
        // and many commands (logs, timeline on files, crash, templates) never open the store.
        const { openStore, resolveDatabase } = await import('../db/database.js');
        const { url, source } = resolveDatabase(opts.db);
        // Only the default location is pfa's to create; a path the user named must already have its directory.
        store = await openStore(checkDatabaseUrl(url), { createDirectory: source === 'default', source });
      }
      return { db: store.db, config: await getConfig(), store };
    },
    ctx: cliContext(),
    output: stdOutput(Boolean(opts.json)),
    async close() {
      await store?.close();
    },
  };
}

/** Wraps a command action so the store is always closed, whatever happens. */
export function action<A extends unknown[]>(fn: (rt: Runtime, ...args: A) => Promise<void>) {
  return async (...args: A) => {
    const cmd = args[args.length - 1] as Command;
    const rt = runtimeFor(cmd);
    try {
      await fn(rt, ...args);
    } finally {
      await rt.close();
    }
  };
}
