/**
 * The units of reading work a timeline is split into (a part of a log file, a FIX log), run in a
 * worker thread or in this one: plain data in, plain data out.
 */
import type { CollectOptions, SourceEvents } from './collect.js';
import { countLines, type LogFormat } from '../logs/index.js';
import { readFixPart, type FixPlan } from './collect-fix.js';
import { readLogPart, type LogPart } from './collect-log.js';

/** Options a worker needs (series and events already in memory stay in the main thread). */
export type TaskOptions = Omit<CollectOptions, 'extraSeries' | 'extraEvents'>;

export type Task =
  | { kind: 'log'; file: string; sample: string[]; format: LogFormat; from: number; to: number; o: TaskOptions }
  | { kind: 'fix'; file: string; plan: FixPlan; o: TaskOptions }
  /**
   * Newlines in [from, to): the lines a seek skipped, to number the lines it reads. With `chunk`,
   * also per chunk of that size from `from` (the whole ones), for the line index.
   */
  | { kind: 'count'; file: string; from: number; to: number; chunk?: number };

export type TaskResult = { kind: 'log'; part: LogPart } | { kind: 'fix'; source: SourceEvents } | { kind: 'count'; lines: number; chunks: number[] };

// Counting newlines runs ~50 times faster than selective parsing, and the FIX engine (every
// message parsed, one task per file) about half as fast: weigh tasks by their cost.
const COUNT_WEIGHT = 1 / 50;
const FIX_WEIGHT = 2;

/** Rough cost of a task: the scheduler starts the largest first. */
export const taskCost = (t: Task): number => (t.kind === 'log' ? t.to - t.from : t.kind === 'fix' ? (t.plan.to - t.plan.from) * FIX_WEIGHT : (t.to - t.from) * COUNT_WEIGHT);

/**
 * Runs one task.
 * @example const r = await runTask({ kind: 'log', file, sample, from: 0, to: size, o });
 */
export async function runTask(t: Task): Promise<TaskResult> {
  if (t.kind === 'log') return { kind: 'log', part: await readLogPart(t.file, { sample: t.sample, format: t.format, from: t.from, to: t.to, lineOffset: 0 }, t.o) };
  if (t.kind === 'count') return countTask(t.file, t.from, t.to, t.chunk);
  return { kind: 'fix', source: await readFixPart(t.file, t.plan, t.o) };
}

async function countTask(file: string, from: number, to: number, chunk?: number): Promise<TaskResult> {
  const chunks: number[] = [];
  const lines = await countLines(file, from, to, chunk === undefined ? {} : { chunk, chunks });
  return { kind: 'count', lines, chunks };
}
