import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadResources } from '../../analysis.js';
import { segment } from '../../document/segment.js';
import { segmentStage } from '../../pipeline/segment-stage.js';
import { antecedentOfClosedRelative, phraseStartingAt, skipVerbPrefixLeft, subjectAcrossAdjunct, subjectEndingAt } from './noun-phrase.js';

async function tokensOf(text: string) {
  const res = await loadResources({}, [segmentStage]);
  return segment(text, res.nlp).tokens;
}

/** The subject left of the first token whose value is `verb`, as text offsets. */
async function subjectBefore(text: string, verb: string): Promise<[number, number] | null> {
  const tokens = await tokensOf(text);
  const v = tokens.findIndex((t) => t.value === verb);
  const r = subjectAcrossAdjunct(tokens, subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, v, 0), 0), 0);
  return r ? [tokens[r.start].start, tokens[r.end - 1].end] : null;
}

test('subject walk: a hyphenated modifier stays in the phrase', async () => {
  const text = 'A 45-year-old mother of two said the plan failed.';
  assert.deepEqual(await subjectBefore(text, 'said'), [0, 27]);
  assert.equal(text.slice(0, 27), 'A 45-year-old mother of two');
  assert.deepEqual(await subjectBefore('Then a small-business owner said no.', 'said'), [5, 27]);
});

test('subject walk: a capitalized name tagged as a verb before the cue', async () => {
  // "Will" and "Read" are names here (a modal would take a base form).
  assert.deepEqual(await subjectBefore('Will wrote that the plan was a failure.', 'wrote'), [0, 4]);
  assert.deepEqual(await subjectBefore('Columnist George Will wrote that it failed.', 'wrote'), [0, 21]);
  // A lower-case modal is still skipped: "he will say".
  assert.deepEqual(await subjectBefore('Later he will say that it failed.', 'say'), [6, 8]);
});

test('subject walk: a time phrase before the verb is skipped for the subject before it', async () => {
  const text = 'Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord.';
  assert.deepEqual(await subjectBefore(text, 'criticized'), [0, 27]);
});

/** The phrase starting right after the first token whose value is `word`, as text (null: none). */
async function phraseAfter(text: string, word: string): Promise<string | null> {
  const tokens = await tokensOf(text);
  const w = tokens.findIndex((t) => t.value === word);
  const r = phraseStartingAt(tokens, w + 1, tokens.length);
  return r ? text.slice(tokens[r.start].start, tokens[r.end - 1].end) : null;
}

test('phrase after a cue: a hyphenated modifier stays in the phrase', async () => {
  assert.equal(await phraseAfter('"We won," said a small-business owner from Ohio.', 'said'), 'a small-business owner from Ohio');
});

test('a relative pronoun subject gives way to its antecedent only once its clause has closed', async () => {
  const text = 'Reid, who endorsed Clinton in February, reiterated his view and stressed unity.';
  const tokens = await tokensOf(text);
  const who = tokens.findIndex((t) => t.value === 'who');
  const stressed = tokens.findIndex((t) => t.value === 'stressed');
  const r = antecedentOfClosedRelative(tokens, { start: who, end: who + 1 }, stressed, 0);
  assert.ok(r);
  assert.equal(text.slice(tokens[r.start].start, tokens[r.end - 1].end), 'Reid');
  // Still inside the relative clause: "who … and feel" is the clause's own coordinated verb.
  const open = 'She met voters such as Borders, who are drawn to his message and feel that it fits.';
  const t2 = await tokensOf(open);
  const who2 = t2.findIndex((t) => t.value === 'who');
  assert.equal(
    antecedentOfClosedRelative(
      t2,
      { start: who2, end: who2 + 1 },
      t2.findIndex((t) => t.value === 'feel'),
      0,
    ),
    null,
  );
});

test('phrase after a cue: a graded adjective ("most recent", "very senior") stays in the phrase', async () => {
  assert.equal(await phraseAfter('It fell, according to the most recent data.', 'to'), 'the most recent data');
  assert.equal(await phraseAfter('He met a very senior official.', 'met'), 'a very senior official');
  // Without a noun after the adjective there is no phrase: "the most likely" names nothing.
  assert.equal(await phraseAfter('He said the most likely.', 'said'), null);
});
