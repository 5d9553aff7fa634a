// Worker thread entry: extracts a batch of files sent by fastLoader.ts.
import { parentPort } from 'node:worker_threads';
import { analyzeBytes } from '../core/workspace.js';
import type { WorkerJob } from './fastLoader.js';

parentPort?.on('message', (batch: { jobs: WorkerJob[]; maxSize: number }) => {
  const results = batch.jobs.map((j) => analyzeBytes(j.path, j.role, j.bytes, j.size, batch.maxSize, j.extract));
  parentPort?.postMessage(results);
});
