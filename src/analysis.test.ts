import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyse, analyseTimed } from './analysis.js';
import { createDocument } from './document/document.js';
import { findSpanProblems } from './document/span.js';
import type { Resources } from './pipeline/context.js';
import { STAGES } from './pipeline/stages.js';
import { AnalysisSchema } from './schema/analysis.js';
import { seedText, testResources } from './test-support/fixtures.js';

let res: Resources;
before(async () => {
  res = await testResources();
});

// Pieces that exercise the extractors (names, dates, quotes, cues) mixed with
// the hostile: NUL, lone surrogates, RTL overrides, combining marks, emoji.
const newsPiece = fc.constantFrom(
  'Tehran',
  'the ayatollahs',
  'IRGC',
  'Revolutionary Guards',
  'Qassem Soleimani',
  'Keyhan',
  ' said ',
  ' wrote',
  'Last October',
  'October 25',
  'this year',
  '17 years',
  '“',
  '”',
  '"',
  '’s',
  'so-called',
  'puppet',
  'protests against',
  'drone strike on',
  'according to',
  '(NCRI)',
  ', ',
  '. ',
  '? ',
  '\n',
  '\n\n',
  ' ',
  'U.S.',
  'Gen.',
  '1.',
  '- ',
  '[',
  ']',
  '»',
);
const hostilePiece = fc.oneof(
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202E', '\u200F', 'e\u0301', '😀', '🇮🇷', 'ایران', 'العراق', '\uFEFF', '\r\n', '\t', '\u0085'),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const articleText = fc.array(fc.oneof({ weight: 3, arbitrary: newsPiece }, { weight: 2, arbitrary: hostilePiece }), { maxLength: 60 }).map((a) => a.join(''));

describe('analyse', () => {
  it('never throws on arbitrary Unicode and every span is valid', () => {
    fc.assert(
      fc.property(articleText, fc.option(fc.constantFrom('2020-10-28', '1998-02-13'), { nil: null }), (text, published) => {
        const doc = createDocument(text, { published });
        const analysis = analyse(doc, res);
        assert.deepEqual(findSpanProblems(analysis, doc.text), []);
        const parsed = AnalysisSchema.safeParse(analysis);
        assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
      }),
      { numRuns: 250 },
    );
  });

  it('is deterministic', (t) => {
    const seed = seedText();
    if (!seed) return t.skip('no ../shared');
    const doc = createDocument(seed, { published: '2020-10-28', source: 'iranfocus' });
    assert.deepEqual(analyse(doc, res), analyse(doc, res));
  });

  it('gives a valid dossier.analysis/1 for the seed article with every text equal to its slice', (t) => {
    const seed = seedText();
    if (!seed) return t.skip('no ../shared');
    const doc = createDocument(seed, { published: '2020-10-28', source: 'iranfocus' });
    const analysis = analyse(doc, res);
    assert.ok(AnalysisSchema.safeParse(analysis).success);
    assert.deepEqual(findSpanProblems(analysis, doc.text), []);
    assert.equal(analysis.sentences.length, 20);
    assert.equal(analysis.document.published, '2020-10-28');
  });

  it('times every registered stage', () => {
    const { timings } = analyseTimed(createDocument('Iraqi protesters marched in Baghdad.'), res);
    assert.deepEqual(
      Object.keys(timings),
      STAGES.map((s) => s.name),
    );
  });
});
