/**
 * Measure KB load time and alias-matching throughput.
 *   npx tsx scripts/kb/bench-kb.ts [folder of .txt articles]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { segment } from '../../src/document/segment.js';
import { kbStageLoad, matchAliases } from '../../src/kb/index.js';
import { loadWink } from '../../src/pipeline/segment-stage.js';

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { kb, kbIndex } = await kbStageLoad({ dataDir: path.join(packageRoot(), 'data') });
const cpu = process.cpuUsage(cpu0);
const curated = kb.entities.filter((e) => e.origin === 'curated').length;
console.log(`KB: ${curated} curated + ${kb.entities.length - curated} generated = ${kb.entities.length}; ${kbIndex.size} folded surfaces`);
console.log(`load: ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);

const dir = process.argv[2] ?? path.resolve(packageRoot(), '../shared/eval/ptc/train-articles');
const nlp = loadWink();
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(dir, f), 'utf8'));
const segmented = docs.map((text) => ({ text, tokens: segment(text, nlp).tokens }));
let tokens = 0;
let matches = 0;
const c0 = process.cpuUsage();
for (const { text, tokens: ts } of segmented) {
  tokens += ts.length;
  matches += matchAliases(kbIndex, ts, text).length;
}
const c = process.cpuUsage(c0);
const ms = (c.user + c.system) / 1000;
console.log(
  `match: ${docs.length} docs, ${tokens} tokens, ${matches} matches in ${ms.toFixed(0)} ms CPU = ${Math.round(tokens / (ms / 1000)).toLocaleString('en')} tokens/s`,
);
