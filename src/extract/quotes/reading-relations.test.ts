import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadResources, packageRoot } from '../../analysis.js';
import { segment } from '../../document/segment.js';
import { segmentStage } from '../../pipeline/segment-stage.js';
import { buildCandidates } from './cue-candidates.js';
import { stringKeys } from './feature-key.js';
import { loadLearnedCues } from './learned-cues.js';
import { loadQuoteLexicon } from './lexicon.js';
import { LEARNED_CUE_MIN_PRECISION, ruleAttributions } from './quotes-stage.js';

/** Each reading of the cue starting with `cueWord`: [variant, speaker text, content spans, comparison keys]. */
async function readingsOf(text: string, cueWord: string): Promise<Array<[string, string | null, Array<[number, number]>, string[]]>> {
  const res = await loadResources({}, [segmentStage]);
  const { tokens, sentences } = segment(text, res.nlp);
  const dataDir = path.join(packageRoot(), 'data');
  const lex = loadQuoteLexicon(dataDir);
  const learned = loadLearnedCues(dataDir, LEARNED_CUE_MIN_PRECISION);
  const { skip, rules } = ruleAttributions(text, tokens, sentences, lex);
  return buildCandidates({ tokens, sentences, skip, lex, learned, rules, keys: stringKeys })
    .filter((c) => tokens[c.cueStart].lower === cueWord)
    .map((c) => {
      const sp = c.attribution.speaker;
      return [
        c.variant,
        sp ? text.slice(tokens[sp.start].start, tokens[sp.end - 1].end) : null,
        c.attribution.contents.map((s): [number, number] => [s.start, s.end]),
        c.own.filter((f) => /^(rlen|nr|rsd|stime)/.test(f as string)) as string[],
      ];
    });
}

test('reading relations: content length rank, speaker distance rank, a time word as speaker', async () => {
  const text = 'The minister, speaking on Tuesday, said the talks had failed, and officials agreed.';
  const rows = await readingsOf(text, 'said');
  const byVariant = new Map(rows.map((r) => [r[0], r]));
  // The content to the sentence end is the longest on offer; the one to the comma is not.
  assert.deepEqual(byVariant.get('NA'), ['NA', null, [[40, 82]], ['rlen=max|A', 'nr=many|NA']]);
  assert.equal(text.slice(40, 82), 'the talks had failed, and officials agreed');
  assert.deepEqual(byVariant.get('NC')?.[3], ['rlen=mid|C', 'nr=many|NC']);
  // The nearest subject skips the time phrase "Tuesday" for "The minister" (which is also the sentence's first phrase: no S reading).
  assert.deepEqual(byVariant.get('PA'), ['PA', 'The minister', [[40, 82]], ['rlen=max|A', 'nr=many|PA', 'rsd=1|P']]);
  assert.equal(byVariant.get('SA'), undefined);
  // The object alone ("the talks", the O reading) is the shortest content; "had failed", after the
  // object read as a speaker, is one character longer.
  assert.deepEqual(byVariant.get('NO'), ['NO', null, [[40, 49]], ['rlen=min|O', 'nr=many|NO']]);
  assert.deepEqual(byVariant.get('RC'), ['RC', 'the talks', [[50, 60]], ['rlen=mid|C', 'nr=many|RC', 'rsd=0|R']]);
  // The hand rule's reading gets no distance rank.
  assert.deepEqual(byVariant.get('rule')?.[3], ['rlen=max|r', 'nr=many|rule']);
});

test('reading relations: a time word read as the subject is marked', async () => {
  const rows = await readingsOf('Tuesday said the talks had failed.', 'said');
  const la = rows.find((r) => r[0] === 'LA');
  assert.deepEqual(la, ['LA', 'Tuesday', [[13, 33]], ['rlen=max|A', 'nr=mid|LA', 'rsd=0|L', 'stime|L']]);
});

test('reading relations: a cue with few readings', async () => {
  const rows = await readingsOf('Officials said the plan was dead.', 'said');
  assert.ok(rows.length > 0 && rows.length <= 10);
  for (const [variant, , , keys] of rows) {
    assert.ok(keys.includes(`nr=${rows.length <= 4 ? 'few' : 'mid'}|${variant}`), `${variant}: ${keys}`);
    assert.ok(!keys.some((k) => k.startsWith('stime')));
  }
});
