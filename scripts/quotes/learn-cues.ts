/**
 * Derive the learned cue lexicon from PolNeAR **train** annotations:
 * every contiguous Cue span (as its lower-cased token sequence, 1–4 tokens) with
 * how often it is annotated as a Cue and how often the sequence occurs at all,
 * i.e. its precision as a cue. Writes data/lexicons/quotes/learned-cues.tsv
 * (words and numbers only, no corpus sentences). Deterministic.
 *
 *   npx tsx scripts/quotes/learn-cues.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { tokenAt } from '../../src/document/segment.js';
import { readSegmented } from './polnear-segmented.js';

const MAX_TOKENS = 4;
const MIN_COUNT = 3;
const MIN_PRECISION = 0.05;

const articles = await readSegmented('train');
const asCue = new Map<string, number>();
for (const a of articles) {
  for (const g of a.gold) {
    if (g.cue?.length !== 1) continue;
    const c = g.cue[0];
    const from = tokenAt(a.tokens, c.start);
    let to = from;
    while (to < a.tokens.length && a.tokens[to].start < c.end) to++;
    if (to - from < 1 || to - from > MAX_TOKENS) continue;
    const key = a.tokens
      .slice(from, to)
      .map((t) => t.lower)
      .join(' ');
    if (!/[a-z:]/.test(key)) continue;
    asCue.set(key, (asCue.get(key) ?? 0) + 1);
  }
}
const keys = new Set([...asCue].filter(([, n]) => n >= MIN_COUNT).map(([k]) => k));
const seen = new Map<string, number>();
for (const a of articles) {
  const t = a.tokens;
  for (let i = 0; i < t.length; i++) {
    let key = '';
    for (let n = 1; n <= MAX_TOKENS && i + n <= t.length; n++) {
      if (n > 1 && t[i + n - 1].sentence !== t[i].sentence) break;
      key = n === 1 ? t[i].lower : `${key} ${t[i + n - 1].lower}`;
      if (keys.has(key)) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
}
const rows = [...keys]
  .map((k) => ({ k, n: asCue.get(k) ?? 0, p: (asCue.get(k) ?? 0) / Math.max(1, seen.get(k) ?? 1) }))
  .filter((r) => r.p >= MIN_PRECISION)
  .sort((x, y) => y.n - x.n || x.k.localeCompare(y.k));
const header = [
  '# Cue phrases learned from PolNeAR train attributions (scripts/quotes/learn-cues.ts).',
  '# phrase: lower-cased token sequence; count: times annotated as a Cue; precision: count / occurrences in train.',
  'phrase\tcount\tprecision',
];
const out = [...header, ...rows.map((r) => `${r.k}\t${r.n}\t${Math.min(1, r.p).toFixed(3)}`)].join('\n');
writeFileSync(path.join(packageRoot(), 'data', 'lexicons', 'quotes', 'learned-cues.tsv'), `${out}\n`);
console.log(`${rows.length} cue phrases written`);
