/**
 * An in-process client of the API for tests and scripts: builds the app over a store and sends
 * requests with `inject` (no socket), with an optional bearer token.
 */
import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';
import type { Db } from '../db/database.js';
import { buildApp, type App } from './app.js';
import { tokenAuthenticator } from './auth.js';

export interface InjectOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw payload (e.g. malformed JSON); wins over `body`. */
  payload?: string;
}

export interface ApiClient {
  app: App;
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, opts?: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * @example const api = apiClient(store.db); const res = await api.request('GET', '/api/v1/healthz');
 */
export function apiClient(db: Db, { loopback = true, config = DEFAULT_CONFIG, logger = pino({ level: 'silent' }) }: { loopback?: boolean; config?: Config; logger?: pino.Logger } = {}): ApiClient {
  const app = buildApp({ deps: { db, config }, auth: tokenAuthenticator(db, { localWhenNoTokens: loopback }), logger });
  return {
    app,
    request(method, url, { token, body, headers = {}, payload } = {}) {
      const h: Record<string, string> = { ...headers };
      if (token) h.authorization = `Bearer ${token}`;
      if (payload !== undefined || body !== undefined) h['content-type'] ??= 'application/json';
      return app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload } : body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    },
    close: () => app.close(),
  };
}
