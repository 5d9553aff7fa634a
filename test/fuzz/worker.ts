// Runs fuzz inputs in a worker thread, so that the fuzzer can time out (and replace) a worker
// that hangs and survive a crash of the whole thread (stack overflow, out of memory).
import { parentPort } from 'node:worker_threads';
import { runInput, type FuzzInput } from './targets.js';

parentPort!.on('message', (message: { id: number; input: FuzzInput }) => {
  try {
    const signature = runInput(message.input);
    parentPort!.postMessage({ id: message.id, ok: true, signature });
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    parentPort!.postMessage({ id: message.id, ok: false, error });
  }
});
parentPort!.postMessage({ ready: true });
