/**
 * A small pool of worker threads that prepare file chunks (worker.ts). Chunks go round-robin and
 * each result comes back as a promise; the caller awaits them in the order it sent the chunks, so
 * what it does with them never depends on thread timing.
 */
import { Worker } from 'node:worker_threads';
import type { LogSetup } from './lines.js';
import type { PreparedChunk } from './prepare.js';

export type WorkerRequest =
  | { type: 'setup'; setup: LogSetup | null }
  | { type: 'chunk'; id: number; bytes: Uint8Array<ArrayBuffer>; end: number; cut: boolean };

export type WorkerResponse = { id: number; chunk: PreparedChunk } | { id: number; error: string };

// A pool is kept, idle, for the next run of the same size in this process (a server mining again, a
// bench's rounds): its workers have compiled their hot code and start at full speed. Idle workers
// are unref'd, so they keep no process alive, and closed after IDLE_MS without a run.
const idle = new Map<string, { pool: PreparePool; timer: NodeJS.Timeout }>();
const IDLE_MS = 30_000;

/**
 * A pool of `size` workers running `script`: the idle one kept from an earlier run, else a new one.
 * @example const pool = acquirePool(2, url); try { … } finally { await releasePool(pool, url, ok); }
 */
export function acquirePool(size: number, script: URL): PreparePool {
  const key = `${size} ${script.href}`;
  const kept = idle.get(key);
  if (kept) {
    idle.delete(key);
    clearTimeout(kept.timer);
    kept.pool.hold(true);
    return kept.pool;
  }
  return new PreparePool(size, script);
}

/** Ends a run on `pool`: kept idle for the next run when `ok` and nothing is out, else closed. */
export async function releasePool(pool: PreparePool, script: URL, ok: boolean): Promise<void> {
  const key = `${pool.size} ${script.href}`;
  if (!ok || pool.spent || idle.has(key)) {
    await pool.close();
    return;
  }
  pool.hold(false);
  const timer = setTimeout(() => {
    if (idle.get(key)?.pool !== pool) return;
    idle.delete(key);
    void pool.close();
  }, IDLE_MS);
  timer.unref();
  idle.set(key, { pool, timer });
}

interface Waiter {
  resolve: (c: PreparedChunk) => void;
  reject: (e: Error) => void;
}

/**
 * Worker threads running `script` (the compiled worker.js).
 * @example
 * const pool = new PreparePool(2, new URL('./worker.js', import.meta.url));
 * pool.setup(null);
 * const chunk = await pool.prepare(bytes, end);
 * await pool.close();
 */
export class PreparePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(size: number, script: URL) {
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(script);
      w.on('message', (msg: WorkerResponse) => this.settle(msg));
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`template worker exited with code ${code}`));
      });
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sets how every worker reads the chunks that follow: a log file's setup, or null for raw lines. */
  setup(setup: LogSetup | null): void {
    const msg: WorkerRequest = { type: 'setup', setup };
    for (const w of this.workers) w.postMessage(msg);
  }

  /** Prepares a chunk in the next worker; `bytes` is transferred (and handed back in the result). */
  prepare(bytes: Uint8Array<ArrayBuffer>, end: number, cut = false): Promise<PreparedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const w = this.workers[id % this.workers.length] as Worker;
    const done = new Promise<PreparedChunk>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    const msg: WorkerRequest = { type: 'chunk', id, bytes, end, cut };
    w.postMessage(msg, [bytes.buffer]);
    return done;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Whether a worker failed (the pool is then of no more use), or chunks are still out. */
  get spent(): boolean {
    return this.failure !== null || this.waiting.size > 0;
  }

  /** Workers that hold the process open while they work (ref) or not while the pool waits idle (unref). */
  hold(on: boolean): void {
    for (const w of this.workers) {
      if (on) w.ref();
      else w.unref();
    }
  }

  private settle(msg: WorkerResponse): void {
    const waiter = this.waiting.get(msg.id);
    if (!waiter) return;
    this.waiting.delete(msg.id);
    if ('error' in msg) waiter.reject(new Error(`template worker failed: ${msg.error}`));
    else waiter.resolve(msg.chunk);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
