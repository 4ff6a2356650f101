/**
 * Worker thread of parallel file mining: prepares the chunks it is sent (prepare.ts) and sends the
 * results back, buffers transferred. It holds no miner: the main thread mines in input order.
 */
import { parentPort } from 'node:worker_threads';
import { createLogPreparer, prepareLogChunk, prepareRawChunk, type LogPreparer, type PreparedChunk } from './prepare.js';
import type { WorkerRequest, WorkerResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');

let preparer: LogPreparer | null = null;

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'setup') {
    preparer = msg.setup ? createLogPreparer(msg.setup) : null;
    return;
  }
  let reply: WorkerResponse;
  try {
    const chunk = preparer ? prepareLogChunk(preparer, msg.bytes, msg.end, msg.cut) : prepareRawChunk(msg.bytes, msg.end);
    reply = { id: msg.id, chunk };
    port.postMessage(reply, transferList(chunk));
  } catch (err) {
    reply = { id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    port.postMessage(reply);
  }
});

function transferList(c: PreparedChunk): ArrayBuffer[] {
  const list = [c.bytes.buffer, c.starts.buffer, c.keys.buffer];
  if (c.times) list.push(c.times.kind.buffer, c.times.sec.buffer, c.times.nanos.buffer, c.times.digits.buffer, c.times.deferred.buffer);
  return list as ArrayBuffer[];
}
