import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segment, type Token } from '../../document/segment.js';
import { buildCandidates, type Candidate, isDateline, speakerContextKeys } from './cue-candidates.js';
import { stringKeys } from './feature-key.js';
import { ruleAttributions } from './quotes-stage.js';
import { testResources } from './test-pipeline.js';

/** Asserts that some item passes, printing them all when none does. */
function assertSome<T>(items: readonly T[], passes: (item: T) => boolean): void {
  assert.ok(items.some(passes), JSON.stringify(items));
}

/** The candidate readings of the cue that starts with `cueWord`, with the tokens they index. */
async function candidatesAt(text: string, cueWord: string): Promise<{ tokens: Token[]; of: Candidate[] }> {
  const res = await testResources();
  const { tokens, sentences } = segment(text, res.nlp);
  const { skip, rules, direct } = ruleAttributions(text, tokens, sentences, res.quoteLexicon);
  const uncued = direct.quotes.filter((q) => q.cue === null);
  const all = buildCandidates({ tokens, sentences, skip, lex: res.quoteLexicon, learned: res.learnedCues, rules, uncued, keys: stringKeys });
  const at = tokens.findIndex((t) => t.value === cueWord);
  return { tokens, of: all.filter((c) => c.cueStart === at) };
}

/** Every reading of the cue that starts with `cueWord`, as [variant, speaker text, content text]. */
async function readingsOf(text: string, cueWord: string): Promise<Array<[string, string | null, string]>> {
  const { tokens, of } = await candidatesAt(text, cueWord);
  const slice = (c: Candidate): [string, string | null, string] => {
    const a = c.attribution;
    const sp = a.speaker ? text.slice(tokens[a.speaker.start].start, tokens[a.speaker.end - 1].end) : null;
    return [c.variant, sp, a.contents.map((s) => text.slice(s.start, s.end)).join(' … ')];
  };
  return of.map(slice);
}

test('a participle cue reads for the clause subject (M): "Clinton has taken a swipe …, saying that …"', async () => {
  const got = await readingsOf('In Washington, Hillary Clinton has taken a swipe at Donald Trump, saying that his comments do more harm than good.', 'saying');
  assertSome(got, ([v, sp, c]) => v === 'MAt' && sp === 'Hillary Clinton' && c === 'his comments do more harm than good');
});

test('a second coordinated verb reads for the first verb’s subject (M)', async () => {
  const got = await readingsOf('In a two-minute response, Cruz said CNN five times, and specifically mentioned the network’s anchors.', 'mentioned');
  assertSome(got, ([v, sp]) => v.startsWith('M') && sp === 'Cruz');
});

test('the object noun phrase alone is a content reading (O), without the attached place or time', async () => {
  const got = await readingsOf('Trump has hammered Bush throughout the campaign in speeches.', 'hammered');
  assertSome(got, ([v, sp, c]) => v === 'LO' && sp === 'Trump' && c === 'Bush');
  // A possessive opens the phrase, and its "of" attachment stays.
  const support = await readingsOf('Trump was defending his support of the Iraq war at a rally in South Carolina.', 'defending');
  assertSome(support, ([v, , c]) => v.endsWith('O') && c === 'his support of the Iraq war');
});

test('no object reading when the object runs to the clause end anyway', async () => {
  const got = await readingsOf('The minister criticized the agreement.', 'criticized');
  assert.equal(got.filter(([v]) => v.includes('O')).length, 0, JSON.stringify(got));
});

test('a bare quantifier or "most of them" is a speaker: "Many speculated that …"', async () => {
  const many = await readingsOf('Many speculated that he might fail to turn out his supporters.', 'speculated');
  assertSome(many, ([v, sp]) => v.startsWith('L') && sp === 'Many');
  const most = await readingsOf('Until the shutdown, most of them said they had loved working there.', 'said');
  assertSome(most, ([v, sp]) => v.startsWith('L') && sp === 'most of them');
});

test('a cue next to a quotation the rules left without a cue reads the whole quotation, across sentences (Q)', async () => {
  const text = 'Clinton thanked her voters in Kentucky, posting "We just won Kentucky! Thanks to everyone who turned out."';
  const got = await readingsOf(text, 'posting');
  const whole = 'We just won Kentucky! Thanks to everyone who turned out.';
  assert.equal(text.indexOf(whole), 49);
  assertSome(got, ([v, sp, c]) => v === 'SQ' && sp === 'Clinton' && c === whole);
  // A quotation the rules attribute (here through the colon's clause) is not read again.
  const colon = await readingsOf('President Clinton released the following statement: “Hillary and I offer our condolences.”', 'released');
  assert.equal(colon.filter(([v]) => v.endsWith('U') || v.endsWith('Q')).length, 0, JSON.stringify(colon));
  // A one-sentence quotation without a continuation is read by B already: no U reading.
  const one = await readingsOf('“It is over,” Tom Smith, a local farmer, said.', 'said');
  assert.equal(one.filter(([v]) => v.endsWith('U') || v.endsWith('Q')).length, 0, JSON.stringify(one));
});

test('the name before an apposition is a speaker (W): "Lael Brainard, a Fed governor, said"', async () => {
  const got = await readingsOf('Lael Brainard, a Fed governor, said growth was strong.', 'said');
  assertSome(got, ([v, sp, c]) => v === 'WA' && sp === 'Lael Brainard' && c === 'growth was strong');
  // No apposition: no W reading.
  const plain = await readingsOf('Lael Brainard said growth was strong.', 'said');
  assert.equal(plain.filter(([v]) => v.startsWith('W')).length, 0, JSON.stringify(plain));
});

/** The features of the cue's readings whose speaker is `speaker`, as strings. */
async function speakerFeatures(text: string, cueWord: string, speaker: string): Promise<string[]> {
  const { tokens, of: readings } = await candidatesAt(text, cueWord);
  const of = readings.filter((c) => {
    const s = c.attribution.speaker;
    return s !== null && text.slice(tokens[s.start].start, tokens[s.end - 1].end) === speaker;
  });
  assert.ok(of.length > 0, `no reading of "${cueWord}" with speaker "${speaker}"`);
  return of.flatMap((c) => c.own.map(String));
}

test('a speaker reading knows what precedes its phrase: "speaking at a rally in Wilmington, warned"', async () => {
  const rally = await speakerFeatures('Trump, speaking at a rally in Wilmington, warned that the vote was rigged.', 'warned', 'a rally in Wilmington');
  assertSome(rally, (f) => f.startsWith('sb=at|'));
  const subject = await speakerFeatures('Trump warned that the vote was rigged.', 'warned', 'Trump');
  assert.ok(subject.includes('sb=<s>|L'), JSON.stringify(subject));
});

test('a speaker inside a direct quotation is marked: "“He is a hater,” Trump said …"', async () => {
  const text = '“He is a hater,” Trump said at a rally in San Diego.';
  const res = await testResources();
  const { tokens, sentences } = segment(text, res.nlp);
  const { skip } = ruleAttributions(text, tokens, sentences, res.quoteLexicon);
  const he = tokens.findIndex((t) => t.value === 'He');
  const trump = tokens.findIndex((t) => t.value === 'Trump');
  assert.deepEqual(speakerContextKeys(stringKeys, tokens, skip, { start: he, end: he + 1 }, 0, 'S'), ['sb=“|S', 'sq=1|S', 'spo=none|S']);
  assert.deepEqual(speakerContextKeys(stringKeys, tokens, skip, { start: trump, end: trump + 1 }, 0, 'L'), ['sb=”|L', 'sq=0|L', 'spo=PUNCT|L']);
});

test('a place inside an aside is marked by what opens the aside: "Trump, speaking at a rally in Wilmington, N.C., warned …"', async () => {
  const res = await testResources();
  const opener = (text: string, word: string): string | undefined => {
    const { tokens, sentences } = segment(text, res.nlp);
    const { skip } = ruleAttributions(text, tokens, sentences, res.quoteLexicon);
    const at = tokens.findIndex((t) => t.value === word);
    return (speakerContextKeys(stringKeys, tokens, skip, { start: at, end: at + 1 }, 0, 'L') as string[]).find((f) => f.startsWith('spo='));
  };
  // The comma inside "Wilmington, N.C." is part of the place name: the aside opens with "speaking".
  assert.equal(opener('Trump, speaking at a rally in Wilmington, N.C., warned that the vote was rigged.', 'N.C.'), 'spo=ing|L');
  assert.equal(opener('Sandy Phillips, who lost her daughter in Aurora, Colorado, said that Sanders was wrong.', 'Colorado'), 'spo=rel|L');
  assert.equal(opener('Smith, a former senator, said that the vote was rigged.', 'senator'), 'spo=DET|L');
  assert.equal(opener('Trump warned that the vote was rigged.', 'Trump'), 'spo=none|L');
});

test('a dateline is told apart from a speaker: "LA CROSSE, Wisc. — Gov. Mike Pence … saying"', async () => {
  const text = 'LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed the media, saying they were nitpicking.';
  const res = await testResources();
  const { tokens } = segment(text, res.nlp);
  assert.equal(isDateline(tokens, { start: 0, end: 2 }, 0), true);
  // The governor's name does not open the sentence: no dateline.
  const gov = tokens.findIndex((t) => t.value === 'Gov.');
  assert.equal(isDateline(tokens, { start: gov, end: gov + 3 }, 0), false);
  const plain = segment('Mike Pence blamed the media on Thursday.', res.nlp).tokens;
  assert.equal(isDateline(plain, { start: 0, end: 2 }, 0), false);
  const got = await speakerFeatures(text, 'saying', 'LA CROSSE');
  assertSome(got, (f) => f.startsWith('sdl|'));
});

test('a quotation opening the sentence holds no subject for the clause after it: "“He is a hater,” Trump said …, adding"', async () => {
  const got = await readingsOf('“He is a hater,” Trump said at a rally in San Diego, adding that he believed the judge was biased.', 'adding');
  // The sentence-initial and clause-subject readings pass over the quotation; the rule's participle reading too.
  assertSome(got, ([v, sp]) => v.startsWith('S') && sp === 'Trump');
  assertSome(got, ([v, sp]) => v === 'rule' && sp === 'Trump');
  assert.equal(got.filter(([, sp]) => sp === 'He').length, 0, JSON.stringify(got));
  const told = await readingsOf('“There is no question about it,” the candidate told reporters on Sunday, saying that people were threatened.', 'saying');
  assert.equal(told.filter(([, sp]) => sp === 'There').length, 0, JSON.stringify(told));
  assertSome(told, ([, sp]) => sp === 'the candidate');
});

test('a pronoun subject is the only speaker left of its cue: no reading reaches past "he" or "who"', async () => {
  const he = await readingsOf('The governor lost the debate when she claimed that taxes would fall.', 'claimed');
  assertSome(he, ([v, sp]) => v.startsWith('L') && sp === 'she');
  assert.deepEqual(
    he.filter(([v, sp]) => sp !== null && !v.startsWith('L') && !v.startsWith('R') && !v.startsWith('Y') && v !== 'rule'),
    [],
  );
  const got = await readingsOf('The senator does best with voters who are looking for a candidate who listens.', 'are');
  assertSome(got, ([v, sp]) => v.startsWith('L') && sp === 'who');
  const left = got.filter(([v, sp]) => sp !== null && !v.startsWith('L') && !v.startsWith('R') && !v.startsWith('Y') && v !== 'rule');
  assert.deepEqual(left, []);
  // Without the relative pronoun the sentence's first phrase is still a reading (S).
  const plain = await readingsOf('The senator does best with voters, and many are looking for a candidate who listens.', 'are');
  assertSome(plain, ([v, sp]) => v.startsWith('S') && sp === 'The senator');
});

test('a phrase after the cue keeps its "by" agent: "according to an analysis by the Springfield Policy Institute"', async () => {
  const got = await readingsOf('Turnout rose sharply this year, according to an analysis by the Springfield Policy Institute.', 'according');
  assertSome(got, ([v, sp]) => v.startsWith('R') && sp === 'an analysis by the Springfield Policy Institute');
  assert.ok(!got.some(([v, sp]) => v.startsWith('R') && sp === 'an analysis'), JSON.stringify(got));
});

test('a name after the cue may hold a word tagged as a verb: "according to the Associated Press"', async () => {
  // The tagger reads "Associated" as a verb; after a cue only a name can stand there.
  const got = await readingsOf('Clinton led by 1,500 votes, according to the Associated Press.', 'according');
  assertSome(got, ([v, sp, c]) => v === 'RB' && sp === 'the Associated Press' && c === 'Clinton led by 1,500 votes');
  // A graded adjective stays inside the phrase ("the most recent data").
  const graded = await readingsOf('Ferguson had 115 violent crimes in 2014, according to the most recent data available from the FBI.', 'according');
  assertSome(graded, ([v, sp]) => v === 'RB' && sp === 'the most recent data available from the FBI');
});
