import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segment } from '../../document/segment.js';
import { loadWink } from '../../pipeline/segment-stage.js';
import { codeWords, findDiscard, type RawEvent } from './coder.js';
import { compileDictionaries } from './dictionary/compile.js';
import { readActors, readAgents, readDiscards, readVerbs } from './dictionary/read-petrarch.js';
import { compileNominalLexicon } from './nominal-events.js';
import { sentenceWords } from './words.js';

// A small dictionary written for these tests (not PETRARCH's).
const dict = compileDictionaries({
  verbs: readVerbs(`
--- CONDEMN [122] ---
CONDEMN
DENOUNCE

--- ATTACK [190] ---
ATTACK
SHELL
- * WITH ROCKETS [195]

--- MEET [040:040] ---
MEET {MET}

--- ASSASSINATE [186] ---
ASSASSINATE

--- SEND [---] ---
SEND {SENT}
`),
  actors: readActors(`
NORTHLAND [NRT]
+NORTHLANDER
SOUTHLAND [STH]
+SOUTHLANDER
EASTMARK
\t[EMKGOV <20000101]
\t[EMK]
`),
  agents: readAgents('POLICE {} [~COP]\nGOVERNMENT [~GOV]\nPROTESTER [~OPP]\nMILITIA [~MIL]\n'),
  discards: readDiscards('+CHESS CLUB\nFOOTBALL\n'),
});
const nominal = compileNominalLexicon({
  lightVerbs: ['conducted'],
  nouns: [{ id: 'nominal-air-strike', phrases: [['drone', 'strike']], preps: ['on'], code: '195' }],
});
const nlp = loadWink();

function code(text: string, date: string | null = '20200101', requireBoth = false): Array<RawEvent & { trigger: string; at: number }> {
  const { tokens, sentences } = segment(text, nlp);
  return sentences.flatMap((s) => {
    const words = sentenceWords(tokens, s);
    return codeWords(words, dict, { date, requireBoth, nominal }).map((e) => ({
      ...e,
      trigger: text.slice(words[e.verb].start, words[e.verbEnd - 1].end),
      at: words[e.verb].start,
    }));
  });
}

const triples = (evs: RawEvent[]) => evs.map((e) => `${e.sourceCode}|${e.targetCode}|${e.code}`);

test('codes source, target and trigger offsets', () => {
  const evs = code('Northland condemned Southland on Monday.');
  assert.deepEqual(triples(evs), ['NRT|STH|122']);
  assert.equal(evs[0].trigger, 'condemned');
  assert.equal(evs[0].at, 10);
  assert.equal(evs[0].negated, false);
  assert.equal(evs[0].hypothetical, false);
});

test('agents combine with the country: "Northlander police", "the government of Southland"', () => {
  assert.deepEqual(triples(code('Northlander police attacked the government of Southland.')), ['NRTCOP|STHGOV|190']);
  assert.deepEqual(triples(code('Protesters denounced the police.')), ['---OPP|---COP|122']);
});

test('the most specific pattern wins', () => {
  const evs = code('Northland shelled Southland with rockets.');
  assert.deepEqual(triples(evs), ['NRT|STH|195']);
  assert.match(evs[0].reasons[0], /WITH ROCKETS/);
});

test('passive voice with a by-agent swaps source and target', () => {
  const evs = code('Southland was attacked by Northland militia.');
  assert.deepEqual(triples(evs), ['NRTMIL|STH|190']);
  assert.equal(evs[0].passive, true);
  assert.equal(evs[0].trigger, 'attacked');
});

test('negation and modality are flagged, not dropped', () => {
  const neg = code("Northland didn't attack Southland.");
  assert.deepEqual(triples(neg), ['NRT|STH|190']);
  assert.equal(neg[0].negated, true);
  assert.equal(code('Northland may attack Southland.')[0].hypothetical, true);
  assert.equal(code('Northland threatened to attack Southland.')[0].hypothetical, true);
  assert.equal(code('If Southland refuses, Northland will attack it.')[0]?.hypothetical ?? true, true);
  assert.equal(code('Northland attacked Southland.')[0].hypothetical, false);
});

test('compound actors and reciprocal codes', () => {
  assert.deepEqual(triples(code('Northland and Southland condemned Eastmark.')), ['NRT|EMK|122', 'STH|EMK|122']);
  assert.deepEqual(triples(code('Northland met Southland.')).sort(), ['NRT|STH|040', 'STH|NRT|040']);
});

test('date-restricted actor codes follow the sentence date', () => {
  assert.deepEqual(triples(code('Eastmark condemned Northland.', '19950101')), ['EMKGOV|NRT|122']);
  assert.deepEqual(triples(code('Eastmark condemned Northland.', '20050101')), ['EMK|NRT|122']);
});

test('the sender acts through its proxies', () => {
  const evs = code('The Northland government reacted by sending its militia to assassinate Southlander activists.');
  assert.deepEqual(triples(evs), ['NRTGOV|STH|186']);
  assert.ok(evs[0].reasons.some((r) => r.startsWith('acting-through:')));
});

test('event nouns replace their light verb', () => {
  const text = 'Northland conducted a drone strike on Southland.';
  const evs = code(text);
  assert.deepEqual(triples(evs), ['NRT|STH|195']);
  assert.equal(evs[0].trigger, 'drone strike');
  assert.equal(evs[0].at, text.indexOf('drone'));
});

test('requireBoth drops events with a missing side; discards are found', () => {
  assert.deepEqual(code('Northland condemned the decision.', '20200101', true), []);
  assert.deepEqual(triples(code('Northland condemned the decision.')), ['NRT|null|122']);
  const { tokens, sentences } = segment('The chess club of Northland met Southland.', nlp);
  assert.equal(findDiscard(sentenceWords(tokens, sentences[0]), dict), 'story');
});
