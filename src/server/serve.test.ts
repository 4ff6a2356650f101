import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../auth/index.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Store } from '../db/database.js';
import type { Deps } from '../incidents/service.js';
import { cliContext } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { isLoopbackAddress, isLoopbackHost, startServer, type RunningServer } from './serve.js';
import { pino } from 'pino';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback detection', () => {
  it('recognizes loopback addresses and names only', async () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(ip), ip).toBe(true);
    for (const ip of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', '128.0.0.1', 'fe80::1']) expect(isLoopbackAddress(ip), ip).toBe(false);
    expect(await isLoopbackHost('localhost')).toBe(true);
    expect(await isLoopbackHost('0.0.0.0')).toBe(false);
    expect(await isLoopbackHost('')).toBe(false);
  });
});

describe.each(databases)('pfa serve on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let deps: Deps;
  let server: RunningServer | undefined;
  const logger = pino({ level: 'silent' });

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
    deps = { db: store.db, config: DEFAULT_CONFIG };
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await cleanup();
  });

  it('refuses to listen on a non-loopback address while no token exists', async () => {
    await expect(startServer(deps, { host: '0.0.0.0', port: 0, logger })).rejects.toMatchObject({
      code: 'not_allowed',
      message: expect.stringMatching(/refusing to listen on 0\.0\.0\.0.*pfa token create/) as unknown,
    });
    await expect(startServer(deps, { host: '::', port: 0, logger })).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('says so plainly when the port is taken', async () => {
    const first = await startServer(deps, { host: '127.0.0.1', port: 0, logger });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startServer(deps, { host: '127.0.0.1', port, logger })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/port \d+ is already in use.*--port/) as unknown,
      });
    } finally {
      await first.close();
    }
  });

  it('serves real HTTP on loopback, and on any address once a token exists', async () => {
    server = await startServer(deps, { port: 0, logger });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.docsUrl).toBe(`${server.url}/api/docs`);
    expect((await get(`${server.url}/api/v1/incidents`)).status).toBe(200);
    await server.close();

    const { token } = await createToken(deps, cliContext(), { name: 'remote', role: 'viewer' });
    server = await startServer(deps, { host: '0.0.0.0', port: 0, logger });
    const port = new URL(server.url).port;
    expect((await get(`http://127.0.0.1:${port}/api/v1/incidents`)).status).toBe(401);
    expect((await get(`http://127.0.0.1:${port}/api/v1/incidents`, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});
