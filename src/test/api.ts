/** In-process API over a fresh store per test, for route tests: `const t = useApi(database); … t.api.request(…)`. */
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../db/database.js';
import { apiClient, type ApiClient } from '../server/inject.js';
import { freshStore, type TestDatabase } from './databases.js';

export interface ApiFixture {
  readonly api: ApiClient;
  readonly store: Store;
}

/** Registers beforeEach/afterEach hooks in the calling describe block. */
export function useApi(database: TestDatabase): ApiFixture {
  let current: { api: ApiClient; store: Store; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => {
    const { store, cleanup } = await freshStore(database);
    current = { api: apiClient(store.db), store, cleanup };
  });
  afterEach(async () => {
    await current?.api.close();
    await current?.cleanup();
    current = undefined;
  });
  const get = () => {
    if (!current) throw new Error('useApi: only inside a test');
    return current;
  };
  return {
    get api() {
      return get().api;
    },
    get store() {
      return get().store;
    },
  };
}
