/**
 * Throughput of the rhetoric stage alone over a folder of .txt articles
 * (default ../shared/eval/ptc/train-articles):
 *
 *   npx tsx scripts/rhetoric/bench.ts [dir]
 *
 * Articles are segmented first (not timed); the rhetoric stage is then timed
 * over all of them, with an empty entity list. Words are white-space words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { emptyAnalysis, packageRoot } from '../../src/analysis.js';
import { createDocument } from '../../src/document/document.js';
import { segment } from '../../src/document/segment.js';
import type { AnalysisContext, Resources } from '../../src/pipeline/context.js';
import { loadWink } from '../../src/pipeline/segment-stage.js';
import { loadRhetoric, rhetoricStage } from '../../src/rhetoric/stage.js';

const root = packageRoot();
const dir = process.argv[2] ?? path.join(root, '..', 'shared', 'eval', 'ptc', 'train-articles');
const nlp = loadWink();
const tl = performance.now();
const rhetoric = loadRhetoric({ dataDir: path.join(root, 'data') });
const loadMs = performance.now() - tl;
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => createDocument(readFileSync(path.join(dir, f), 'utf8')));
const contexts: AnalysisContext[] = docs.map((doc) => {
  const { tokens, sentences } = segment(doc.text, nlp);
  return { doc, res: { nlp, rhetoric } as Resources, tokens, sentences, out: emptyAnalysis(doc) };
});
const words = docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
// One warm-up pass, then the timed pass.
for (const ctx of contexts.slice(0, 20)) rhetoricStage.run(ctx);
const c0 = process.cpuUsage();
const t0 = performance.now();
let findings = 0;
for (const ctx of contexts) {
  rhetoricStage.run(ctx);
  findings += ctx.out.rhetoric.findings.length;
}
const s = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
// On a shared machine wall time includes waiting for a core; CPU time does not.
const cpuS = (c.user + c.system) / 1e6;
console.log(
  `rhetoric stage: ${docs.length} articles, ${words} words in ${s.toFixed(2)} s → ${Math.round(words / s)} words/s; ${findings} findings; model ${rhetoric.spanModel ? `${rhetoric.spanModel.compiled.rowCount} weight rows` : 'absent'}; load ${loadMs.toFixed(0)} ms; CPU ${cpuS.toFixed(2)} s → ${Math.round(words / cpuS)} words per CPU-second`,
);
