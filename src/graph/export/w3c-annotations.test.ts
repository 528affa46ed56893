import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { emptyAnalysis } from '../../analysis.js';
import { createDocument } from '../../document/document.js';
import type { Analysis } from '../../schema/analysis.js';
import { CodePointIndex } from './code-points.js';
import { pipelineAnalysis } from './test-fixtures.js';
import { ANNO_CONTEXT, toW3cAnnotations, type W3cAnnotation } from './w3c-annotations.js';

/** Slice a string by code point offsets (what a W3C consumer does with TextPositionSelector). */
function sliceCodePoints(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}

function checkAnchors(annotations: W3cAnnotation[], text: string): void {
  for (const a of annotations) {
    const [quote, position] = a.target.selector;
    assert.equal(quote.type, 'TextQuoteSelector');
    assert.equal(position.type, 'TextPositionSelector');
    assert.equal(sliceCodePoints(text, position.start, position.end), quote.exact, `${a.id} exact`);
    assert.ok(sliceCodePoints(text, 0, position.start).endsWith(quote.prefix), `${a.id} prefix`);
    assert.ok(sliceCodePoints(text, position.end, Number.MAX_SAFE_INTEGER).startsWith(quote.suffix), `${a.id} suffix`);
    assert.equal(a['@context'], ANNO_CONTEXT);
    assert.equal(a.type, 'Annotation');
    assert.ok(a.body.length > 0);
  }
}

describe('toW3cAnnotations on the real pipeline', () => {
  test('every annotation’s exact text is the document text at its code point offsets', async (t) => {
    const { analysis, skipped } = await pipelineAnalysis();
    if (skipped.length > 0) t.diagnostic(`stages not loadable yet, left out: ${skipped.join(', ')}`);
    const annotations = [...toW3cAnnotations(analysis)];
    const text = analysis.document.text;
    const spanned =
      analysis.entities.reduce((n, e) => n + e.mentions.length, 0) +
      analysis.times.length +
      analysis.quotes.length +
      analysis.claims.length +
      analysis.events.length +
      analysis.rhetoric.findings.length;
    assert.equal(annotations.length, spanned);
    assert.ok(annotations.length >= 10, `only ${annotations.length} annotations`);
    checkAnchors(annotations, text);
    // Ids are unique and stable.
    assert.equal(new Set(annotations.map((a) => a.id)).size, annotations.length);
    assert.deepEqual(
      [...toW3cAnnotations(analysis)].map((a) => a.id),
      annotations.map((a) => a.id),
    );
    // The document URL is the target source.
    assert.ok(annotations.every((a) => a.target.source === 'https://example.org/tehran-militias'));
  });

  test('spans after the emoji shift by one code point per emoji', async () => {
    const { analysis } = await pipelineAnalysis();
    const text = analysis.document.text;
    const iran = analysis.entities.find((e) => e.id === 'iran');
    assert.ok(iran, 'the KB links "Iran"');
    const m = iran.mentions[0];
    // Two astral characters before it: the flag (two regional indicators) counts 2, 😀 counts 1.
    assert.equal(text.slice(0, m.start).match(/[\uD800-\uDBFF]/g)?.length, 3);
    const anno = [...toW3cAnnotations(analysis)].find(
      (a) => a.target.selector[0].exact === 'Iran' && a.body.some((b) => b.type === 'SpecificResource' && b.source === 'urn:dossier:entity:iran'),
    );
    assert.ok(anno);
    assert.deepEqual(anno.target.selector[1], { type: 'TextPositionSelector', start: m.start - 3, end: m.end - 3 });
    assert.equal(anno.motivation, 'identifying');
  });
});

describe('toW3cAnnotations on a hand-built analysis', () => {
  const text = 'A 😀 said "Iran funds the 🚀 proxies" on Monday.';
  const doc = createDocument(text, { published: '2020-10-28' });
  const at = (s: string) => {
    const start = doc.text.indexOf(s);
    return { start, end: start + s.length, text: s };
  };
  const analysis: Analysis = {
    ...emptyAnalysis(doc),
    entities: [{ id: 'iran', kbId: 'iran', name: 'Iran', type: 'COUNTRY', cameo: 'IRN', mentions: [{ ...at('Iran'), kind: 'name' }] }],
    times: [{ ...at('Monday'), type: 'DATE', value: '2020-10-26', anchor: '2020-10-28', anchored: true }],
    quotes: [{ ...at('"Iran funds the 🚀 proxies"'), kind: 'direct', cue: { ...at('said'), lemma: 'say' }, speaker: null }],
    claims: [{ ...at('Iran funds the 🚀 proxies'), assertedBy: 'author', checkworthiness: 0.8 }],
    events: [],
    rhetoric: {
      findings: [{ ...at('proxies'), technique: 'Loaded_Language', ruleId: 'loaded', source: 'rule', score: 0.6, target: 'iran' }],
      tone: null,
      toneByEntity: [],
    },
  };

  test('positions in code points, exact in UTF-16 slices, urn source without a URL', () => {
    const annos = [...toW3cAnnotations(analysis)];
    assert.equal(annos.length, 5);
    checkAnchors(annos, doc.text);
    const [mention, time, quote, claim, finding] = annos;
    assert.deepEqual(mention.target.selector[1], { type: 'TextPositionSelector', start: 10, end: 14 });
    assert.equal(mention.target.selector[0].prefix, 'A 😀 said "');
    assert.deepEqual(time.body[0], { type: 'TextualBody', value: '2020-10-26', purpose: 'identifying', format: 'text/plain' });
    assert.equal(quote.motivation, 'classifying');
    // The quote contains the rocket: its end moves by one more.
    assert.deepEqual(quote.target.selector[1], { type: 'TextPositionSelector', start: 9, end: 35 });
    assert.equal(claim.motivation, 'assessing');
    assert.equal(finding.body[0].type === 'TextualBody' && finding.body[0].value, 'Loaded_Language');
    assert.equal(mention.target.source, `urn:dossier:doc:${doc.id}`);
    assert.equal([...toW3cAnnotations(analysis, { documentUri: 'https://x.test/a' })][0].target.source, 'https://x.test/a');
  });

  test('prefix and suffix never split a surrogate pair', () => {
    const annos = [...toW3cAnnotations(analysis, { contextLength: 3 })];
    for (const a of annos) {
      const { prefix, suffix } = a.target.selector[0];
      assert.doesNotMatch(prefix, /^[\uDC00-\uDFFF]/);
      assert.doesNotMatch(suffix, /[\uD800-\uDBFF]$/);
    }
    assert.equal(annos[0].target.selector[0].prefix, 'd "');
    // Eight code points back lands exactly on the emoji: it is kept whole.
    assert.equal([...toW3cAnnotations(analysis, { contextLength: 8 })][0].target.selector[0].prefix, '😀 said "');
  });
});

describe('CodePointIndex', () => {
  test('agrees with Array.from on random text with astral characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '😀', '𝔸', ' ', '中', '\uD800')), (parts) => {
        const text = parts.join('');
        const index = new CodePointIndex(text);
        const cps = [...text];
        let utf16 = 0;
        for (let cp = 0; cp <= cps.length; cp++) {
          assert.equal(index.toCodePoints(utf16), cp);
          assert.equal(index.toUtf16(cp), utf16);
          utf16 += cp < cps.length ? cps[cp].length : 0;
        }
      }),
    );
  });
});
