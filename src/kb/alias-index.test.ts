import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../analysis.js';
import { segment, type Token } from '../document/segment.js';
import { loadWink } from '../pipeline/segment-stage.js';
import { kbStageLoad, matchAliases } from './index.js';

const { kbIndex } = await kbStageLoad({ dataDir: path.join(packageRoot(), 'data') });
const nlp = loadWink();

/** Tokens of made-up words, each distinct, in one sentence. */
function distinctWords(count: number): { tokens: Token[]; text: string } {
  const tokens: Token[] = [];
  let text = '';
  for (let i = 0; i < count; i++) {
    const value = `zq${i.toString(36)}`;
    if (i > 0) text += ' ';
    tokens.push({ start: text.length, end: text.length + value.length, value, lower: value, pos: 'NOUN', kind: 'word', sentence: 0, spaceBefore: i > 0 });
    text += value;
  }
  return { tokens, text };
}

test('matchAliases answers the same once its fold cache has filled up and been emptied', () => {
  const text = 'Hadi-al Ameri met the Revolutionary Guards (IRGC) and Tehran’s envoy to Baghdad.';
  const { tokens } = segment(text, nlp);
  const show = () => matchAliases(kbIndex, tokens, text).map((m) => `${text.slice(m.start, m.end)} ${m.candidates.map((c) => c.id).join(',')}`);
  const before = show();
  assert.deepEqual(before, [
    'Hadi-al Ameri person.hadi-al-amiri',
    'Revolutionary Guards org.irgc',
    'IRGC org.irgc',
    'Tehran iran.gov,place.tehran',
    'Baghdad iraq.gov,place.baghdad',
  ]);
  // More distinct values than the cache keeps: the next document starts from an empty cache.
  const filler = distinctWords(100_001);
  assert.deepEqual(matchAliases(kbIndex, filler.tokens, filler.text), []);
  assert.ok(kbIndex.foldCache.rows.size > 100_000);
  assert.deepEqual(show(), before);
  assert.ok(kbIndex.foldCache.rows.size < 100, `cache size ${kbIndex.foldCache.rows.size}`);
});
