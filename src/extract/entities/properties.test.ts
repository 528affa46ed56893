import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findSpanProblems } from '../../document/span.js';
import { AnalysisSchema } from '../../schema/analysis.js';
import { runOn } from './test-helpers/run-fixture.js';

// Words that exercise every rule: KB names, metonyms, titles, particles, pronouns, brackets, emoji.
const WORDS = [
  'Tehran',
  '’s',
  "'s",
  'in',
  'the',
  'The',
  'ayatollahs',
  'regime',
  'of',
  'Iran',
  'Iranian',
  'Iraqi',
  'government',
  'authorities',
  'Supreme',
  'Leader',
  'Minister',
  'Labor',
  'Hadi',
  '-',
  'al',
  'Ameri',
  'Quds',
  'Force',
  'commander',
  'Qassem',
  'Soleimani',
  '(',
  ')',
  '[',
  ']',
  'IRGC',
  'NCRI',
  'National',
  'Council',
  'Resistance',
  ',',
  '.',
  'He',
  'They',
  'their',
  'proxy',
  'groups',
  'proxies',
  'mouthpiece',
  'leader',
  'protesters',
  'people',
  'Shi’ite',
  'said',
  'increased',
  '“',
  '”',
  '🙂',
  'October',
  '\n\n',
];

const sentenceArb = fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((ws) => ws.join(' '));

describe('entities stage: properties', () => {
  it('never throws; output fits the schema; spans are valid and equal their text; no entity repeats a span', () => {
    fc.assert(
      fc.property(fc.oneof(sentenceArb, fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 })), (text) => {
        const ctx = runOn(text);
        assert.ok(AnalysisSchema.safeParse(ctx.out).success, 'output fits dossier.analysis/1');
        assert.deepEqual(findSpanProblems(ctx.out.entities, ctx.doc.text), []);
        assert.deepEqual(findSpanProblems(ctx.out.relations, ctx.doc.text), []);
        for (const e of ctx.out.entities) {
          const spans = e.mentions.map((m) => `${m.start}:${m.end}`);
          assert.equal(new Set(spans).size, spans.length, `duplicate span in ${e.id}`);
          for (const m of e.mentions) assert.ok(m.end > m.start, `empty mention in ${e.id}`);
        }
        for (const r of ctx.out.relations) {
          assert.ok(
            ctx.out.entities.some((e) => e.id === r.source),
            `relation source ${r.source} is an entity`,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
