// Suggested contributing factors and knowledge links, end to end through a SQLite store:
//  A. Sock Shop (RCAEval RE1-SS): each case becomes an incident starting at the fault, with normal.csv
//     and anomalous.csv attached as evidence; `suggestForIncident` is scored on where the true service
//     appears among its metric factors (AC@1..5, Avg@5), and timed against a plain split/Number()
//     parse of the same CSVs.
//  B. Knowledge scan: synthetic incidents from bug families (crash signature for some, component,
//     failure type, tags, characteristic words); held-out incidents of each family query the store.
//     Scored on whether the best match is of the same family; timed against reading the same
//     incidents without scoring (`allIncidents`). The families are generated, so this checks that the
//     signals are used sensibly, not how well real incident write-ups match.
// Run after `npm run build`:  node bench/suggest.js [--data <dir>] [--incidents 3000] [--reps 3]
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suggestForIncident } from '../dist/analysis/suggest/index.js';
import { acAtK, avgAtK } from '../dist/analysis/rank/index.js';
import { DEFAULT_CONFIG } from '../dist/config/schema.js';
import { openStore } from '../dist/db/database.js';
import { addEvidence } from '../dist/evidence/service.js';
import { createIncident } from '../dist/incidents/service.js';
import { allIncidents } from '../dist/incidents/store.js';
import { crashTag, similarIncidents } from '../dist/knowledge/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const dataDir = arg('data', path.resolve(repoRoot, '../shared/data/rca/sockshop'));
const nIncidents = Number(arg('incidents', '3000'));
const reps = Number(arg('reps', '3'));
const ctx = { actor: 'bench', source: 'cli', requestId: 'bench', role: 'admin' };
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
async function timeIt(fn) {
  const times = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    out = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), out };
}
const fmt = (x) => x.toFixed(3);

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-bench-suggest-'));
const store = await openStore(path.join(dir, 'pfa.db'));
const deps = { db: store.db, config: DEFAULT_CONFIG };

try {
  // ---- A. Sock Shop suggestions ----------------------------------------------------------------
  const labels = path.join(dataDir, 'labels.csv');
  if (!existsSync(labels)) throw new Error(`no labels.csv in ${dataDir}`);
  const [head, ...rows] = readFileSync(labels, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  const present = new Set(readdirSync(dataDir));
  const cases = rows
    .map((r) => r.split(','))
    .map((c) => ({ id: c[cols.indexOf('case_id')], service: c[cols.indexOf('root_cause_service')], fault: c[cols.indexOf('fault_type')] }))
    .filter((c) => present.has(c.id));
  for (const c of cases) {
    c.normal = readFileSync(path.join(dataDir, c.id, 'normal.csv'), 'utf8');
    c.anomalous = readFileSync(path.join(dataDir, c.id, 'anomalous.csv'), 'utf8');
    // The fault starts at the first row of anomalous.csv: that is when the incident started.
    const firstRow = c.anomalous.split('\n', 2)[1];
    const start = new Date(Number(firstRow.split(',')[0]) * 1000).toISOString();
    const inc = await createIncident(deps, ctx, { kind: 'sys', title: `Sock Shop slowdown (${c.id})`, severity: 'P3', started_at: start });
    c.incident = inc.id;
    for (const name of ['normal', 'anomalous']) {
      await addEvidence(deps, ctx, { id: `${c.id}-${name}`, kind: 'file', name: `${name}.csv`, incidentId: inc.id, content: c[name], metadata: { source_kind: 'metrics' } });
    }
  }
  console.log(`suggest bench: ${cases.length} Sock Shop cases as incidents with 2 metric files each`);

  const suggestAll = () => Promise.all(cases.map((c) => suggestForIncident(deps, c.incident)));
  const referenceParse = () => {
    let sum = 0;
    for (const c of cases) {
      for (const text of [c.normal, c.anomalous]) {
        const lines = text.split('\n');
        for (let i = 1; i < lines.length; i++) for (const cell of lines[i].split(',')) sum += Number(cell) || 0;
      }
    }
    return sum;
  };
  const sug = await timeIt(suggestAll);
  const ref = await timeIt(referenceParse);
  const ranks = sug.out.map((s, i) => {
    const metric = s.factors.filter((f) => f.kind === 'metric');
    const at = metric.findIndex((f) => f.description.startsWith(`${cases[i].service}:`));
    return at < 0 ? null : at + 1;
  });
  console.log('\nservice among the metric factors (at most 5 are proposed; a missing service counts as a miss)');
  console.log('  fault   AC@1   AC@2   AC@3   AC@4   AC@5   Avg@5  factors/case');
  for (const fault of [...new Set(cases.map((c) => c.fault))]) {
    const idx = cases.map((c, i) => (c.fault === fault ? i : -1)).filter((i) => i >= 0);
    const r = idx.map((i) => ranks[i]);
    const nf = median(idx.map((i) => sug.out[i].factors.filter((f) => f.kind === 'metric').length));
    console.log(`  ${fault.padEnd(6)}  ${[1, 2, 3, 4, 5].map((k) => fmt(acAtK(r, k))).join('  ')}  ${fmt(avgAtK(r, 5))}  ${nf}`);
  }
  const misses = cases.filter((_, i) => ranks[i] !== 1).map((c) => `${c.id}→${ranks[cases.indexOf(c)] ?? '-'}`);
  if (misses.length) console.log(`  not first: ${misses.join(', ')}`);
  const notes = [...new Set(sug.out.flatMap((s) => s.notes))];
  if (notes.length) console.log(`  notes seen: ${notes.slice(0, 5).join(' | ')}`);
  console.log(`\nspeed (median of ${reps} runs over ${cases.length} incidents, ~330 KB of CSV each):`);
  console.log(`  reference split+Number parse   ${ref.ms.toFixed(1)} ms (${(ref.ms / cases.length).toFixed(2)} ms/incident)`);
  console.log(
    `  suggestForIncident             ${sug.ms.toFixed(1)} ms (${(sug.ms / cases.length).toFixed(2)} ms/incident)  ratio ${(sug.ms / ref.ms).toFixed(2)}x reference`,
  );

  // ---- B. knowledge scan -----------------------------------------------------------------------
  let seed = 7;
  const rnd = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pu', 'da', 'fe', 'gi', 'ho', 'ju', 'be'];
  const word = () => Array.from({ length: 3 }, () => pick(syllables)).join('');
  const common = ['service', 'latency', 'error', 'restart', 'order', 'gateway', 'failure', 'timeout', 'host', 'engine'];
  const components = ['cpu', 'memory', 'storage', 'nic', 'kernel', 'filesystem', 'application', 'database', 'network'];
  const failureTypes = ['application_crash', 'service_hang', 'memory_exhaustion', 'disk_failure', 'cpu_overload', 'connectivity_loss'];
  const nFamilies = Math.max(10, Math.round(nIncidents / 15));
  const families = Array.from({ length: nFamilies }, (_, f) => ({
    f,
    signature: rnd() < 0.5 ? `${f.toString(16).padStart(12, '0')}:segfault:${word()}` : null,
    component: pick(components),
    failure_type: pick(failureTypes),
    tag: `team-${word()}`,
    words: Array.from({ length: 5 }, word),
  }));
  // Held-out incidents query the store; they reuse their family's signals only partly.
  const describe = (fam) => {
    const words = fam.words.filter(() => rnd() < 0.6);
    const noise = Array.from({ length: 3 }, () => (rnd() < 0.5 ? pick(common) : word()));
    return [...words, ...noise].sort(() => rnd() - 0.5).join(' ');
  };
  const t0 = performance.now();
  for (let i = 0; i < nIncidents; i++) {
    const fam = families[i % nFamilies];
    const sig = fam.signature && rnd() < 0.7 ? [crashTag(fam.signature)] : [];
    const day = String(1 + (i % 28)).padStart(2, '0');
    await createIncident(deps, ctx, {
      kind: 'sys',
      title: describe(fam).slice(0, 300) || 'incident',
      severity: 'P3',
      started_at: `2024-02-${day}T${String(i % 24).padStart(2, '0')}:00:00Z`,
      component: rnd() < 0.8 ? fam.component : pick(components),
      failure_type: rnd() < 0.8 ? fam.failure_type : pick(failureTypes),
      analysis: { root_cause: describe(fam), tags: [...(rnd() < 0.6 ? [fam.tag] : []), ...sig] },
      summary: { description: `family ${fam.f}` },
    });
  }
  console.log(`\nknowledge bench: ${nIncidents} synthetic incidents from ${nFamilies} families stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const familyOf = new Map();
  for await (const inc of allIncidents(store.db)) if (inc.summary?.description) familyOf.set(inc.id, Number(inc.summary.description.split(' ')[1]));
  const queries = Array.from({ length: 100 }, (_, i) => {
    const fam = families[(i * 7) % nFamilies];
    const withSig = fam.signature !== null && i % 2 === 0;
    return {
      fam: fam.f,
      withSig,
      q: {
        ...(withSig ? { signatures: [fam.signature] } : {}),
        component: fam.component,
        failure_type: fam.failure_type,
        tags: rnd() < 0.5 ? [fam.tag] : [],
        text: describe(fam),
      },
    };
  });
  const results = [];
  const tq = [];
  for (const { q } of queries.slice(0, 20)) {
    const a = performance.now();
    results.push(await similarIncidents(deps, q, { limit: 5 }));
    tq.push(performance.now() - a);
  }
  for (const { q } of queries.slice(20)) results.push(await similarIncidents(deps, q, { limit: 5 }));
  const tr = [];
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const a = performance.now();
    for await (const inc of allIncidents(store.db)) sink += inc.title.length;
    tr.push(performance.now() - a);
  }
  if (sink === 0) console.log('(no incidents read)');
  const score = (sel) => {
    const idx = queries.map((x, i) => (sel(x) ? i : -1)).filter((i) => i >= 0);
    const p1 = idx.filter((i) => familyOf.get(results[i][0]?.incident_id) === queries[i].fam).length / idx.length;
    const p5 = idx.map((i) => results[i].filter((m) => familyOf.get(m.incident_id) === queries[i].fam).length / Math.max(1, results[i].length));
    const empty = idx.filter((i) => results[i].length === 0).length;
    return `${idx.length} queries: top-1 same family ${fmt(p1)}, precision@5 ${fmt(p5.reduce((a, b) => a + b, 0) / idx.length)}, no match ${empty}`;
  };
  console.log(`  with a crash signature:    ${score((x) => x.withSig)}`);
  console.log(`  without (fields + words):  ${score((x) => !x.withSig)}`);
  console.log(`  speed: similarIncidents ${median(tq).toFixed(1)} ms/query (median of 20); reference scan of the same incidents without scoring ${median(tr).toFixed(1)} ms; ratio ${(median(tq) / median(tr)).toFixed(2)}x reference`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
