/** Worker thread entry: runs the reading tasks it is sent (see pool.ts) and posts the results back. */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

parentPort?.on('message', (msg: { id: number; task: Task }) => {
  runTask(msg.task).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
// Loaded: the pool sends tasks from now on (until then this thread's share goes to the others).
parentPort?.postMessage({ ready: true });
