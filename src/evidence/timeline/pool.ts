/**
 * Runs reading tasks on `workers` threads — this one and workers − 1 worker threads, so that no
 * core waits and no extra heap is paid for an idle main thread — largest task first, and returns
 * the results in task order, so that joining them is deterministic. Without the compiled worker
 * script (e.g. under a TypeScript test runner) or with one worker, tasks run in this thread only.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runTask, taskCost, type Task, type TaskResult } from './tasks.js';

// In the bundle (src/cli/bundle.ts) the worker script sits beside this module's chunk under its entry name.
declare const PFA_BUNDLED: boolean | undefined;
const WORKER_URL = new URL(typeof PFA_BUNDLED !== 'undefined' ? './timeline-worker.js' : './worker.js', import.meta.url);

/** Whether tasks can run on worker threads here. */
export const workersAvailable = (): boolean => WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));

/**
 * Starts worker threads ahead of need: a thread takes a few hundred milliseconds to load its
 * modules, which then overlap with planning the reads. Pass them to `runTasks`, which ends them.
 * @example const early = startWorkers(1); const results = await runTasks(tasks, 2, early);
 */
export function startWorkers(n: number): Worker[] {
  if (!workersAvailable()) return [];
  return Array.from({ length: Math.max(0, n) }, () => {
    const w = spawn();
    // Until runTasks listens, a failure (say, a module that does not load) is kept for it to report.
    w.on('error', (err) => startupErrors.set(w, err));
    w.on('exit', (code) => startupErrors.set(w, new Error(`worker thread stopped (exit code ${code})`)));
    return w;
  });
}

const startupErrors = new WeakMap<Worker, Error>();
/** Workers whose modules have loaded (they said so: see worker.ts). */
const loaded = new WeakSet<Worker>();

function spawn(): Worker {
  // A young generation of 24 MB rather than V8's default 48: a reader's garbage is short-lived lines
  // and records, and the full scan's two heaps together then peak at ~270 MB instead of ~285-310.
  const w = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 24 } });
  w.on('message', (msg: WorkerMessage) => {
    if ('ready' in msg) loaded.add(w);
  });
  return w;
}

type WorkerMessage = { ready: true } | { id: number; result?: TaskResult; error?: string };

/**
 * Runs the tasks on this thread and up to `workers` − 1 worker threads, using (and then ending)
 * the `started` ones first.
 * @example const results = await runTasks(tasks, 2);
 */
export async function runTasks(tasks: Task[], workers: number, started: Worker[] = []): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array<TaskResult>(tasks.length);
  const order = tasks.map((t, i) => i).sort((a, b) => taskCost(tasks[b] as Task) - taskCost(tasks[a] as Task));
  const n = Math.min(workers, tasks.length);
  if (n <= 1 || !workersAvailable()) {
    await Promise.all(started.map((w) => w.terminate()));
    for (const i of order) results[i] = await runTask(tasks[i] as Task);
    return results;
  }
  let next = 0;
  const threads = started.slice(0, n - 1);
  await Promise.all(started.slice(n - 1).map((w) => w.terminate()));
  while (threads.length < n - 1) threads.push(spawn());
  // Threads holding no task (not loaded yet, say): once this thread has emptied the queue they are not waited for.
  const idle = new Set<() => void>();
  const local = async (): Promise<void> => {
    for (let i = order[next++]; i !== undefined; i = order[next++]) results[i] = await runTask(tasks[i] as Task);
    for (const done of [...idle]) done();
  };
  try {
    await Promise.all([
      ...threads.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const done = (): void => {
              idle.delete(done);
              resolve();
            };
            const feed = (): void => {
              const i = order[next++];
              if (i === undefined) return done();
              idle.delete(done);
              w.postMessage({ id: i, task: tasks[i] });
            };
            idle.add(done);
            // A thread gets its first task once loaded, so that a task never waits for one still
            // loading while this thread could have read it (the queue is shared, largest first).
            w.on('message', (msg: WorkerMessage) => {
              if ('ready' in msg) return feed();
              if (msg.error !== undefined || !msg.result) return reject(new Error(msg.error ?? 'worker returned nothing'));
              results[msg.id] = msg.result;
              feed();
            });
            w.on('error', reject);
            const failed = startupErrors.get(w);
            if (failed) return reject(failed);
            w.on('exit', (code) => reject(new Error(`worker thread stopped (exit code ${code})`)));
            if (loaded.has(w)) feed();
          }),
      ),
      local(),
    ]);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
  return results;
}
