import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { loadResources } from '../analysis.js';
import { STAGES } from '../pipeline/stages.js';
import { type Job, type JobSettings, partialFromWire, partialToWire, prepareJobs, runBack, runFront, splitStages, type WirePartialJob } from './jobs.js';

/**
 * One worker thread. `front`: run the first stages and pass the partial
 * analysis to a `back` worker through its port (chosen by sequence number);
 * `back`: finish it. Front and back each load only their stages' resources
 * (a pipeline without a cut runs whole on the front).
 */
export type WorkerRole = 'front' | 'back';

export interface WorkerInit {
  settings: JobSettings;
  resourceOptions: Record<string, string>;
  role: WorkerRole;
  /** Front: one port per back worker. Back: one port per front worker. */
  ports?: MessagePort[];
}

/** What a worker posts to its parent: a finished job, or (front) that it handed a job on. */
export type WorkerMessage = { ready: true } | { passed: number } | import('./jobs.js').JobResult;

const { settings, resourceOptions, role, ports = [] } = workerData as WorkerInit;
const split = splitStages(STAGES);
const stages = role === 'front' ? (split?.front ?? STAGES) : (split?.back ?? []);
const [res] = await Promise.all([loadResources(resourceOptions, stages), prepareJobs(settings)]);
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

if (role === 'back') {
  for (const port of ports) port.on('message', (wire: WirePartialJob) => post(runBack(partialFromWire(wire), res, settings, stages)));
} else {
  parentPort?.on('message', (job: Job) => {
    const out = runFront(job, res, settings, stages);
    if ('ok' in out) post(out);
    else {
      ports[out.seq % ports.length].postMessage(partialToWire(out));
      post({ passed: out.seq });
    }
  });
}
post({ ready: true });
