import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadResources } from '../../analysis.js';
import { segment } from '../../document/segment.js';
import { segmentStage } from '../../pipeline/segment-stage.js';
import type { Attribution } from './attribution.js';
import { includeLeadingThat } from './content-start.js';

async function segmented(text: string) {
  const res = await loadResources({}, [segmentStage]);
  return segment(text, res.nlp);
}

function attribution(kind: Attribution['kind'], cue: [number, number], start: number, end: number): Attribution {
  return {
    kind,
    contents: [{ start, end }],
    cue: { tokens: { start: cue[0], end: cue[1] }, lemma: 'say', stance: 'neutral' },
    speaker: null,
    reasons: ['test'],
  };
}

test('content start: the "that" between the cue and the content joins the content', async () => {
  const text = 'Smith said on Monday that the talks had failed.';
  const { tokens } = await segmented(text);
  assert.equal(text.slice(21, 25), 'that');
  const said = tokens.findIndex((t) => t.value === 'said');
  const [a] = includeLeadingThat(tokens, [attribution('indirect', [said, said + 1], 26, 46)]);
  assert.deepEqual(a.contents, [{ start: 21, end: 46 }]);
  assert.equal(text.slice(21, 46), 'that the talks had failed');
  assert.deepEqual(a.reasons, ['test', 'content-with-that']);
});

test('content start: no "that" right before the content, a direct quotation, or a "that" before the cue: unchanged', async () => {
  const text = 'That is what Smith said the talks had failed.';
  const { tokens } = await segmented(text);
  const said = tokens.findIndex((t) => t.value === 'said');
  const plain = attribution('indirect', [said, said + 1], 24, 44);
  assert.equal(text.slice(24, 44), 'the talks had failed');
  assert.deepEqual(includeLeadingThat(tokens, [plain]), [plain]);
  // The content before the cue: its "That" opens the sentence, before the cue.
  const before = attribution('indirect', [said, said + 1], 5, 12);
  assert.deepEqual(includeLeadingThat(tokens, [before]), [before]);
  // Direct quotations keep their span (the quotation marks bound it).
  const other = 'She said that the talks had failed.';
  const seg = await segmented(other);
  assert.equal(other.slice(14, 34), 'the talks had failed');
  const direct = attribution('direct', [1, 2], 14, 34);
  assert.deepEqual(includeLeadingThat(seg.tokens, [direct]), [direct]);
});
