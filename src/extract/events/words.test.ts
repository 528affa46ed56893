import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segment } from '../../document/segment.js';
import { loadWink } from '../../pipeline/segment-stage.js';
import { sentenceWords } from './words.js';

const nlp = loadWink();
const words = (text: string, isVerbForm?: (w: string) => boolean) => {
  const { tokens, sentences } = segment(text, nlp);
  return sentenceWords(tokens, sentences[0], isVerbForm).map((w) => `${w.raw}@${w.start}-${w.end}/${w.pos}`);
};

test('sentenceWords glues hyphen compounds back into one word, as the dictionaries list them', () => {
  const got = words('Al-Qaeda ran a state-run channel.');
  assert.equal(got[0], 'al-qaeda@0-8/PROPN');
  assert.equal(got[3], 'state-run@15-24/ADJ');
  assert.equal(got.length, 6);
});

test('sentenceWords keeps a hyphenated dictionary verb a verb', () => {
  const got = words('They re-elect him.', (w) => w === 're-elect');
  assert.equal(got[1].split('/')[0], 're-elect@5-13');
});

test('sentenceWords drops a glued underscore and keeps spaced hyphens apart', () => {
  assert.deepEqual(
    words('Dol_Amroth - Gondor').map((w) => w.split('/')[0]),
    ['dol@0-3', 'amroth@4-10', '-@11-12', 'gondor@13-19'],
  );
});
