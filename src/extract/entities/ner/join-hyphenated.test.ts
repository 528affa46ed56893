import assert from 'node:assert/strict';
import { test } from 'node:test';
import winkModel from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { segment, type WinkLike } from '../../../document/segment.js';
import { glueParticles, joinHyphenatedSpans, type TypedTokenSpan } from './join-hyphenated.js';
import type { NerType } from './labels.js';

const nlp = winkNLP(winkModel) as unknown as WinkLike;

/** Join the given token ranges of `text` (as wink tokenises it) and return the joined spans' text. */
function join(text: string, ranges: Array<[number, number, NerType]>): string[] {
  const { tokens } = segment(text, nlp);
  const spans: TypedTokenSpan[] = ranges.map(([tokenStart, tokenEnd, type]) => ({ tokenStart, tokenEnd, type, score: 0.9 }));
  return joinHyphenatedSpans(spans, tokens).map(
    (s) => `${s.type} ${s.tokenStart}-${s.tokenEnd} ${text.slice(tokens[s.tokenStart].start, tokens[s.tokenEnd - 1].end)}`,
  );
}

test('wink splits a hyphenated name into three tokens', () => {
  const { tokens } = segment('Mustafa al-Kadhimi spoke.', nlp);
  assert.deepEqual(
    tokens.map((t) => [t.value, t.spaceBefore]),
    [
      ['Mustafa', false],
      ['al', true],
      ['-', false],
      ['Kadhimi', false],
      ['spoke', true],
      ['.', false],
    ],
  );
});

test('joins the pieces of "al-Kadhimi" and keeps the given name with it', () => {
  assert.deepEqual(
    join('Mustafa al-Kadhimi spoke.', [
      [0, 1, 'PER'],
      [3, 4, 'PER'],
    ]),
    ['PER 0-4 Mustafa al-Kadhimi'],
  );
  assert.deepEqual(
    join('Mustafa al-Kadhimi spoke.', [
      [0, 2, 'PER'],
      [3, 4, 'PER'],
    ]),
    ['PER 0-4 Mustafa al-Kadhimi'],
  );
});

test('joins "Hadi-al Ameri", where the particle follows the hyphen', () => {
  // Tokens: Minister(0) Hadi(1) -(2) al(3) Ameri(4)
  assert.deepEqual(
    join('Minister Hadi-al Ameri resigned.', [
      [1, 2, 'PER'],
      [4, 5, 'PER'],
    ]),
    ['PER 1-5 Hadi-al Ameri'],
  );
});

test('joins organisation pieces; keeps the lower score', () => {
  const text = 'Asaib Ahl al-Haq fighters';
  const { tokens } = segment(text, nlp);
  const joined = joinHyphenatedSpans(
    [
      { tokenStart: 0, tokenEnd: 3, type: 'ORG', score: 0.8 },
      { tokenStart: 4, tokenEnd: 5, type: 'ORG', score: 0.6 },
    ],
    tokens,
  );
  assert.deepEqual(joined, [{ tokenStart: 0, tokenEnd: 5, type: 'ORG', score: 0.6 }]);
});

test('leaves apart: spaced dashes, different types, two places, pre-tokenised text', () => {
  assert.deepEqual(
    join('Smith - Jones won.', [
      [0, 1, 'PER'],
      [2, 3, 'PER'],
    ]),
    ['PER 0-1 Smith', 'PER 2-3 Jones'],
  );
  assert.deepEqual(
    join('Hadi al-Amiri spoke.', [
      [0, 2, 'PER'],
      [3, 4, 'ORG'],
    ]),
    ['PER 0-2 Hadi al', 'ORG 3-4 Amiri'],
  );
  assert.deepEqual(
    join('the Iran-Iraq border', [
      [1, 2, 'LOC'],
      [3, 4, 'LOC'],
    ]),
    ['LOC 1-2 Iran', 'LOC 3-4 Iraq'],
  );
  assert.deepEqual(
    join('Baghdad and Tehran', [
      [0, 1, 'LOC'],
      [2, 3, 'LOC'],
    ]),
    ['LOC 0-1 Baghdad', 'LOC 2-3 Tehran'],
  );
  // CoNLL tokens carry no spacing: nothing is joined.
  const conll = [{ value: 'al' }, { value: '-' }, { value: 'Kadhimi' }];
  const spans: TypedTokenSpan[] = [
    { tokenStart: 0, tokenEnd: 1, type: 'PER', score: 1 },
    { tokenStart: 2, tokenEnd: 3, type: 'PER', score: 1 },
  ];
  assert.equal(joinHyphenatedSpans(spans, conll).length, 2);
});

test('glues "al" "-" "Kadhimi" into one token for tagging, and maps tokens back', () => {
  const { tokens } = segment('Mustafa al-Kadhimi and Iran-backed groups', nlp);
  const glued = glueParticles(tokens);
  assert.deepEqual(glued.values, ['Mustafa', 'al-Kadhimi', 'and', 'Iran', '-', 'backed', 'groups']);
  assert.deepEqual([...glued.first], [0, 1, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual([...glued.of], [0, 1, 1, 1, 2, 3, 4, 5, 6]);
});
