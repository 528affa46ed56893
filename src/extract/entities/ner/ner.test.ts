import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import winkModel from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { packageRoot } from '../../../analysis.js';
import { segment, type WinkLike } from '../../../document/segment.js';
import { loadNerModel, nerLoad, tagEntities } from './index.js';

const nlp = winkNLP(winkModel) as unknown as WinkLike;
const model = loadNerModel(path.join(packageRoot(), 'data'));

function tag(text: string): string[] {
  const { tokens, sentences } = segment(text, nlp);
  return tagEntities(model, tokens, sentences).map(
    (s) => `${s.type} ${s.tokenStart}-${s.tokenEnd} ${text.slice(tokens[s.tokenStart].start, tokens[s.tokenEnd - 1].end)}`,
  );
}

test('nerLoad returns the model under the resource name the stage uses', () => {
  const { ner } = nerLoad({ dataDir: path.join(packageRoot(), 'data') });
  assert.ok(ner.index.size > 1000);
  assert.equal(ner.weights.start.length, ner.index.size);
  assert.ok(ner.weights.values.length > ner.index.size);
});

test('tags a commander, a city and a news agency in one sentence', () => {
  assert.deepEqual(tag('Qassem Soleimani, the commander of the Quds Force, was killed near Baghdad airport in January, Reuters reported.'), [
    'PER 0-2 Qassem Soleimani',
    'ORG 7-9 Quds Force',
    'LOC 13-14 Baghdad',
    'ORG 18-19 Reuters',
  ]);
});

test('tags a leader and the Revolutionary Guards despite curly quotes and the split possessive', () => {
  // wink splits "Iran’s" into "Iran" + "’s" and keeps the curly quotes as tokens.
  assert.deepEqual(tag('Iran’s Supreme Leader Ali Khamenei praised the Revolutionary Guards on Tuesday for their “resistance”.'), [
    'LOC 0-1 Iran',
    'PER 4-6 Ali Khamenei',
    'ORG 8-10 Revolutionary Guards',
  ]);
});

test('a second sentence of the same document keeps the names apart', () => {
  assert.deepEqual(tag('Officials in Baghdad said the Revolutionary Guards had trained the militia. Reuters could not confirm it.'), [
    'LOC 2-3 Baghdad',
    'ORG 5-7 Revolutionary Guards',
    'ORG 12-13 Reuters',
  ]);
});

test('a hyphenated name split by wink comes back as one span over all its pieces', () => {
  // wink: Mustafa(2) al(3) -(4) Kadhimi(5); the tagger reads "al-Kadhimi" whole, as in CoNLL.
  assert.deepEqual(tag('Prime Minister Mustafa al-Kadhimi met Hadi al-Ameri in Baghdad.'), [
    'PER 2-6 Mustafa al-Kadhimi',
    'PER 7-11 Hadi al-Ameri',
    'LOC 12-13 Baghdad',
  ]);
});

test('scores are confidences in (0, 1]', () => {
  const { tokens, sentences } = segment('Ali Khamenei spoke in Tehran.', nlp);
  const spans = tagEntities(model, tokens, sentences);
  assert.equal(spans.length, 2);
  for (const s of spans) assert.ok(s.score > 0.5 && s.score <= 1, `${s.score}`);
});

test('nothing to tag: empty document, lower-case prose', () => {
  assert.deepEqual(tagEntities(model, [], []), []);
  assert.deepEqual(tag('the talks went on for hours and nobody said much.'), []);
});

const tokenValue = fc.oneof(
  fc.constantFrom('Iran', 'IRAN', '’s', '“', '”', '.', ',', '-', '🇮🇷', '😀', 'al', 'the', 'Guards', 'Ali', '2020', '', ' ', '\u00A0', 'U.S.'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

test('property: spans are well-formed, in range, inside one sentence and do not overlap', () => {
  fc.assert(
    fc.property(
      fc.array(tokenValue, { maxLength: 40 }),
      fc.array(fc.tuple(fc.integer({ min: -3, max: 45 }), fc.integer({ min: -3, max: 45 })), { maxLength: 6 }),
      (values, cuts) => {
        const tokens = values.map((value) => ({ value }));
        const sentences = cuts.map(([a, b]) => ({ tokenStart: Math.min(a, b), tokenEnd: Math.max(a, b) }));
        const spans = tagEntities(model, tokens, sentences);
        let lastEnd = 0;
        for (const s of spans) {
          assert.ok(Number.isInteger(s.tokenStart) && Number.isInteger(s.tokenEnd));
          assert.ok(s.tokenStart >= lastEnd, 'sorted and non-overlapping');
          assert.ok(s.tokenEnd > s.tokenStart && s.tokenEnd <= tokens.length);
          assert.ok(['PER', 'ORG', 'LOC', 'MISC'].includes(s.type));
          assert.ok(s.score >= 0 && s.score <= 1);
          assert.ok(
            sentences.some((r) => r.tokenStart <= s.tokenStart && s.tokenEnd <= r.tokenEnd),
            'a span never crosses a sentence boundary',
          );
          lastEnd = s.tokenEnd;
        }
        // Deterministic: the same input gives the same spans.
        assert.deepEqual(tagEntities(model, tokens, sentences), spans);
      },
    ),
    { numRuns: 300 },
  );
});
