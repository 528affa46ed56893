import { parentPort, workerData } from 'node:worker_threads';
import { loadResources } from '../analysis.js';
import { type Job, type JobSettings, prepareJobs, runJob } from '../cli/jobs.js';

/** The worker side of `AnalysisThread`: every stage's resources, one job at a time. */
export interface AnalysisRequest {
  id: number;
  job: Job;
  settings: JobSettings;
}

const res = await loadResources((workerData as { resourceOptions: Record<string, string> }).resourceOptions);
parentPort?.on('message', async ({ id, job, settings }: AnalysisRequest) => {
  await prepareJobs(settings);
  parentPort?.postMessage({ id, result: runJob(job, res, settings) });
});
