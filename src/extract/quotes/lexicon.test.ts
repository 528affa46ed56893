import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../analysis.js';
import { compileQuoteLexicon, loadQuoteLexicon, regularForms } from './lexicon.js';

const patterns = { patterns: [{ reason: 'according-to', tokens: ['according', 'to'], source: 'after', lemma: 'according to', stance: 'neutral' }] };

test('regular inflections', () => {
  assert.deepEqual(regularForms('note'), ['note', 'notes', 'noted', 'noting']);
  assert.deepEqual(regularForms('deny'), ['deny', 'denies', 'denied', 'denying']);
  assert.deepEqual(regularForms('stress'), ['stress', 'stresses', 'stressed', 'stressing']);
});

test('the shipped lexicon compiles; forms map to lemma and stance', () => {
  const lex = loadQuoteLexicon(path.join(packageRoot(), 'data'));
  assert.deepEqual(
    ['said', 'alleged', 'admitted', 'wrote'].map((f) => [lex.verbs.get(f)?.[0].lemma, lex.verbs.get(f)?.[0].stance]),
    [
      ['say', 'neutral'],
      ['allege', 'distancing'],
      ['admit', 'endorsing'],
      ['write', 'neutral'],
    ],
  );
  assert.equal(lex.verbs.get('pointed')?.[0].particle, 'out');
  assert.equal(lex.verbs.get('adding')?.[0].participle, true);
});

test('duplicates and bad entries are rejected', () => {
  const say = { lemma: 'say', stance: 'neutral', kind: 'speech', forms: ['say', 'said'] };
  assert.throws(() => compileQuoteLexicon({ verbs: [say, say] }, patterns), /duplicate lemma/);
  assert.throws(
    () => compileQuoteLexicon({ verbs: [say, { lemma: 'state', stance: 'neutral', kind: 'speech', forms: ['said'] }] }, patterns),
    /duplicate form/,
  );
  assert.throws(() => compileQuoteLexicon({ verbs: [{ ...say, stance: 'angry' }] }, patterns), /bad stance/);
  assert.throws(() => compileQuoteLexicon({ verbs: [{ ...say, frames: ['poem'] }] }, patterns), /bad frames/);
});
