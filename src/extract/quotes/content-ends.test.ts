import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadResources } from '../../analysis.js';
import { segment } from '../../document/segment.js';
import { segmentStage } from '../../pipeline/segment-stage.js';
import type { Attribution } from './attribution.js';
import {
  bestEnd,
  contentEnds,
  cueClauseOpener,
  cueVerbForm,
  type EndContext,
  endContext,
  endFeatures,
  parseContentEndModel,
  refineContentEnds,
  verbForm,
} from './content-ends.js';
import { cueLikelihood } from './cue-lookup.js';
import { stringKeys } from './feature-key.js';
import { quotesStage } from './quotes-stage.js';
import { runQuotes } from './test-pipeline.js';

async function segmented(text: string) {
  const res = await loadResources({}, [segmentStage]);
  return segment(text, res.nlp);
}

/** The content text up to each end candidate of the content starting at character `at`. */
async function endsFrom(text: string, at: number): Promise<Array<[string, string]>> {
  const { tokens, sentences } = await segmented(text);
  const from = tokens.findIndex((t) => t.start === at);
  const scan = contentEnds(text, tokens, sentences, from, tokens[from].sentence);
  return scan.candidates.map((c) => [c.kind, text.slice(at, tokens[c.to - 1].end)]);
}

test('content ends: each break of the sentence, its end, and the next sentence of the same paragraph', async () => {
  const text = 'Smith said the talks had failed, and officials agreed with him, which surprised nobody. They left.\n\nLater, talks resumed.';
  assert.equal(text.slice(11, 14), 'the');
  assert.deepEqual(await endsFrom(text, 11), [
    // "and" right after the comma offers nothing new.
    [',', 'the talks had failed'],
    [',', 'the talks had failed, and officials agreed with him'],
    ['S', 'the talks had failed, and officials agreed with him, which surprised nobody.'],
    ['N1', 'the talks had failed, and officials agreed with him, which surprised nobody. They left.'],
  ]);
  // A paragraph break ends the sentences a content may run on into.
  assert.equal(text.slice(88, 92), 'They');
  const last = await endsFrom(text, 88);
  assert.deepEqual(last, [['S', 'They left.']]);
});

test('content ends: conjunctions, subordinators and relative pronouns break; "that" does not', async () => {
  const text = 'She argued that prices would rise while wages stayed flat and that nobody who worked would gain.';
  assert.equal(text.slice(16, 22), 'prices');
  assert.deepEqual(await endsFrom(text, 16), [
    ['SC:while', 'prices would rise'],
    ['CC:and', 'prices would rise while wages stayed flat'],
    ['REL:who', 'prices would rise while wages stayed flat and that nobody'],
    ['S', 'prices would rise while wages stayed flat and that nobody who worked would gain.'],
  ]);
});

test('content ends: the features of a break say what follows it', async () => {
  const text = 'Smith said the talks had failed, and officials agreed with him.';
  const { tokens, sentences } = await segmented(text);
  const from = tokens.findIndex((t) => t.start === 11);
  const scan = contentEnds(text, tokens, sentences, from, 0);
  const ctx: EndContext = { tokens, sentences, from, si: 0, cueStem: 'said', cueForm: 'd', opener: '-', colon: false, that: false };
  const comma = endFeatures(stringKeys, ctx, scan, scan.candidates[0]);
  assert.deepEqual(comma, [
    'k=,',
    // "and" follows the comma: another break, though not a candidate of its own.
    'kc=P|o=0|last=false',
    'kc=P|w=2|rw=2',
    'kc=P|st=said|o=0',
    'kc=P|cf=DET|colon=false',
    'kc=P|oq=false',
    'kc=P|that=false|v=true',
    'k=,|n=and',
    'kc=P|np2=CCONJ|NOUN',
    'k=,|pb=failed',
    // The content holds a verb, so does the rest, and so does the part after ", and" ("agreed"): a new clause, not a list item.
    'k=,|v=true|true|true',
    'k=,|pp=VERB|CCONJ',
    // After ", and": a subject ("officials") then a verb, a new clause; no words before the next break (the conjunction).
    'k=,|ns=sv',
    'kc=P|nl=0|sv',
    // The content has its verb; the sentence end follows the next part.
    'k=,|cv=true|sv|then=',
    // "agreed" has the form of the cue ("said") and of the content's verb ("had"): both past.
    'k=,|agr=true|true|sv',
    'kc=P|fm=d|d|d',
  ]);
  const end = endFeatures(stringKeys, ctx, scan, scan.candidates[1]);
  assert.deepEqual(end, [
    'k=S',
    'kc=S|o=1|last=false',
    'kc=S|w=4|rw=0',
    'kc=S|st=said|o=1',
    'kc=S|cf=DET|colon=false',
    'kc=S|oq=false',
    'kc=S|that=false|v=true',
    'S|se=.|v=true',
    'S|op=-',
    // The sentence end takes in the new clause after the last break; no cue lookup was given (no cue after a break).
    'S|lb=,|sv',
    'S|cb=0|v=true',
  ]);
});

test('refineContentEnds: re-ends a content after its cue, leaves a content before its cue alone', async () => {
  const text = 'Smith said the talks had failed, and officials agreed. The deal is dead, Jones said.';
  const { tokens, sentences } = await segmented(text);
  const at = (offset: number) => tokens.findIndex((t) => t.start === offset);
  const said = at(6);
  const jonesSaid = at(79);
  const after: Attribution = {
    kind: 'indirect',
    contents: [{ start: 11, end: 53 }],
    cue: { tokens: { start: said, end: said + 1 }, lemma: 'say', stance: 'neutral' },
    speaker: { start: 0, end: 1 },
    reasons: ['learned-cue-reading'],
  };
  const before: Attribution = {
    kind: 'indirect',
    contents: [{ start: 55, end: 71 }],
    cue: { tokens: { start: jonesSaid, end: jonesSaid + 1 }, lemma: 'say', stance: 'neutral' },
    speaker: { start: jonesSaid - 1, end: jonesSaid },
    reasons: ['learned-cue-reading'],
  };
  const seen: number[] = [];
  const out = refineContentEnds(text, tokens, sentences, [after, before], (_ctx, _scan, current) => {
    seen.push(current);
    return 0;
  });
  // The reading's own end (the sentence end) is candidate 1; the chooser took the comma.
  assert.deepEqual(seen, [1]);
  assert.deepEqual(out[0].contents, [{ start: 11, end: 31 }]);
  assert.equal(text.slice(11, 31), 'the talks had failed');
  assert.deepEqual(out[0].reasons, ['learned-cue-reading', 'content-end-,']);
  assert.equal(out[1], before);
});

test('quotes stage: the end ranker stops a content at the comma before a coordinated verb', async () => {
  const text = 'Jones told reporters that the deal was dead, saying that he would resign, and left.';
  const { out } = await runQuotes(text);
  const saying = out.quotes.find((q) => q.cue?.text === 'saying');
  assert.ok(saying);
  assert.deepEqual([saying.start, saying.end, saying.text], [52, 72, 'that he would resign']);
  assert.ok(saying.reasons?.includes('content-end-,'));
  // The first report stops before the participle's own.
  const told = out.quotes.find((q) => q.cue?.text === 'told');
  assert.deepEqual([told?.start, told?.end], [21, 43]);
});

test('property: end candidates rise, start after the content start and end the sentence with "S"', async () => {
  const res = await loadResources({}, [segmentStage]);
  const word = fc.constantFrom('the', 'talks', 'failed', 'and', ',', 'which', 'while', 'that', 'Smith', 'said', 'rose', '“', '”', ';', '—', 'in');
  const sentence = fc.array(word, { minLength: 2, maxLength: 14 }).map((ws) => `${ws.join(' ')}.`);
  await fc.assert(
    fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.nat(), async (ss, pick) => {
      const text = ss.join(' ');
      const { tokens, sentences } = segment(text, res.nlp);
      if (tokens.length === 0) return;
      const from = pick % tokens.length;
      const si = tokens[from].sentence;
      const { candidates } = contentEnds(text, tokens, sentences, from, si);
      let prev = from;
      for (const c of candidates) {
        assert.ok(c.to > prev, `${c.kind} at ${c.to} after ${prev}`);
        prev = c.to;
      }
      const s = candidates.find((c) => c.kind === 'S');
      assert.equal(s?.to, sentences[si].tokenEnd);
      assert.ok(candidates.filter((c) => c.kind.startsWith('N')).length <= 1);
    }),
    { numRuns: 150, seed: 7 },
  );
});

test('content ends: what follows a break — a second attribution, an -ing clause, a new clause, a phrase', async () => {
  const text = 'Jones said the plan would work, he added, bringing jobs, and wages will rise, in time.';
  const { tokens, sentences } = await segmented(text);
  const from = tokens.findIndex((t) => t.start === 11);
  const scan = contentEnds(text, tokens, sentences, from, 0);
  const ctx: EndContext = { tokens, sentences, from, si: 0, cueStem: 'said', cueForm: 'd', opener: '-', colon: false, that: false };
  const shapes = scan.candidates
    .filter((c) => c.family !== 'S')
    .map((c) => [c.kind, endFeatures(stringKeys, ctx, scan, c).find((f) => (f as string).includes('|ns='))]);
  assert.deepEqual(shapes, [
    [',', 'k=,|ns=r'],
    [',', 'k=,|ns=g'],
    [',', 'k=,|ns=sv'],
    [',', 'k=,|ns=n'],
  ]);
});

test('verbForm: past, third person, -ing, modal, infinitive and base forms from the spelling', async () => {
  const text = 'She noted that he would go and quoted it, has been saying so, wants to leave and believe it.';
  const { tokens } = await segmented(text);
  const form = (w: string) =>
    verbForm(
      tokens,
      tokens.findIndex((t) => t.value === w),
    );
  assert.deepEqual(
    ['noted', 'would', 'go', 'quoted', 'has', 'been', 'saying', 'wants', 'leave', 'believe'].map(form),
    // "been" is none of the marked forms.
    ['d', 'm', 'b', 'd', 'z', 'b', 'g', 'z', 'i', 'b'],
  );
  // A cue's form is that of its first verb; a cue without one ("according to") is "x".
  const noted = tokens.findIndex((t) => t.value === 'noted');
  assert.equal(cueVerbForm(tokens, noted, noted + 1), 'd');
  assert.equal(cueVerbForm(tokens, 0, 1), 'x');
});

test('content ends: a verb coordinated after the content agrees with the cue, not with the content', async () => {
  // "noted" and "quoted" are both past; the content's verb ("would") is a modal: the cue subject's second verb.
  const text = 'Carson noted that Saturday would have been his birthday and quoted the commandment.';
  const { tokens, sentences } = await segmented(text);
  const from = tokens.findIndex((t) => t.value === 'Saturday');
  const noted = tokens.findIndex((t) => t.value === 'noted');
  const scan = contentEnds(text, tokens, sentences, from, 0);
  const ctx: EndContext = {
    tokens,
    sentences,
    from,
    si: 0,
    cueStem: 'note',
    cueForm: cueVerbForm(tokens, noted, noted + 1),
    opener: '-',
    colon: false,
    that: false,
  };
  const and = scan.candidates[0];
  assert.equal(and.kind, 'CC:and');
  assert.deepEqual([and.contentForm, and.nextForm], ['m', 'd']);
  const keys = endFeatures(stringKeys, ctx, scan, and) as string[];
  assert.ok(keys.includes('k=CC:and|agr=true|false|v'), keys.join(' '));
  assert.ok(keys.includes('kc=CC|fm=d|m|d'), keys.join(' '));
});

test('cueClauseOpener: a cue in a fronted subordinate clause or a relative clause', async () => {
  const text = 'Ever since news broke that she used a private server, officials have watched. Smith, who said the plan failed, resigned. Jones said it failed.';
  const { tokens, sentences } = await segmented(text);
  const at = (w: string, n = 0) => tokens.filter((t) => t.value === w)[n];
  const opener = (w: string, n = 0) => cueClauseOpener(tokens, sentences, tokens.indexOf(at(w, n)));
  assert.equal(opener('broke'), 'sc');
  assert.equal(opener('said', 0), 'rel');
  assert.equal(opener('said', 1), '-');
});

test('content ends: a pronoun subject opening the part after a break is "pv"', async () => {
  const text = 'Jones agreed to pick up the bill, and he is even paying for the drinks.';
  const { tokens, sentences } = await segmented(text);
  const from = tokens.findIndex((t) => t.value === 'pick');
  const scan = contentEnds(text, tokens, sentences, from, 0);
  assert.deepEqual(
    scan.candidates.map((c) => [c.kind, c.nextShape, c.nextBreak]),
    [
      [',', 'pv', ''],
      ['S', '', ',|pv'],
    ],
  );
});

test('content ends: a reporting verb after a break is a second cue, and the end context knows a "that" content', async () => {
  const res = await loadResources({}, [segmentStage, quotesStage]);
  const text = 'Clinton says that she respects his passion but argues that he cannot deliver, and voters agree.';
  const { tokens, sentences } = segment(text, res.nlp);
  const says = tokens.findIndex((t) => t.value === 'says');
  const from = tokens.findIndex((t) => t.value === 'she');
  const scan = contentEnds(text, tokens, sentences, from, 0, cueLikelihood(res.quoteLexicon, res.learnedCues));
  // "argues" is a frequent learned cue; "agree" after ", and" is in the hand lexicon only.
  assert.deepEqual(
    scan.candidates.map((c) => [c.kind, c.nextCue]),
    [
      ['CC:but', 3],
      [',', 1],
      ['S', 0],
    ],
  );
  assert.equal(scan.cueAfterBreak, 3);
  const ctx = endContext(tokens, sentences, says, says + 1, from);
  assert.equal(ctx.that, true);
  const but = endFeatures(stringKeys, ctx, scan, scan.candidates[0]) as string[];
  assert.ok(but.includes('k=CC:but|nc=3|v'), but.join(' '));
  assert.ok(but.includes('kc=CC|that=true|v=true'), but.join(' '));
  assert.ok((endFeatures(stringKeys, ctx, scan, scan.candidates[2]) as string[]).includes('S|cb=3|v=true'));
  // Without a "that", and with no cue lookup, neither fact is there.
  const bare = contentEnds(text, tokens, sentences, from, 0);
  assert.deepEqual(
    bare.candidates.map((c) => c.nextCue),
    [0, 0, 0],
  );
  assert.equal(endContext(tokens, sentences, says, says + 1, says + 1).that, false);
});

test('bestEnd: another end replaces the reading ranker’s sentence end more readily than its break', async () => {
  const text = 'Smith said the talks had failed, and officials agreed with him.';
  const { tokens, sentences } = await segmented(text);
  const said = tokens.findIndex((t) => t.value === 'said');
  const ctx = endContext(tokens, sentences, said, said + 1, said + 1);
  const scan = contentEnds(text, tokens, sentences, said + 1, 0);
  assert.deepEqual(
    scan.candidates.map((c) => c.kind),
    [',', 'S'],
  );
  const margins = { sentenceEnd: 1, other: 4 };
  // The comma scores 3 above the sentence end: it replaces a sentence end (3 > 1) …
  const commaBetter = parseContentEndModel('k=,\t3\n');
  assert.equal(bestEnd(commaBetter, ctx, scan, 1, margins), 0);
  // … but the sentence end, 3 above the comma, does not replace a comma the reading chose (3 ≤ 4).
  const endBetter = parseContentEndModel('k=,\t-3\n');
  assert.equal(bestEnd(endBetter, ctx, scan, 0, margins), 0);
  assert.equal(bestEnd(endBetter, ctx, scan, 0, { sentenceEnd: 1, other: 2 }), 1);
  // A reading whose end is not a candidate takes the best one.
  assert.equal(bestEnd(endBetter, ctx, scan, -1, margins), 1);
});
