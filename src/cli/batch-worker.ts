import { parentPort, workerData } from 'node:worker_threads';
import { loadResources } from '../analysis.js';
import { type Job, type JobSettings, runJob } from './jobs.js';

// One worker thread: load the resources once, then analyse jobs as they come.
const { settings, resourceOptions } = workerData as { settings: JobSettings; resourceOptions: Record<string, string> };
const res = await loadResources(resourceOptions);
parentPort?.on('message', (job: Job) => {
  parentPort?.postMessage(runJob(job, res, settings));
});
parentPort?.postMessage({ ready: true });
