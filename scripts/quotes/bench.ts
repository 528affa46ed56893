/**
 * Throughput of the quotes and claims stages alone (segmentation excluded) over
 * ../shared/eval/ptc/train-articles: `npx tsx scripts/quotes/bench.ts`. Timed in
 * CPU time (process.cpuUsage), which other load on the shared machine does not inflate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseTimed, loadResources } from '../../src/analysis.js';
import { createDocument } from '../../src/document/document.js';
import { claimsStage } from '../../src/extract/claims/claims-stage.js';
import { quotesStage } from '../../src/extract/quotes/quotes-stage.js';
import { segmentStage } from '../../src/pipeline/segment-stage.js';

const dir = path.join(process.env.DOSSIER_SHARED ?? path.resolve('..', 'shared'), 'eval', 'ptc', 'train-articles');
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => createDocument(readFileSync(path.join(dir, f), 'utf8')));
const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
const stages = [segmentStage, quotesStage, claimsStage];
const res = await loadResources({}, stages);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let best = Number.POSITIVE_INFINITY;
let quotesMs = 0;
for (let pass = 0; pass < 3; pass++) {
  let ms = 0;
  let q = 0;
  for (const d of docs) {
    const { timings } = analyseTimed(d, res, { stages, clock: cpuMs });
    ms += (timings.quotes ?? 0) + (timings.claims ?? 0);
    q += timings.quotes ?? 0;
  }
  if (ms < best) quotesMs = q;
  best = Math.min(best, ms);
}
console.log(
  `${docs.length} articles, ${words} words: quotes+claims ${best.toFixed(0)} ms → ${Math.round(words / (best / 1000)).toLocaleString('en-US')} words/s (quotes ${quotesMs.toFixed(0)} ms, claims ${(best - quotesMs).toFixed(0)} ms)`,
);
