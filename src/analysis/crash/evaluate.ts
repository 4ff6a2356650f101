/**
 * Scoring against syzkaller-style ground truth (header lines `TITLE:`, `ALT:`, `TYPE:`,
 * `CORRUPTED: Y`, a blank line, then the log): crash/no-crash accuracy, first-title accuracy and
 * pairwise F1 of signatures against titles. Shared by the tests and the bench.
 */
import { findCrashes } from './find.js';

export interface LabeledLog {
  name: string;
  /** Expected title of the first crash, '' for a log without a crash. */
  title: string;
  alt: string[];
  corrupted: boolean;
  log: string;
}

/**
 * Parses one test file: `KEY: value` headers up to the first blank line, then the log; a
 * trailing `REPORT:` section (the expected report text) is not part of the log.
 * @example parseLabeledLog('x', 'TITLE: WARNING in f\n\n[ 1.0] WARNING: …').title === 'WARNING in f'
 */
export function parseLabeledLog(name: string, raw: string): LabeledLog {
  const text = raw.replace(/\r\n/g, '\n');
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? '' : text.slice(0, blank);
  let log = blank < 0 ? text : text.slice(blank + 2);
  const report = log.indexOf('\nREPORT:\n');
  if (report >= 0) log = log.slice(0, report + 1);
  const values = (key: string): string[] =>
    head
      .split('\n')
      .filter((l) => l.startsWith(`${key}:`))
      .map((l) => l.slice(key.length + 1).trim());
  return {
    name,
    title: values('TITLE')[0] ?? '',
    alt: values('ALT'),
    corrupted: values('CORRUPTED')[0] === 'Y',
    log,
  };
}

export interface Mismatch {
  name: string;
  expected: string;
  got: string;
}

export interface Score {
  logs: number;
  crashLogs: number;
  /** Share of logs where "has a crash" agrees with the ground truth. */
  detection: number;
  /** Share of crash logs whose first crash has exactly the expected title. */
  title: number;
  /** Pairwise F1 of "same signature" against "same expected title" over crash logs. */
  pairF1: number;
  pairPrecision: number;
  pairRecall: number;
  mismatches: Mismatch[];
  /** Bytes of log text scored. */
  bytes: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

function countBy(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * Runs `findCrashes` on every log and scores the first crash of each.
 * @example scoreLogs([parseLabeledLog('a', raw)]).title
 */
export function scoreLogs(logs: readonly LabeledLog[]): Score {
  let detected = 0;
  let titled = 0;
  let bytes = 0;
  const mismatches: Mismatch[] = [];
  const titles: string[] = [];
  const sigs: string[] = [];
  for (const l of logs) {
    bytes += l.log.length;
    const first = findCrashes(l.log)[0];
    const got = first?.title ?? '';
    if ((got !== '') === (l.title !== '')) detected++;
    if (l.title !== '') {
      if (got === l.title) titled++;
      titles.push(l.title);
      // A missed crash is its own singleton group.
      sigs.push(first?.signature ?? `none:${l.name}`);
    }
    if (got !== l.title) mismatches.push({ name: l.name, expected: l.title, got });
  }
  const sameTitle = [...countBy(titles).values()].reduce((s, n) => s + pairs(n), 0);
  const sameSig = [...countBy(sigs).values()].reduce((s, n) => s + pairs(n), 0);
  const both = [...countBy(titles.map((t, i) => `${t}\u0000${sigs[i]}`)).values()].reduce((s, n) => s + pairs(n), 0);
  const precision = sameSig === 0 ? 1 : both / sameSig;
  const recall = sameTitle === 0 ? 1 : both / sameTitle;
  const crashLogs = titles.length;
  return {
    logs: logs.length,
    crashLogs,
    detection: logs.length === 0 ? 0 : detected / logs.length,
    title: crashLogs === 0 ? 0 : titled / crashLogs,
    pairF1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    pairPrecision: precision,
    pairRecall: recall,
    mismatches,
    bytes,
  };
}
