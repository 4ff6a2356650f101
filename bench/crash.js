// Crash signatures bench: accuracy on syzkaller's kernel console logs (crash vs no-crash, first
// title, pairwise F1 of signatures against titles), recall on a generated mixed userspace log,
// and speed in MB/s against a plain split + regex scan of the same text.
// Run: npm run build && node bench/crash.js [--data DIR] [--accuracy-only]
// (--data: another directory of syzkaller-style labelled logs, e.g. held-back ones; --accuracy-only
// skips the generated log and the speed runs)
import { Buffer } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCrashes, parseLabeledLog, scoreLogs } from '../dist/analysis/crash/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const argAt = process.argv.indexOf('--data');
const dataDir = argAt > 0 ? path.resolve(process.argv[argAt + 1] ?? '') : path.resolve(repoRoot, '../shared/data/crash/syzkaller-linux');
const outDir = path.join(here, 'out');

const pct = (x) => `${(100 * x).toFixed(2)}%`;

// ---------------------------------------------------------------- accuracy on syzkaller logs
const files = readdirSync(dataDir).filter((f) => /^\d+$/.test(f)).sort((a, b) => Number(a) - Number(b));
const logs = files.map((f) => parseLabeledLog(f, readFileSync(path.join(dataDir, f), 'latin1')));
const score = scoreLogs(logs);
console.log(`${path.basename(dataDir)}: ${score.logs} logs, ${score.crashLogs} with a crash`);
console.log(`  crash vs no-crash   ${pct(score.detection)}   (target >= 99%)`);
console.log(`  first title         ${pct(score.title)}   (target >= 85%)`);
console.log(
  `  signature pair F1   ${pct(score.pairF1)}   (P ${pct(score.pairPrecision)}, R ${pct(score.pairRecall)}; target >= 95%)`,
);

mkdirSync(outDir, { recursive: true });
const byName = new Map(logs.map((l) => [l.name, l]));
const report = score.mismatches
  .map((m) => {
    const alt = byName.get(m.name)?.alt ?? [];
    const altHit = alt.includes(m.got) ? '  (matches an ALT title)' : '';
    return `${m.name}\n  want: ${m.expected || '<no crash>'}\n  got:  ${m.got || '<no crash>'}${altHit}`;
  })
  .join('\n');
const mismatchFile = path.join(outDir, 'crash-mismatches.txt');
writeFileSync(mismatchFile, `${report}\n`);
console.log(`  ${score.mismatches.length} mismatches written to ${path.relative(repoRoot, mismatchFile)}`);
if (process.argv.includes('--accuracy-only')) process.exit(0);

// ---------------------------------------------------------------- generated mixed userspace log
// Deterministic PRNG so that runs are comparable.
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
const rand = rng(42);
const int = (n) => Math.floor(rand() * n);
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
const pick = (xs) => xs[int(xs.length)];
const FUNCS = ['parse_order', 'Book::erase', 'Session::close', 'Risk::exposure', 'match_orders', 'Feed::on_tick'];

const PLANTS = [
  () => {
    const f = pick(FUNCS);
    return {
      title: `AddressSanitizer: heap-use-after-free in ${f}`,
      text: `=================================================================
==${int(9e4)}==ERROR: AddressSanitizer: heap-use-after-free on address 0x${hex(12)} at pc 0x${hex(12)} bp 0x${hex(12)} sp 0x${hex(12)}
READ of size 8 at 0x${hex(12)} thread T0
    #0 0x${hex(6)} in ${f}(unsigned long) /src/x.cc:${int(300)}:5
    #1 0x${hex(6)} in main /src/main.cc:${int(90)}:3
SUMMARY: AddressSanitizer: heap-use-after-free /src/x.cc:1:5 in ${f}
==1==ABORTING`,
    };
  },
  () => {
    const f = pick(['main.parseOrder', 'main.(*Book).Best', 'gateway.handle']);
    return {
      title: `panic: runtime error: invalid memory address or nil pointer dereference in ${f}`,
      text: `panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x${hex(6)}]

goroutine ${int(90) + 1} [running]:
${f}(0x${hex(10)})
	/src/main.go:${int(200)} +0x${hex(2)}
main.main()
	/src/main.go:20 +0x25`,
    };
  },
  () => {
    const f = pick(['com.acme.Parser.price', 'com.acme.Book.apply']);
    return {
      title: `java.lang.NullPointerException in ${f}`,
      text: `Exception in thread "worker-${int(9)}" java.lang.NullPointerException: Cannot invoke "String.length()"
	at ${f}(X.java:${int(300)})
	at com.acme.Main.main(Main.java:10)`,
    };
  },
  () => {
    const f = pick(FUNCS);
    return {
      title: `SIGSEGV in ${f}`,
      text: `Program received signal SIGSEGV, Segmentation fault.
#0  0x0000${hex(12)} in ${f} (p=0x0) at x.c:${int(200)}
#1  0x0000${hex(12)} in main () at main.c:20`,
    };
  },
  () => ({
    title: `segfault in libquote.so.1 (matcher)`,
    text: `[${(int(9e4) + rand()).toFixed(6)}] matcher[${int(9e4)}]: segfault at ${hex(6)} ip 0000${hex(12)} sp 0000${hex(12)} error 4 in libquote.so.1[${hex(12)}+5000]`,
  }),
  () => ({
    title: 'nvme nvme1: I/O timeout, aborting',
    text: `[${(int(9e4) + rand()).toFixed(6)}] nvme nvme1: I/O ${int(999)} QID ${int(7) + 1} timeout, aborting`,
  }),
  () => ({
    title: 'uncaught exception std::out_of_range: vector::_M_range_check',
    text: `terminate called after throwing an instance of 'std::out_of_range'
  what():  vector::_M_range_check: __n (which is ${int(9)}) >= this->size() (which is 3)
Aborted (core dumped)`,
  }),
];

function noise() {
  const t = `2026-01-15T14:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}.${hex(6)}Z`;
  return pick([
    `${t} INFO [gateway] order accepted id=${int(1e9)} px=${(rand() * 100).toFixed(2)}`,
    `20260115-14:30:00.${int(1e9)} : 8=FIX.4.4|9=${int(300)}|35=D|34=${int(1e6)}|49=TW|56=ISLD|11=ID${int(1e6)}|55=INTC|54=1|38=100|40=2|10=${int(999)}|`,
    `${t} WARN [risk] exposure ${int(1e6)} near limit for account ${hex(8)}`,
    `${t} DEBUG [feed] tick seq=${int(1e9)} bid=${(rand() * 100).toFixed(4)}`,
    `Jan 15 14:30:${String(int(60)).padStart(2, '0')} host sshd[${int(9e4)}]: Accepted publickey for ops from 10.0.${int(255)}.${int(255)}`,
  ]);
}

const mixed = [];
const planted = [];
for (let i = 0; i < 120_000; i++) {
  mixed.push(noise());
  if (i % 1500 === 750) {
    const p = pick(PLANTS)();
    planted.push(p.title);
    mixed.push(...p.text.split('\n'));
  }
}
const mixedText = mixed.join('\n');
const found = findCrashes(mixedText).map((c) => c.title);
let hits = 0;
for (const t of planted) if (found.includes(t)) hits++;
console.log(`generated mixed userspace log: ${planted.length} planted crashes in ${mixed.length} lines`);
console.log(`  planted found with expected title ${pct(hits / planted.length)}, extra crashes ${found.length - planted.length}`);

// ---------------------------------------------------------------- speed
const kernelText = logs.map((l) => l.log).join('\n');
const bigKernel = Array.from({ length: 4 }, () => kernelText).join('\n');
const HEADERS = /BUG:|WARNING:|INFO:|panic|Oops|segfault|Sanitizer|Exception|timeout/;

function reference(text) {
  let n = 0;
  for (const line of text.split('\n')) if (HEADERS.test(line)) n++;
  return n;
}

function best(fn, text, runs = 3) {
  let bestMs = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(text);
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return bestMs;
}

for (const [name, text] of [
  ['kernel consoles (syzkaller x4)', bigKernel],
  ['mixed userspace log', mixedText],
]) {
  const mb = Buffer.byteLength(text) / 1e6;
  const ours = best((t) => findCrashes(t), text);
  const ref = best(reference, text);
  console.log(
    `speed, ${name} (${mb.toFixed(1)} MB): findCrashes ${(mb / (ours / 1000)).toFixed(1)} MB/s, ` +
      `split+regex reference ${(mb / (ref / 1000)).toFixed(1)} MB/s, ratio ${(ref / ours).toFixed(3)}`,
  );
}
