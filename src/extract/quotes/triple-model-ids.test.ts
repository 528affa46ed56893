import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segment } from '../../document/segment.js';
import { buildCandidates } from './cue-candidates.js';
import { hashKeys } from './feature-key.js';
import { ruleAttributions } from './quotes-stage.js';
import { testResources } from './test-pipeline.js';
import { chooseReadings, chooseReadingsOfIds, cueScore, cueScoreOfIds } from './triple-model.js';

// The stage scores features built as the model's ids; training and the reference
// scorer use hashed keys. The two must pick the same readings, or the shipped
// model would be run differently from how it was chosen.
const TEXT = [
  'Geneva - The World Health Organisation chief on Wednesday said a deadly plague epidemic appeared to have been brought under control, but warned the next outbreak would likely be stronger.',
  'Officials in Baghdad claimed that the militias had been paid by Tehran, according to a statement from the council.',
  'The minister told reporters the talks would resume next week. Critics argued the deal gave away too much.',
].join('\n\n');

test('triple model: features as ids score and choose exactly as hashed keys do (shipped model, written text)', async () => {
  const res = await testResources();
  const model = res.tripleModel;
  const { tokens, sentences } = segment(TEXT, res.nlp);
  const { skip, rules, direct } = ruleAttributions(TEXT, tokens, sentences, res.quoteLexicon);
  const inputs = { tokens, sentences, skip, lex: res.quoteLexicon, learned: res.learnedCues, rules, uncued: direct.quotes.filter((q) => q.cue === null) };
  const byHash = buildCandidates({ ...inputs, keys: hashKeys });
  const byIds = buildCandidates({ ...inputs, keys: model.ids.keys });
  assert.ok(byHash.length >= 10, `expected readings for several cues, got ${byHash.length}`);
  assert.equal(byIds.length, byHash.length);
  for (let i = 0; i < byHash.length; i++) {
    assert.equal(cueScoreOfIds(model, byIds[i].cueFeatures), cueScore(model, byHash[i].cueFeatures), `cue score of reading ${i}`);
  }
  const chosen = chooseReadings(byHash, model);
  assert.ok(chosen.length >= 3, `expected at least three attributions, got ${chosen.length}`);
  assert.deepEqual(chooseReadingsOfIds(byIds, model), chosen);
  // A reading that loses by a little must lose on both paths too: keep every cue's second-best reading as well.
  const runnersUp = (pick: typeof chooseReadings, cands: typeof byHash) => {
    const firsts = new Set(pick(cands, model));
    return pick(
      cands.filter((c) => !firsts.has(c.attribution)),
      model,
    );
  };
  const second = runnersUp(chooseReadings, byHash);
  assert.ok(second.length >= 3, `expected second-best readings for several cues, got ${second.length}`);
  assert.deepEqual(runnersUp(chooseReadingsOfIds, byIds), second);
});
