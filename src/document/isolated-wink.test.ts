import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { WINK_PIPE } from '../pipeline/segment-stage.js';
import { createIsolatedWink, type WinkModel } from './isolated-wink.js';
import type { WinkLike } from './segment.js';

const require = createRequire(import.meta.url);
const winkNLP = require('wink-nlp') as (model: unknown, pipe?: readonly string[]) => WinkLike;
const model = require('wink-eng-lite-web-model') as WinkModel;

const tokensOf = (nlp: WinkLike, text: string): string[] => nlp.readDoc(text).tokens().out() as string[];
// A fresh instance loads the model (~260 ms), so each text is read fresh once.
const freshByText = new Map<string, string[]>();
const freshTokens = (text: string): string[] => {
  let tokens = freshByText.get(text);
  if (!tokens) freshByText.set(text, (tokens = tokensOf(createIsolatedWink(winkNLP, model, WINK_PIPE), text)));
  return tokens;
};

const LATER = 'Officials said Qasimov’s men left Basra.';
const EARLIER = 'They met Qasimov’s, then left.';

describe('createIsolatedWink', () => {
  it('splits the possessive of an unknown name alike whatever was read before', () => {
    assert.deepEqual(freshTokens(LATER), ['Officials', 'said', 'Qasimov', '’s', 'men', 'left', 'Basra', '.']);
    const nlp = createIsolatedWink(winkNLP, model, WINK_PIPE);
    tokensOf(nlp, EARLIER);
    assert.deepEqual(tokensOf(nlp, LATER), freshTokens(LATER));
  });

  it('shows the defect it guards against: a plain wink instance remembers "Qasimov’s"', () => {
    const plain = winkNLP({ ...model, metaCER: () => ({ machines: '[]', transformers: [] }) }, WINK_PIPE);
    plain.readDoc(EARLIER);
    assert.deepEqual(plain.readDoc(LATER).tokens().out(), ['Officials', 'said', 'Qasimov’s', 'men', 'left', 'Basra', '.']);
  });

  it('rebuilds past its bound and still tokenises as a fresh instance', () => {
    const nlp = createIsolatedWink(winkNLP, model, WINK_PIPE, 4);
    for (let i = 0; i < 20; i++) tokensOf(nlp, `Zorbatov${i}’s, Quillanex${i}’s and Vrenhaut${i}’s, met.`);
    tokensOf(nlp, EARLIER);
    assert.deepEqual(tokensOf(nlp, LATER), freshTokens(LATER));
    // POS tags come from wink's per-word feature table, which the rebuild replaces.
    const its = nlp.its as { pos: unknown };
    const fresh = createIsolatedWink(winkNLP, model, WINK_PIPE);
    assert.deepEqual(nlp.readDoc(LATER).tokens().out(its.pos), fresh.readDoc(LATER).tokens().out(fresh.its.pos));
  });

  it('gives every document the tokens it gets alone, in any reading order (property)', () => {
    const names = ['Qasimov', 'Al-Rubaie'];
    const sentence = fc
      .tuple(fc.constantFrom(...names), fc.constantFrom('’s', "'s", ''), fc.constantFrom(',', '.', ' men', '’'))
      .map(([name, clitic, tail]) => `Reports named ${name}${clitic}${tail} Then ${name}${clitic} aides spoke.`);
    const nlp = createIsolatedWink(winkNLP, model, WINK_PIPE, 8);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (texts) => {
        for (const text of texts) assert.deepEqual(tokensOf(nlp, text), freshTokens(text));
      }),
      { numRuns: 60 },
    );
  });
});
