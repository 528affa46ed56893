import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGazetteer } from './gazetteer.js';
import { labelsFromSpans, NER_TYPES, spansFromLabels, type TypedSpan } from './labels.js';
import { createNerModel } from './model.js';
import { type TrainingDocument, trainPerceptron } from './perceptron.js';
import { tagEntities } from './tag.js';

const PER = NER_TYPES.indexOf('PER');
const ORG = NER_TYPES.indexOf('ORG');
const LOC = NER_TYPES.indexOf('LOC');

// A tiny hand-written training set (our own sentences, not from any corpus).
const SENTENCES: Array<[string, TypedSpan[]]> = [
  [
    'Hassan Rouhani visited Baghdad on Monday .',
    [
      { start: 0, end: 2, type: PER },
      { start: 3, end: 4, type: LOC },
    ],
  ],
  ['The Quds Force denied the report .', [{ start: 1, end: 3, type: ORG }]],
  [
    'Reuters said Hassan Rouhani left Tehran .',
    [
      { start: 0, end: 1, type: ORG },
      { start: 2, end: 4, type: PER },
      { start: 5, end: 6, type: LOC },
    ],
  ],
  [
    'Officials in Damascus met the Quds Force .',
    [
      { start: 2, end: 3, type: LOC },
      { start: 5, end: 7, type: ORG },
    ],
  ],
  ['nothing happened in the morning .', []],
];

function trainingDocument(): TrainingDocument {
  const values: string[] = [];
  const sentences: TrainingDocument['sentences'] = [];
  const labels: number[] = [];
  for (const [text, spans] of SENTENCES) {
    const words = text.split(' ');
    sentences.push({ tokenStart: values.length, tokenEnd: values.length + words.length });
    values.push(...words);
    labels.push(...labelsFromSpans(spans, words.length));
  }
  return { values, sentences, labels: Uint8Array.from(labels) };
}

function train() {
  const gazetteer = buildGazetteer([{ phrase: 'baghdad', trainDocs: [0, 0, 1, 0], cameoTypes: 0 }]);
  return trainPerceptron([trainingDocument(), trainingDocument()], { epochs: 4, seed: 7, gazetteer, clusters: null });
}

test('training twice gives identical weights', () => {
  const a = train();
  const b = train();
  assert.deepEqual(a.featureNames, b.featureNames);
  assert.deepEqual(a.emit, b.emit);
  assert.deepEqual(a.trans, b.trans);
  assert.ok(
    a.emit.some((v) => v !== 0),
    'something was learnt',
  );
});

test('the tiny model reproduces its training labels', () => {
  const model = createNerModel(train(), null, null);
  const words = 'Reuters said Hassan Rouhani left Tehran .'.split(' ');
  const spans = tagEntities(
    model,
    words.map((value) => ({ value })),
    [{ tokenStart: 0, tokenEnd: words.length }],
  );
  assert.deepEqual(
    spans.map((s) => `${s.type} ${s.tokenStart}-${s.tokenEnd}`),
    ['ORG 0-1', 'PER 2-4', 'LOC 5-6'],
  );
});

test('BILOU labels round-trip through spans', () => {
  const spans: TypedSpan[] = [
    { start: 0, end: 1, type: LOC },
    { start: 2, end: 5, type: ORG },
    { start: 5, end: 7, type: PER },
  ];
  assert.deepEqual(spansFromLabels(labelsFromSpans(spans, 8)), spans);
});
