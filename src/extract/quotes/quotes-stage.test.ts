import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { findSpanProblems } from '../../document/span.js';
import { QuoteSchema } from '../../schema/analysis.js';
import { seedPath } from '../../test-support/fixtures.js';
import { runQuotes } from './test-pipeline.js';

type Row = [string, number, number, string | null, string | null];
/** id, start, end, cue text, speaker text of each quote item. */
const rows = (quotes: Awaited<ReturnType<typeof runQuotes>>['out']['quotes']): Row[] =>
  quotes.map((q) => [q.id ?? '', q.start, q.end, q.cue?.text ?? null, q.speaker?.text ?? null]);

test('direct quote with the cue after it; a quote that goes on after the cue is a second part', async () => {
  const { out } = await runQuotes('“We will not retreat,” the minister said. “The army is ready.”');
  assert.deepEqual(rows(out.quotes), [
    ['q1', 1, 20, 'said', 'the minister'],
    ['q1.2', 43, 61, 'said', 'the minister'],
  ]);
  assert.equal(out.quotes[0].text, 'We will not retreat');
  assert.equal(out.quotes[0].kind, 'direct');
  assert.deepEqual([out.quotes[0].cue?.lemma, out.quotes[0].cue?.stance], ['say', 'neutral']);
  for (const q of out.quotes) QuoteSchema.parse(q);
});

test('a quotation interrupted by its attribution: two parts, one cue and speaker', async () => {
  const { out } = await runQuotes('“We will not retreat,” he said, “and we will win.”');
  assert.deepEqual(rows(out.quotes), [
    ['q1', 1, 20, 'said', 'he'],
    ['q1.2', 33, 49, 'said', 'he'],
  ]);
});

test('multi-paragraph quotation after a colon cue', async () => {
  const { out } = await runQuotes('The general said:\n\n“Our forces crossed the river at dawn.\n\n“They met no resistance and took the bridge.”');
  assert.deepEqual(rows(out.quotes), [
    ['q1', 20, 57, 'said', 'The general'],
    ['q1.2', 60, 103, 'said', 'The general'],
  ]);
});

test('any verb right after a closing mark and its comma is the cue: “…,” Trump fired back', async () => {
  const { out } = await runQuotes('“Jeb wants to be a tough guy tonight,” Trump fired back.');
  assert.deepEqual(rows(out.quotes), [['q1', 1, 36, 'fired back', 'Trump']]);
  assert.equal(out.quotes[0].text, 'Jeb wants to be a tough guy tonight');
  assert.equal(out.quotes[0].kind, 'direct');
  // Outside the lexicon the lemma is the verb's own form.
  assert.equal(out.quotes[0].cue?.lemma, 'fired');
});

test('a quotation without a cue is not reported as a quote, nor as a scare quote', async () => {
  const { out, ctx } = await runQuotes('The rally ended at noon.\n\n“We will be back next year with twice the crowd.”');
  assert.deepEqual(rows(out.quotes.filter((q) => q.kind === 'direct')), []);
  assert.deepEqual(ctx.scareQuotes, []);
});

test('cue first, with an addressee: "told reporters that …"', async () => {
  const { out } = await runQuotes('She told reporters that the talks had collapsed.');
  assert.deepEqual(rows(out.quotes), [['q1', 19, 47, 'told', 'She']]);
  assert.equal(out.quotes[0].kind, 'indirect');
  assert.equal(out.quotes[0].cue?.lemma, 'tell');
});

test('cue after the content: "…, officials said."', async () => {
  const { out } = await runQuotes('The talks collapsed on Monday, officials said.');
  assert.deepEqual(rows(out.quotes), [['q1', 0, 29, 'said', 'officials']]);
});

test('according to X, …', async () => {
  const { out } = await runQuotes('According to the NCRI, the regime paid militias 3 million dollars.');
  assert.deepEqual(rows(out.quotes), [['q1', 23, 65, 'According to', 'the NCRI']]);
  assert.equal(out.quotes[0].cue?.lemma, 'according to');
});

test('distancing and endorsing cues carry their stance', async () => {
  const { out } = await runQuotes('The ministry claimed that the strike hit only military targets. The ministry later admitted that civilians died.');
  assert.deepEqual(
    out.quotes.map((q) => [q.text, q.cue?.lemma, q.cue?.stance]),
    [
      ['that the strike hit only military targets', 'claim', 'distancing'],
      ['that civilians died', 'admit', 'endorsing'],
    ],
  );
});

test('scare quotes and titles are not quotes; they are handed to rhetoric', async () => {
  const text = 'Iran’s so-called “strategic depth” is at stake, just as in the “October Revolution” last year.';
  const { out, ctx } = await runQuotes(text);
  assert.deepEqual(out.quotes, []);
  assert.deepEqual(ctx.scareQuotes, [
    { start: 18, end: 33, text: 'strategic depth' },
    { start: 64, end: 82, text: 'October Revolution' },
  ]);
});

test('a quoted phrase inside reported speech is neither a quote nor a scare quote', async () => {
  const { out, ctx } = await runQuotes('Mr. Lou said the government was now “squarely facing up” to the surplus.');
  assert.deepEqual(rows(out.quotes), [['q1', 13, 71, 'said', 'Mr. Lou']]);
  assert.deepEqual(ctx.scareQuotes, []);
});

test('speaker entity: overlap with a mention, and a pronoun resolved to the last fitting subject', async () => {
  const text = 'The Keyhan daily, the mouthpiece of Ali Khamenei, feared losing Iraq.\n\n“The protests overthrew several governments,” they wrote.';
  const { out } = await runQuotes(text, [
    { id: 'keyhan', type: 'MEDIA', aliases: ['Keyhan'] },
    { id: 'khamenei', type: 'PERSON', aliases: ['Ali Khamenei'] },
    { id: 'iraq', type: 'COUNTRY', aliases: ['Iraq'] },
  ]);
  // ("feared losing Iraq" may be read as reported belief too, as PolNeAR annotates beliefs.)
  const direct = out.quotes.filter((q) => q.kind === 'direct');
  assert.equal(direct.length, 1);
  assert.deepEqual(direct[0].speaker, { start: 117, end: 121, text: 'they', entity: 'keyhan' });
  // The resolved pronoun is now one of Keyhan's mentions, after the name it follows.
  const keyhan = out.entities.find((e) => e.id === 'keyhan');
  assert.deepEqual(
    keyhan?.mentions.map((m) => [m.start, m.text, m.kind, m.reasons]),
    [
      [4, 'Keyhan', 'name', keyhan?.mentions[0].reasons],
      [117, 'they', 'pronoun', ['quote-speaker-pronoun']],
    ],
  );
  const he = await runQuotes('Ali Khamenei spoke in Tehran. He said the protests would fail.', [{ id: 'khamenei', type: 'PERSON', aliases: ['Ali Khamenei'] }]);
  assert.equal(he.out.quotes[0].speaker?.entity, 'khamenei');
});

test('speaker entity of a relative pronoun: the name before it, across a party-and-state bracket', async () => {
  const roe = [{ id: 'roe', type: 'PERSON' as const, aliases: ['Jane Roe'] }];
  const { out } = await runQuotes('Sen. Jane Roe (D-Mo.), who said the race was close, left the hall early.', roe);
  assert.deepEqual(
    out.quotes.map((q) => [q.cue?.text, q.speaker]),
    [['said', { start: 23, end: 26, text: 'who', entity: 'roe' }]],
  );
  const plain = await runQuotes('The senator met Jane Roe, who said the race was close.', roe);
  assert.deepEqual(plain.out.quotes[0].speaker, { start: 26, end: 29, text: 'who', entity: 'roe' });
  const mentions = plain.out.entities.find((e) => e.id === 'roe')?.mentions ?? [];
  assert.deepEqual(
    mentions.map((m) => [m.start, m.end, m.kind]),
    [
      [16, 24, 'name'],
      [26, 29, 'pronoun'],
    ],
  );
});

test('with no entities, speakers are still found and entity is null', async () => {
  const { out } = await runQuotes('“This is the end,” said John Smith, a spokesman.');
  assert.deepEqual(out.quotes[0].speaker, { start: 24, end: 34, text: 'John Smith', entity: null });
});

const seed = seedPath;

test('seed article: Keyhan and NCRI quotes, scare quotes, the paying-off claim', { skip: !existsSync(seed) && 'seed article not present' }, async () => {
  const text = readFileSync(seed, 'utf8');
  const { out, ctx } = await runQuotes(text, [
    { id: 'keyhan', type: 'MEDIA', aliases: ['Keyhan'] },
    { id: 'khamenei', type: 'PERSON', aliases: ['Ali Khamenei'] },
    { id: 'ncri', type: 'ORGANIZATION', aliases: ['National Council of Resistance of Iran', 'NCRI'] },
    { id: 'iraq', type: 'COUNTRY', aliases: ['Iraq'] },
    { id: 'iran', type: 'COUNTRY', aliases: ['Iran'] },
  ]);
  const keyhan = out.quotes.find((q) => q.text.startsWith('Last year, the first protests'));
  assert.equal(keyhan?.speaker?.entity, 'keyhan');
  assert.equal(keyhan?.speaker?.text, 'they');
  const ncri = out.quotes.find((q) => q.text.startsWith('Now, after having its puppet governments'));
  assert.equal(ncri?.speaker?.entity, 'ncri');
  assert.equal(ncri?.cue?.lemma, 'write');
  assert.ok(!out.quotes.some((q) => q.text === 'strategic depth' || q.text === 'October Revolution'));
  assert.deepEqual(
    ctx.scareQuotes?.map((s) => s.text),
    ['strategic depth', 'October Revolution'],
  );
  const paying = out.claims.find((c) => c.text.includes('paying off high-ranking politicians'));
  assert.equal(paying?.assertedBy, 'author');
  const inKeyhan = out.claims.filter((c) => c.quote && keyhan?.id && c.quote.split('.')[0] === keyhan.id.split('.')[0]);
  assert.ok(inKeyhan.length > 0 && inKeyhan.every((c) => c.assertedBy === 'keyhan'));
  assert.deepEqual(findSpanProblems(out, out.document.text), []);
});

test('property: never throws; every span is valid and repeats its text', async () => {
  await runQuotes('warm-up');
  const pieces = [
    'He said',
    ' “',
    '”',
    ' "',
    "''",
    ', ',
    '. ',
    'the minister',
    ' according to ',
    'they wrote',
    '\n\n',
    'Iran',
    ' claimed that ',
    '😀',
    ':',
    ' it was reported that ',
  ];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), async (parts) => {
      const text = parts.join('');
      if (text.trim().length === 0) return;
      const { out } = await runQuotes(text, [{ id: 'iran', type: 'COUNTRY', aliases: ['Iran'] }]);
      assert.deepEqual(findSpanProblems(out, out.document.text), []);
      for (const q of out.quotes) QuoteSchema.parse(q);
    }),
    { numRuns: 150 },
  );
});
