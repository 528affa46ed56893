import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segment } from '../document/segment.js';
import { stemKey } from './lexicon.js';
import { analyseRhetoric, entityFrom, testResources } from './test-support.js';
import { tokenPolarity } from './tone.js';

const polarityOf = (text: string) => {
  const { nlp, rhetoric } = testResources();
  const { tokens } = segment(text, nlp);
  const pol = tokenPolarity(
    rhetoric.tone,
    tokens,
    tokens.map((t) => stemKey(t.lower)),
  );
  return tokens.map((t, i) => [t.value, Math.round(pol[i] * 100) / 100] as const).filter(([, p]) => p !== 0);
};

describe('tone lexicon', () => {
  it('scores the loaded words general lexicons miss', () => {
    assert.deepEqual(polarityOf('The malign regime and its puppet mouthpiece.'), [
      ['malign', -0.8],
      ['regime', -0.6],
      ['puppet', -0.8],
      ['mouthpiece', -0.6],
    ]);
  });
  it('neutralises "Supreme" in "Supreme Leader" and "great" in "Great Britain"', () => {
    assert.deepEqual(polarityOf('The Supreme Leader spoke to Great Britain.'), []);
    assert.deepEqual(polarityOf('A great victory.'), [
      ['great', 0.4],
      ['victory', 0.4],
    ]);
  });
  it('flips and halves polarity after a negator in the same clause', () => {
    assert.deepEqual(polarityOf('The court is not corrupt.'), [['corrupt', 0.4]]);
    assert.deepEqual(polarityOf('No, the court is corrupt.'), [['corrupt', -0.8]]);
  });
});

describe('tone by entity', () => {
  const text = 'The Iranian regime is malign and corrupt. Canada, a good friend, sent aid. Norway met Canada.';
  const a = analyseRhetoric(text, (t) => [
    entityFrom(t, 'IR', 'COUNTRY', ['Iranian regime']),
    entityFrom(t, 'CA', 'COUNTRY', ['Canada']),
    entityFrom(t, 'NO', 'COUNTRY', ['Norway']),
  ]);
  it('is negative for the entity in the hostile clause and positive for the praised one', () => {
    const by = new Map(a.rhetoric.toneByEntity.map((e) => [e.entity, e]));
    assert.ok((by.get('IR')?.tone ?? 0) < -0.4, JSON.stringify(by.get('IR')));
    assert.equal(by.get('IR')?.mentions, 1);
    assert.ok((by.get('CA')?.tone ?? 0) > 0, JSON.stringify(by.get('CA')));
    assert.equal(by.get('CA')?.mentions, 2);
    assert.equal(by.get('NO')?.tone, 0);
  });
  it('gives a document tone in -1..1 and null for no tokens', () => {
    assert.ok(a.rhetoric.tone !== null && a.rhetoric.tone < 0 && a.rhetoric.tone >= -1);
    assert.equal(analyseRhetoric('  ').rhetoric.tone, null);
  });
});
