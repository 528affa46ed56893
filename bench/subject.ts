/**
 * One benchmark subject, run in its own process so that its peak RSS is its
 * own. Times are CPU time of the process. Prints one JSON line: {subject, words, seconds, wordsPerSecond, maxRssMb, stages?}.
 */
import { createRequire } from 'node:module';
import { analyseTimed, loadResources } from '../src/analysis.js';
import { createDocument } from '../src/document/document.js';
import { segment } from '../src/document/segment.js';
import { loadWink } from '../src/pipeline/segment-stage.js';
import { benchArticles } from './corpus.js';

const require = createRequire(import.meta.url);

/** wink-nlp as its users get it (the full default pipe): the peer we are compared with, not our trimmed `loadWink`. */
function stockWink(): { readDoc(t: string): unknown } {
  const winkNLP = require('wink-nlp') as (model: unknown) => { readDoc(t: string): unknown };
  return winkNLP(require('wink-eng-lite-web-model'));
}
const subject = process.argv[2];
const passes = Number(process.argv[3] ?? 3);
const corpus = benchArticles();
if (!corpus) throw new Error('no benchmark corpus');
const { texts, words } = corpus;

/** CPU milliseconds of this process: unlike wall time, not inflated when other work shares the cores. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function best(run: () => void, n: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = cpu();
    run();
    min = Math.min(min, cpu() - t0);
  }
  return min / 1000;
}

const eachText = (f: (t: string) => unknown): void => {
  for (const t of texts) f(t);
};

const result: Record<string, unknown> = { subject, words };
if (subject === 'dossier') {
  const res = await loadResources();
  const docs = texts.map((t) => createDocument(t));
  for (const d of docs.slice(0, 30)) analyseTimed(d, res); // warm-up
  let bestSeconds = Number.POSITIVE_INFINITY;
  let bestStages: Record<string, number> = {};
  for (let p = 0; p < passes; p++) {
    const stages: Record<string, number> = {};
    const t0 = cpu();
    for (const d of docs) {
      const { timings } = analyseTimed(d, res, { clock: cpu });
      for (const [k, v] of Object.entries(timings)) stages[k] = (stages[k] ?? 0) + v;
    }
    const s = (cpu() - t0) / 1000;
    if (s < bestSeconds) {
      bestSeconds = s;
      bestStages = stages;
    }
  }
  result.seconds = bestSeconds;
  result.stages = Object.fromEntries(Object.entries(bestStages).map(([k, ms]) => [k, words / (ms / 1000)]));
} else if (subject === 'segment-vs-wink') {
  // Paired in one process and interleaved, so that load on the machine hits both alike.
  const nlp = loadWink();
  const w = stockWink();
  for (const t of texts.slice(0, 30)) segment(t, nlp);
  let wink = Number.POSITIVE_INFINITY;
  let ours = Number.POSITIVE_INFINITY;
  for (let p = 0; p < passes + 2; p++) {
    wink = Math.min(
      wink,
      best(() => eachText((t) => w.readDoc(t)), 1),
    );
    ours = Math.min(
      ours,
      best(() => eachText((t) => segment(t, nlp)), 1),
    );
  }
  result.seconds = ours;
  result.winkSeconds = wink;
} else if (subject === 'wink') {
  const nlp = stockWink();
  for (const t of texts.slice(0, 30)) nlp.readDoc(t);
  result.seconds = best(() => eachText((t) => nlp.readDoc(t)), passes);
} else if (subject === 'compromise') {
  type Doc = { people(): { out(f: string): unknown }; places(): { out(f: string): unknown }; organizations(): { out(f: string): unknown } };
  const nlp = require('compromise') as (t: string) => Doc;
  for (const t of texts.slice(0, 5)) nlp(t).people().out('array');
  result.seconds = best(
    () =>
      eachText((t) => {
        const d = nlp(t);
        d.people().out('array');
        d.places().out('array');
        d.organizations().out('array');
      }),
    1,
  );
} else {
  throw new Error(`unknown subject ${subject}`);
}
result.wordsPerSecond = words / (result.seconds as number);
result.maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
