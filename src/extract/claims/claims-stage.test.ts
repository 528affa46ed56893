import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../analysis.js';
import { ClaimSchema } from '../../schema/analysis.js';
import { runQuotes } from '../quotes/test-pipeline.js';
import { loadClaimLexicon } from './lexicon.js';

test('a factual sentence with an actor, an accusation and a number is an author claim', async () => {
  const text = 'Is this the end? Clearly the regime reportedly bribed 12 officials in 2019.';
  const { out } = await runQuotes(text);
  assert.equal(out.claims.length, 1, 'the question is not a claim');
  const [c] = out.claims;
  ClaimSchema.parse(c);
  assert.deepEqual([c.start, c.end, c.assertedBy], [17, 75, 'author']);
  assert.deepEqual(c.hedges, [{ start: 36, end: 46, text: 'reportedly' }]);
  assert.deepEqual(c.certainty, [{ start: 17, end: 24, text: 'Clearly' }]);
  assert.ok(c.checkworthiness > 0.7);
  assert.ok(c.reasons?.includes('cw-accusation') && c.reasons.includes('cw-number'));
});

test('a claim inside a quotation is asserted by the speaker entity', async () => {
  const text = 'The NCRI said that the regime paid militias 3 million dollars in 2019 to attack protesters.';
  const { out } = await runQuotes(text, [{ id: 'ncri', type: 'ORGANIZATION', aliases: ['NCRI'] }]);
  assert.equal(out.claims.length, 1);
  assert.deepEqual(
    [out.claims[0].text, out.claims[0].assertedBy, out.claims[0].quote],
    ['the regime paid militias 3 million dollars in 2019 to attack protesters', 'ncri', 'q1'],
  );
});

test('an unresolved speaker is named by its quote', async () => {
  const { out } = await runQuotes('Witnesses said that soldiers killed 14 people near the border in March.');
  assert.equal(out.claims[0].assertedBy, 'speaker:q1');
});

test('opinion, short lines and boilerplate are not claims', async () => {
  const { out } = await runQuotes('I think we should do better.\n\nThis is nothing new.\n\nRead more about the 2019 protests here.');
  assert.deepEqual(out.claims, []);
});

test('every feature has a weight and the threshold sits between 0 and 1', () => {
  const lex = loadClaimLexicon(path.join(packageRoot(), 'data'));
  assert.ok(lex.threshold > 0 && lex.threshold < 1);
  assert.equal(lex.features.causal.get('because')?.[0].reason, 'cw-causal');
  assert.equal(lex.hedges.get('so')?.[0].tokens.join(' '), 'so - called');
});
