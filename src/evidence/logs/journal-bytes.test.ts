import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.js';
import { compareSkimmers } from '../../test/skimmers.js';
import type { ByteSkimmer } from './family.js';
import { journalByteSkimmer } from './journal-bytes.js';
import { QUICK_KEYS, skimJournal } from './journal.js';

const US = 1764152855_000000;
const skimBytes = journalByteSkimmer(QUICK_KEYS);

/** Entries as journalctl writes them: every value a plain string, fields in its order, some without a source time. */
function plainEntries(n: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const us = US + i * 1000 - (r() < 0.05 ? 7_000 : 0);
    const source = r() < 0.5 ? `"_SOURCE_REALTIME_TIMESTAMP":"${us - 17}",` : '';
    const pri = r() < 0.1 ? Math.floor(r() * 8) : 5 + Math.floor(r() * 3);
    const message = r() < 0.1 ? '' : `"MESSAGE":"tick ${i} x=${Math.floor(r() * 1e6)}",`;
    return `{"__CURSOR":"s=8f0e;i=${i}","__REALTIME_TIMESTAMP":"${us}","__MONOTONIC_TIMESTAMP":"${i}","PRIORITY":"${pri}",${source}${message}"_HOSTNAME":"gw01","_PID":"${100 + (i % 9)}"}`;
  });
}

/** Entries either skimmer may stop at, some only the native one (numbers, arrays, escapes, bytes above ASCII). */
const odd = [
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6","MESSAGE":"say \\"hi\\""}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6","MESSAGE":[104,105]}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6","MESSAGE":"caf\u00e9"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6","_PID":123,"MESSAGE":"number"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"8","MESSAGE":"priority 8"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"16","MESSAGE":"two digits"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":6,"MESSAGE":"numeric priority"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","MESSAGE":"no priority"}`,
  `{"PRIORITY":"6","MESSAGE":"no time"}`,
  `{"__REALTIME_TIMESTAMP":"12345678901234567","PRIORITY":"6"}`,
  `{"__REALTIME_TIMESTAMP":"9999999999999999","PRIORITY":"6"}`,
  `{"__REALTIME_TIMESTAMP":"","PRIORITY":"6"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","_SOURCE_REALTIME_TIMESTAMP":"x","PRIORITY":"6"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6","PRIORITY":"2"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"2","PRIORITY":"6"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6"} `,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6"}\r`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6",}`,
  `{"__REALTIME_TIMESTAMP" :"${US}","PRIORITY":"6"}`,
  `{"":"","__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6"}`,
  `{"__REALTIME_TIMESTAMP":"${US}","PRIORITY":"6","MESSAGE":"tab\there"}`,
  '{}',
  '',
];

const compare = (lines: string[], flagged: (i: number) => boolean): { native: number; js: number } =>
  compareSkimmers(lines, flagged, (from) => BigInt(US + from * 1000) * 1000n - 1n - BigInt(from % 3) * 500n, skimBytes as ByteSkimmer, skimJournal);

describe.runIf(skimBytes !== undefined)('the native journal skimmer', () => {
  it('counts the entries skimJournal counts, with the same last time and back-in-time count, on entries it reads', () => {
    const { native, js } = compare(plainEntries(3000, 1), (i) => i % 97 === 0);
    expect(js).toBeGreaterThan(20_000);
    expect(native).toBe(js);
  });

  it('stops where skimJournal stops, or earlier, on every kind of entry it leaves to JavaScript', () => {
    const r = rng(2);
    const lines = plainEntries(2000, 3).map((l) => (r() < 0.1 ? (odd[Math.floor(r() * odd.length)] as string) : l));
    const { native, js } = compare(lines, (i) => i % 89 === 0);
    expect(native).toBeGreaterThan(js / 4);
    expect(native).toBeLessThan(js);
  });
});
