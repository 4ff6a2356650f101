// Metric root-cause ranking on the Sock Shop fault-injection cases (RCAEval RE1-SS): service- and
// metric-level AC@1..5 and Avg@5 per fault type, with the onset given and estimated, plus speed
// against a plain split/Number() parse of the same CSVs. Run after `npm run build`:
//   node bench/rca.js [--data <dir>] [--reps 3]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMetricInputs } from '../dist/evidence/metrics/index.js';
import { rankRootCauses, acAtK, avgAtK, rankOf } from '../dist/analysis/rank/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const dataDir = arg('data', path.resolve(repoRoot, '../shared/data/rca/sockshop'));
const reps = Number(arg('reps', '3'));

// ---- ground truth ---------------------------------------------------------------------------
const labelFile = path.join(dataDir, 'labels.csv');
if (!existsSync(labelFile)) {
  console.error(`no labels.csv in ${dataDir}`);
  process.exit(2);
}
const [head, ...rows] = readFileSync(labelFile, 'utf8').trim().split(/\r?\n/);
const cols = head.split(',');
const col = (name) => cols.indexOf(name);
const cases = rows
  .map((r) => r.split(','))
  .map((c) => ({
    id: c[col('case_id')],
    service: c[col('root_cause_service')],
    fault: c[col('fault_type')],
    metric: c[col('root_cause_metric')],
  }))
  .filter((c) => readdirSync(dataDir).includes(c.id));
const firstTimes = (text) => {
  const lines = text.trim().split(/\r?\n/);
  const t = (line) => BigInt(line.split(',')[0]) * 1_000_000_000n;
  return { first: t(lines[1]), last: t(lines[lines.length - 1]) };
};
for (const c of cases) {
  c.normal = readFileSync(path.join(dataDir, c.id, 'normal.csv'), 'utf8');
  c.anomalous = readFileSync(path.join(dataDir, c.id, 'anomalous.csv'), 'utf8');
  // The fault starts at the first row of anomalous.csv; normal.csv is the reference period. In one
  // case (orders-mem_5) normal.csv was recorded after the fault, so "before the onset" is not always
  // the baseline: the headline uses the files' own time ranges as the two windows.
  const n = firstTimes(c.normal);
  const a = firstTimes(c.anomalous);
  c.onsetNs = a.first;
  c.windows = { baseline: { from: n.first, to: n.last + 1n }, end: a.last + 1n };
}
console.log(`rca bench: ${cases.length} cases from ${path.relative(process.cwd(), dataDir) || dataDir}`);

// ---- helpers --------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const timeIt = (fn) => {
  const times = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), out };
};
const fmt = (x) => x.toFixed(3);

/** Plain reference parse: split lines and cells, Number() every value — the least any reader does. */
function referenceParse() {
  let sum = 0;
  for (const c of cases) {
    for (const text of [c.normal, c.anomalous]) {
      const lines = text.split('\n');
      for (let i = 1; i < lines.length; i++) {
        const cells = lines[i].split(',');
        for (let j = 0; j < cells.length; j++) sum += Number(cells[j]) || 0;
      }
    }
  }
  return sum;
}

function parseAll() {
  return cases.map((c) =>
    parseMetricInputs([
      { source: `${c.id}/normal.csv`, text: c.normal },
      { source: `${c.id}/anomalous.csv`, text: c.anomalous },
    ]),
  );
}

/** onset: 'windows' (the data set's two files), 'split' (baseline = all before the onset) or 'auto'. */
function evaluate(sets, { onset, ...opts }) {
  return cases.map((c, i) => {
    const how = onset === 'auto' ? { onset: 'auto' } : onset === 'split' ? { onset: c.onsetNs } : { onset: c.onsetNs, ...c.windows };
    const r = rankRootCauses(sets[i].series, { ...opts, ...how });
    return {
      c,
      r,
      svcRank: rankOf(r.components, (x) => x.component === c.service),
      metricRank: rankOf(r.ranking, (x) => x.series === c.metric),
    };
  });
}

function report(title, results) {
  console.log(`\n${title}`);
  console.log('  fault  level    AC@1   AC@2   AC@3   AC@4   AC@5   Avg@5');
  for (const fault of [...new Set(cases.map((c) => c.fault))]) {
    const sub = results.filter((x) => x.c.fault === fault);
    for (const [level, key] of [['service', 'svcRank'], ['metric', 'metricRank']]) {
      const ranks = sub.map((x) => x[key]);
      const ac = [1, 2, 3, 4, 5].map((k) => fmt(acAtK(ranks, k))).join('  ');
      console.log(`  ${fault.padEnd(5)}  ${level.padEnd(7)}  ${ac}  ${fmt(avgAtK(ranks, 5))}`);
    }
  }
  const misses = results.filter((x) => x.svcRank !== 1);
  if (misses.length) {
    console.log(`  service misses at rank 1: ${misses.map((x) => `${x.c.id}→${x.svcRank ?? '-'} (top ${x.r.components[0]?.top_series ?? 'nothing ranked'})`).join(', ')}`);
  }
}

// ---- accuracy -------------------------------------------------------------------------------
const sets = parseAll();
const files = sets.flatMap((s) => s.files);
const sum = (k) => files.reduce((a, f) => a + f[k], 0);
console.log(`parsed ${files.length} files: ${sum('rows')} rows, ${sum('values')} values, ${sum('rejectedRows')} rows rejected`);

const given = evaluate(sets, { onset: 'windows' });
report('default (BARO, increases), onset given, baseline = normal.csv, anomalous = anomalous.csv', given);
report('same, baseline = every sample before the onset (no baseline exists for orders-mem_5)', evaluate(sets, { onset: 'split' }));
const auto = evaluate(sets, { onset: 'auto' });
report('default, onset auto (estimated from all series; baseline = before it)', auto);

// Onset error, in seconds and in samples (normal.csv and anomalous.csv are days apart, so an
// interval that straddles their boundary is wide in seconds but narrow in samples).
const samplesBetween = (i, a, b) => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const n = sets[i].series[0].points.filter((p) => p.t >= lo && p.t < hi).length;
  return a <= b ? n : -n;
};
const errS = auto.map((x) => Number(x.r.onset.t - x.c.onsetNs) / 1e9);
const errN = auto.map((x, i) => samplesBetween(i, x.c.onsetNs, x.r.onset.t));
const covered = auto.filter((x) => x.r.onset.lower <= x.c.onsetNs && x.c.onsetNs <= x.r.onset.upper).length;
const widthN = auto.map((x, i) => samplesBetween(i, x.r.onset.lower, x.r.onset.upper) + 1);
console.log(
  `  onset error: exact ${errN.filter((e) => e === 0).length}/${errN.length}, within 5 samples ${errN.filter((e) => Math.abs(e) <= 5).length}/${errN.length}, ` +
    `median |e| ${median(errN.map(Math.abs))} samples (${median(errS.map(Math.abs))} s); misses: ` +
    auto.map((x, i) => (errN[i] ? `${x.c.id} ${errN[i] > 0 ? '+' : ''}${errN[i]} samples (${errS[i]} s)` : null)).filter(Boolean).join(', '),
);
console.log(
  `  90% interval covers the truth in ${covered}/${auto.length} cases, median width ${median(widthN)} samples; ` +
    `log Bayes factor of a change: median ${median(auto.map((x) => x.r.onset.log_bayes_factor)).toFixed(0)}`,
);

// Alternatives measured on the same cases, for comparison only (the defaults above are the product).
console.log('\nvariants (onset given, file windows), service Avg@5 cpu/mem | metric AC@1 cpu/mem:');
for (const v of [
  { method: 'nsigma', direction: 'up' },
  { method: 'baro', direction: 'both' },
  { method: 'nsigma', direction: 'both' },
  { method: 'baro', direction: 'up', sustain: 1 },
  { method: 'baro', direction: 'up', sustain: 1, relativeFloor: 0 },
  { method: 'baro', direction: 'up', relativeFloor: 0.01 },
]) {
  const res = evaluate(sets, { onset: 'windows', ...v });
  const by = (fault, key, f) => fmt(f(res.filter((x) => x.c.fault === fault).map((x) => x[key])));
  console.log(
    `  ${JSON.stringify(v).padEnd(58)} ${by('cpu', 'svcRank', avgAtK)}/${by('mem', 'svcRank', avgAtK)} | ` +
      `${by('cpu', 'metricRank', (r) => acAtK(r, 1))}/${by('mem', 'metricRank', (r) => acAtK(r, 1))}`,
  );
}

// ---- speed ----------------------------------------------------------------------------------
const ref = timeIt(referenceParse);
const parse = timeIt(parseAll);
const rankGiven = timeIt(() => evaluate(sets, { onset: 'windows' }));
const rankAuto = timeIt(() => evaluate(sets, { onset: 'auto' }));
const perCase = (ms) => `${(ms / cases.length).toFixed(2)} ms/case`;
console.log(`\nspeed (median of ${reps} runs over ${cases.length} cases):`);
console.log(`  reference split+Number parse  ${ref.ms.toFixed(1)} ms (${perCase(ref.ms)})`);
console.log(`  parseMetricInputs             ${parse.ms.toFixed(1)} ms (${perCase(parse.ms)})  ratio ${(parse.ms / ref.ms).toFixed(2)}x reference`);
console.log(`  rank, onset given             ${rankGiven.ms.toFixed(1)} ms (${perCase(rankGiven.ms)})  ratio ${(rankGiven.ms / ref.ms).toFixed(2)}x reference`);
console.log(`  rank, onset auto              ${rankAuto.ms.toFixed(1)} ms (${perCase(rankAuto.ms)})  ratio ${(rankAuto.ms / ref.ms).toFixed(2)}x reference`);

// ---- synthetic contiguous windows -----------------------------------------------------------
// Sock Shop's normal.csv and anomalous.csv come from different days, so their boundary is an easy
// change point. These generated windows are contiguous: 30 services × (cpu %, memory bytes in 4 KiB
// pages, latency s, request counter), AR(1) noise, baseline outliers, one service stepping or
// ramping at a random onset and two others reacting later and less.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function syntheticCase(seed) {
  const rnd = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const n = 600;
  const onset = 150 + Math.floor(rnd() * 300);
  const root = Math.floor(rnd() * 30);
  const rootMetric = ['cpu', 'mem', 'latency'][Math.floor(rnd() * 3)];
  const reactors = new Set();
  while (reactors.size < 2) {
    const r = Math.floor(rnd() * 30);
    if (r !== root) reactors.add(r);
  }
  const t0 = 1_700_000_000_000_000_000n;
  const series = [];
  for (let s = 0; s < 30; s++) {
    const service = `svc${s}`;
    const specs = [
      { metric: 'cpu', level: 5 + rnd() * 60, noise: 0.5 + rnd() * 3 },
      { metric: 'mem', level: 1e8 + rnd() * 2e9, noise: 0, quantum: 4096 },
      { metric: 'latency', level: 0.01 + rnd() * 0.3, noise: 0.002 + rnd() * 0.01 },
    ];
    specs[1].noise = specs[1].level * (0.001 + rnd() * 0.01); // memory wanders by 0.1–1 % of its size
    for (const spec of specs) {
      const rho = 0.3 + rnd() * 0.6;
      let e = 0;
      const points = [];
      const isRoot = s === root && spec.metric === rootMetric;
      const isReactor = reactors.has(s) && spec.metric === 'latency';
      const size = spec.noise * (isRoot ? 6 + rnd() * 10 : 2 + rnd() * 2);
      const ramp = isRoot && rnd() < 0.5 ? 30 : 1;
      const lag = isReactor ? 5 + Math.floor(rnd() * 20) : 0;
      for (let i = 0; i < n; i++) {
        e = rho * e + Math.sqrt(1 - rho * rho) * gauss();
        let v = spec.level + spec.noise * e;
        if (rnd() < 0.003) v += spec.noise * 8 * (rnd() < 0.5 ? -1 : 1); // isolated outliers, both sides
        if ((isRoot || isReactor) && i >= onset + lag) v += size * Math.min(1, (i - onset - lag + 1) / ramp);
        if (spec.quantum) v = Math.round(v / spec.quantum) * spec.quantum;
        points.push({ t: t0 + BigInt(i) * 1_000_000_000n, v });
      }
      series.push({ name: `${spec.metric}{service="${service}"}`, labels: { service }, points });
    }
    let total = 0;
    const rate = 50 + rnd() * 200;
    series.push({
      name: `requests_total{service="${service}"}`,
      labels: { service },
      type: 'counter',
      points: Array.from({ length: n }, (_, i) => ({ t: t0 + BigInt(i) * 1_000_000_000n, v: (total += Math.max(0, rate + gauss() * 10)) })),
    });
  }
  return { series, onsetNs: t0 + BigInt(onset) * 1_000_000_000n, service: `svc${root}`, metric: `${rootMetric}{service="svc${root}"}` };
}
{
  const synth = Array.from({ length: 40 }, (_, i) => syntheticCase(1000 + i));
  const out = { given: [], auto: [], metricGiven: [], err: [], covered: 0 };
  for (const c of synth) {
    const g = rankRootCauses(c.series, { onset: c.onsetNs });
    const a = rankRootCauses(c.series, { onset: 'auto' });
    out.given.push(rankOf(g.components, (x) => x.component === c.service));
    out.metricGiven.push(rankOf(g.ranking, (x) => x.series === c.metric));
    out.auto.push(rankOf(a.components, (x) => x.component === c.service));
    out.err.push(Number(a.onset.t - c.onsetNs) / 1e9);
    if (a.onset.lower <= c.onsetNs && c.onsetNs <= a.onset.upper) out.covered++;
  }
  console.log(`\nsynthetic contiguous windows (${synth.length} cases, generated, seed 1000+):`);
  console.log(`  service AC@1 / Avg@5: onset given ${fmt(acAtK(out.given, 1))} / ${fmt(avgAtK(out.given))}, auto ${fmt(acAtK(out.auto, 1))} / ${fmt(avgAtK(out.auto))}; metric AC@1 (given) ${fmt(acAtK(out.metricGiven, 1))}`);
  console.log(
    `  onset error (s): median |e| ${median(out.err.map(Math.abs))}, within 10 s ${out.err.filter((e) => Math.abs(e) <= 10).length}/${out.err.length}, ` +
      `max |e| ${Math.max(...out.err.map(Math.abs))}; 90% interval covers truth ${out.covered}/${synth.length}`,
  );
}
