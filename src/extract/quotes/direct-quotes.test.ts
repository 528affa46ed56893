import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runQuotes } from './test-pipeline.js';

test('a quotation that opens reported speech going on after its closing mark: content runs to the sentence end', async () => {
  const text = 'Sanders says “the wind is at our backs” despite his loss in Nevada.';
  const { out } = await runQuotes(text);
  assert.deepEqual(
    out.quotes.map((q) => [q.start, q.end, q.kind, q.cue?.text, q.speaker?.text, q.reasons]),
    [[14, 66, 'indirect', 'says', 'Sanders', ['direct-cue-before', 'partial-quote-continues']]],
  );
  assert.equal(out.quotes[0].text, 'the wind is at our backs” despite his loss in Nevada');
});

test('a quotation that ends its sentence, or follows a colon, keeps its own span', async () => {
  const ends = await runQuotes('Sanders says “the wind is at our backs.”\n\nHe left.');
  assert.deepEqual(
    ends.out.quotes.map((q) => [q.start, q.end, q.kind, q.reasons]),
    [[14, 39, 'direct', ['direct-cue-before']]],
  );
  const colon = await runQuotes('Sanders said: “the wind is at our backs” despite his loss.');
  assert.deepEqual(
    colon.out.quotes.map((q) => [q.start, q.end, q.kind, q.reasons]),
    [[15, 39, 'direct', ['direct-cue-colon']]],
  );
});
