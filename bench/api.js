// HTTP API throughput and latency over a store of 100,000 generated incidents: GET one incident and
// a filtered list, against a bare constant-JSON route of the same Fastify server in the same run, over
// real keep-alive HTTP on loopback (load generated in a worker thread). SQLite always; PostgreSQL when
// PFA_BENCH_POSTGRES_URL is set (a throwaway database is created on that server and dropped after).
// Run after `npm run build`:
//   node bench/api.js [--incidents 100000] [--seconds 3] [--rounds 3] [--concurrency 16]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { openStore } from '../dist/db/database.js';
import { inTransaction } from '../dist/db/transaction.js';
import { incidentToRow, raiseSequence } from '../dist/incidents/store.js';
import { counterKey, formatId } from '../dist/incidents/ids.js';
import { incidentCreateSchema, SEVERITIES, STATUSES, choices } from '../dist/incidents/schema/index.js';
import { DEFAULT_CONFIG } from '../dist/config/schema.js';
import { createToken } from '../dist/auth/index.js';
import { buildApp, tokenAuthenticator } from '../dist/server/index.js';
import { formatTimestamp } from '../dist/shared/time.js';

// ---- load generator (worker thread) ---------------------------------------------------------

/**
 * Keeps `concurrency` requests in flight over keep-alive sockets until `seconds` or `maxRequests`;
 * checks every status and every 10th body; returns every latency (ms).
 */
async function load({ port, paths, headers, concurrency, seconds, maxRequests, check }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(maxRequests);
  let sent = 0;
  let done = 0;
  let bad = 0;
  let checked = 0;
  const firstBad = [];
  const deadline = performance.now() + seconds * 1000;
  const one = (i) =>
    new Promise((resolve) => {
      const p = paths[i % paths.length];
      const t0 = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          latencies[done] = performance.now() - t0;
          done++;
          let ok = res.statusCode === 200;
          if (ok && i % 10 === 0) {
            checked++;
            ok = verify(check, p, chunks.join(''));
          }
          if (!ok) {
            bad++;
            if (firstBad.length < 3) firstBad.push(`${p} → ${res.statusCode}`);
          }
          resolve();
        });
      });
      req.on('error', (e) => {
        bad++;
        if (firstBad.length < 3) firstBad.push(`${p} → ${e.message}`);
        resolve();
      });
      req.end();
    });
  const lane = async () => {
    while (sent < maxRequests && performance.now() < deadline) await one(sent++);
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return { requests: done, elapsed, bad, checked, firstBad, latencies: latencies.slice(0, done) };
}

function verify(check, p, body) {
  const json = JSON.parse(body);
  if (check.kind === 'bare') return json.ok === true;
  if (check.kind === 'get') return json.id === decodeURIComponent(p.split('/').pop()) && typeof json.title === 'string';
  if (check.kind === 'list') {
    const keys = json.items.map((i) => i.started_at);
    const sortedDesc = keys.every((k, j) => j === 0 || keys[j - 1] >= k);
    return json.total === check.total && json.items.length === Math.min(50, check.total) && sortedDesc && json.items.every((i) => i.severity === 'P1' && i.component === 'memory');
  }
  return false;
}

// ---- data -----------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32), so every run and database gets the same incidents. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'order gateway matching engine feed handler kernel oom latency spike packet loss multicast nic firmware disk full fix session drop risk check timeout dns resolver failover replica lag memory leak thread deadlock'.split(' ');

function generate(n, seed = 42) {
  const r = rng(seed);
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const words = (k) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const sevWeights = [0.05, 0.15, 0.3, 0.3, 0.2];
  const severity = () => {
    let x = r();
    for (let i = 0; i < SEVERITIES.length; i++) if ((x -= sevWeights[i]) < 0) return SEVERITIES[i];
    return 'P4';
  };
  const start = Date.UTC(2024, 0, 1) * 1_000_000;
  const span = 2 * 365 * 86_400_000 * 1_000_000;
  const counters = new Map();
  const incidents = [];
  for (let i = 0; i < n; i++) {
    const kind = r() < 0.6 ? 'sys' : 'inc';
    const startNs = BigInt(start) + BigInt(Math.floor(r() * span));
    const started_at = formatTimestamp(startNs, 6);
    const ended_at = formatTimestamp(startNs + BigInt(Math.floor(60e9 + r() * 6 * 3600e9)), 6);
    const key = counterKey(kind, started_at);
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const content = {
      kind,
      title: `${words(3)} ${i}`.slice(0, 300),
      severity: severity(),
      started_at,
      ended_at,
      component: pick(choices.component.values),
      failure_type: pick(choices.failureType.values),
      summary: { description: words(30), incident_commander: `oncall-${i % 17}` },
      symptoms: { initial: words(12), error_messages: words(8) },
      timeline: Array.from({ length: 3 + Math.floor(r() * 5) }, (_, j) => ({ at: formatTimestamp(startNs + BigInt(j) * 30_000_000_000n, 6), event: words(6) })),
      impact: { summary: words(15), trading: { orders_lost: Math.floor(r() * 1000) } },
    };
    incidents.push({ ...content, id: formatId(key, seq), status: pick(STATUSES), version: 1, created_at: started_at, updated_at: started_at });
  }
  return { incidents, counters };
}

/** Inserts through the store's row mapping, in multi-row batches inside one transaction. */
async function seed(db, { incidents, counters }) {
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < incidents.length; i += 500) {
      const rows = incidents.slice(i, i + 500).map(incidentToRow);
      await trx.insertInto('incidents').values(rows.map(({ record: _record, ...row }) => row)).execute();
      await trx.insertInto('incident_records').values(rows.map(({ id, record }) => ({ id, record }))).execute();
    }
    for (const [key, last] of counters) await raiseSequence(trx, key, last);
  });
}

// ---- databases ------------------------------------------------------------------------------

async function sqliteDb() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pfa-bench-api-'));
  return { name: 'sqlite', url: path.join(dir, 'pfa.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresDb(adminUrl) {
  const name = `pfa_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// ---- main -----------------------------------------------------------------------------------

/** One load-generator thread for the whole run, fed one scenario at a time. */
function startLoader() {
  const w = new Worker(fileURLToPath(import.meta.url));
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const onError = (e) => reject(e);
        w.once('error', onError);
        w.once('message', (res) => {
          w.off('error', onError);
          resolve(res);
        });
        w.postMessage(job);
      }),
    close: () => w.terminate(),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function benchDatabase(database, data, opts) {
  const store = await openStore(database.url);
  try {
    const t0 = performance.now();
    await seed(store.db, data);
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(`\n${database.name}: ${fmt(data.incidents.length)} incidents inserted in ${fmt(seedSeconds, 1)} s (${fmt(data.incidents.length / seedSeconds)}/s)`);

    const deps = { db: store.db, config: DEFAULT_CONFIG };
    // Requests authenticate with a real token (one indexed lookup per request), as any deployment would.
    const { token } = await createToken(deps, { actor: 'bench', source: 'cli', requestId: 'bench', role: 'admin' }, { name: 'bench', role: 'viewer' });
    const app = buildApp({ deps, auth: tokenAuthenticator(store.db), logger: pino({ level: 'warn' }) });
    app.get('/bare', { config: { access: 'public' } }, async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = app.server.address().port;

    const r = rng(7);
    const sample = Array.from({ length: 2000 }, () => data.incidents[Math.floor(r() * data.incidents.length)].id);
    const listTotal = data.incidents.filter((i) => i.severity === 'P1' && i.component === 'memory').length;
    const scenarios = [
      { name: 'bare', paths: ['/bare'], check: { kind: 'bare' } },
      { name: 'GET /api/v1/incidents/:id', paths: sample.map((id) => `/api/v1/incidents/${id}`), check: { kind: 'get' } },
      { name: 'GET /api/v1/incidents?severity=P1&component=memory&limit=50', paths: ['/api/v1/incidents?severity=P1&component=memory&limit=50'], check: { kind: 'list', total: listTotal } },
    ];
    const loader = startLoader();
    const headers = { authorization: `Bearer ${token}` };
    const job = (s, seconds, maxRequests) => ({ port, paths: s.paths, headers, concurrency: opts.concurrency, check: s.check, seconds, maxRequests });
    for (const s of scenarios) await loader.run(job(s, 0.5, 500)); // warm-up: JIT, statement and page caches
    // Rounds interleave the scenarios so that each is compared with the bare route measured next to it:
    // on a shared, noisy machine the per-round ratio is far steadier than absolute numbers.
    const rounds = scenarios.map(() => []);
    for (let r = 0; r < opts.rounds; r++) {
      for (const [i, s] of scenarios.entries()) rounds[i].push(await loader.run(job(s, opts.seconds, opts.maxRequests)));
    }
    await loader.close();
    await app.close();

    const results = scenarios.map((s, i) => {
      const runs = rounds[i];
      const all = Float64Array.from(runs.flatMap((x) => Array.from(x.latencies))).sort();
      const rps = runs.map((x) => x.requests / x.elapsed);
      const ratios = runs.map((x, r) => x.requests / x.elapsed / (rounds[0][r].requests / rounds[0][r].elapsed));
      return {
        name: s.name,
        requests: runs.reduce((a, x) => a + x.requests, 0),
        bad: runs.reduce((a, x) => a + x.bad, 0),
        checked: runs.reduce((a, x) => a + x.checked, 0),
        first_bad: runs.flatMap((x) => x.firstBad).slice(0, 3),
        rps_median: median(rps),
        rps_per_round: rps,
        p50_ms: percentile(all, 0.5),
        p99_ms: percentile(all, 0.99),
        ratio_rps_to_bare: median(ratios),
      };
    });
    for (const res of results) {
      res.ratio_p50_to_bare = res.p50_ms / results[0].p50_ms;
      console.log(
        `  ${res.name.padEnd(62)} ${fmt(res.rps_median).padStart(7)} req/s  p50 ${fmt(res.p50_ms, 2)} ms  p99 ${fmt(res.p99_ms, 2)} ms  ` +
          `${fmt(res.ratio_rps_to_bare, 3)}× bare req/s  ok ${fmt(res.requests - res.bad)}/${fmt(res.requests)} (${fmt(res.checked)} bodies checked)`,
      );
      if (res.first_bad.length) console.log(`    failures: ${res.first_bad.join('; ')}`);
    }
    return { database: database.name, incidents: data.incidents.length, seed_seconds: seedSeconds, list_matches: listTotal, results };
  } finally {
    await store.close();
    await database.drop();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const arg = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
  };
  const opts = { incidents: arg('incidents', 100_000), seconds: arg('seconds', 3), rounds: arg('rounds', 3), concurrency: arg('concurrency', 16), maxRequests: 500_000 };
  console.log(`pfa API bench: ${fmt(opts.incidents)} incidents, ${opts.concurrency} requests in flight, ${opts.rounds} rounds × ${opts.seconds} s per scenario, keep-alive HTTP on 127.0.0.1`);

  const t0 = performance.now();
  const data = generate(opts.incidents);
  // The generator must produce records the API itself would accept: validate a sample with the create schema.
  const sampled = data.incidents.filter((_, i) => i % 100 === 0);
  const contentOf = (inc) => Object.fromEntries(Object.entries(inc).filter(([k]) => !['status', 'version', 'created_at', 'updated_at'].includes(k)));
  const invalid = sampled.filter((inc) => !incidentCreateSchema.safeParse(contentOf(inc)).success);
  console.log(`generated in ${fmt((performance.now() - t0) / 1000, 1)} s; ${sampled.length - invalid.length}/${sampled.length} sampled records valid`);

  const databases = [await sqliteDb()];
  if (process.env.PFA_BENCH_POSTGRES_URL) databases.push(await postgresDb(process.env.PFA_BENCH_POSTGRES_URL));
  else console.log('(PostgreSQL skipped: set PFA_BENCH_POSTGRES_URL to include it)');

  const runs = [];
  for (const d of databases) runs.push(await benchDatabase(d, data, opts));

  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  mkdirSync(path.join(repoRoot, 'bench/out'), { recursive: true });
  const out = path.join(repoRoot, 'bench/out/api.json');
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, options: opts, generator_valid: `${sampled.length - invalid.length}/${sampled.length}`, runs }, null, 2)}\n`);
  console.log(`\nwritten ${path.relative(repoRoot, out)}`);
}

// Last, so every const above is initialized: the worker thread runs this same file.
if (!isMainThread) {
  parentPort.on('message', (job) => {
    void load(job).then((res) => parentPort.postMessage(res, [res.latencies.buffer]));
  });
} else {
  await main();
}
