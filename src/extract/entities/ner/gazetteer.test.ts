import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../../analysis.js';
import { buildGazetteer, compileGazetteer, gazetteerFrom, matchGazetteer, parseGazetteer } from './gazetteer.js';
import { GAZETTEER_COMPILED, MODEL_DIR } from './model.js';

const DIR = path.join(packageRoot(), 'data', MODEL_DIR);

test('the committed gazetteer.compiled.json is compiled from gazetteer.tsv (npx tsx scripts/ner/compile-gazetteer.ts)', () => {
  const tsv = readFileSync(path.join(DIR, 'gazetteer.tsv'), 'utf8');
  assert.ok(readFileSync(path.join(DIR, GAZETTEER_COMPILED), 'utf8') === compileGazetteer(tsv), 'gazetteer.compiled.json is stale');
});

/** Every match as "token:slot", over one sentence of lower-cased tokens. */
function matches(g: ReturnType<typeof parseGazetteer>, words: string[], upper: number[], exclude?: Map<string, number>): string[] {
  const out: string[] = [];
  matchGazetteer(g, words, upper, 0, words.length, (t, s) => out.push(`${t}:${s}`), exclude);
  return out;
}

test('the compiled gazetteer matches like the parsed one; a stale one is ignored', () => {
  const tsv = 'new york\t0,0,3,0\tLOC\nnew york times\t0,1,0,0\t\nyork\t0,0,1,0\t\n';
  const parsed = parseGazetteer(tsv);
  const compiled = gazetteerFrom(tsv, compileGazetteer(tsv));
  const stale = gazetteerFrom(`${tsv}boston\t0,0,1,0\t\n`, compileGazetteer(tsv));
  assert.equal(stale.size, 4);
  const words = ['in', 'new', 'york', 'times', 'today'];
  const upper = [0, 1, 1, 1, 0];
  // "new york": train LOC (slots 8 B, 10 L) and CAMEO LOC (24, 26); "york": train LOC U (11); "new york times": train ORG (4, 5, 6).
  const expected = ['1:8', '2:10', '1:24', '2:26', '1:4', '2:5', '3:6', '2:11'];
  assert.deepEqual(matches(parsed, words, upper), expected);
  assert.deepEqual(matches(compiled, words, upper), expected);
  // Training leaves out the document's own names: one doc of LOC for "york" → none left.
  assert.deepEqual(matches(compiled, words, upper, new Map([['york', 1 << 2]])), expected.slice(0, -1));
  // Only the first and last token must be capitalised: "New york Times" is still the paper, "New york" nothing.
  assert.deepEqual(matches(compiled, words, [0, 1, 0, 1, 0]), ['1:4', '2:5', '3:6']);
  assert.deepEqual(matches(parsed, words, [0, 1, 0, 1, 0]), ['1:4', '2:5', '3:6']);
});

test('duplicate phrases merge their counts and CAMEO types', () => {
  const g = buildGazetteer([
    { phrase: 'hamas', trainDocs: [0, 1, 0, 0], cameoTypes: 0 },
    { phrase: 'hamas', trainDocs: [0, 2, 0, 0], cameoTypes: 2 },
  ]);
  assert.equal(g.size, 1);
  assert.deepEqual(Array.from(g.trainDocs), [0, 3, 0, 0]);
  assert.deepEqual(Array.from(g.cameoTypes), [2]);
});
