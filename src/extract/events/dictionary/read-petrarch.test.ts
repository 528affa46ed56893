import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { actorCodeOn, parsePattern, readActors, readAgents, readDiscards, readVerbs } from './read-petrarch.js';

const VERBS = `
&WEAPONRY
+ROCKET
+SHELL_

--- ATTACK_GENERAL [190] ---
ATTACK
BOMBARD {BOMBARDS BOMBARDED}
+OPEN_FIRE {+OPENED_FIRE} [193]
- * CONVOY [191]
- $ WAS_ * BY + [192:193]
- * WITH &WEAPONRY [195]  # a comment
`;

test('readVerbs: blocks, verb forms, multi-word verbs, synsets with plurals', () => {
  const v = readVerbs(VERBS);
  assert.deepEqual(v.synsets.weaponry, [['rocket'], ['rockets'], ['shell']]);
  assert.equal(v.blocks.length, 1);
  const [block] = v.blocks;
  assert.equal(block.code, '190');
  assert.deepEqual(block.verbs[0].forms, ['attack', 'attacks', 'attacked', 'attacking']);
  assert.ok(block.verbs[1].forms.includes('bombarded'));
  assert.deepEqual({ head: block.verbs[2].head, post: block.verbs[2].post, code: block.verbs[2].code }, { head: 'open', post: ['fire'], code: '193' });
  assert.ok(block.verbs[2].forms.includes('opened'));
  assert.equal(block.patterns.length, 3);
  const passive = block.patterns[1];
  assert.deepEqual(passive.before, [
    { kind: 'source', adjacent: false },
    { kind: 'word', word: 'was', adjacent: true },
  ]);
  assert.deepEqual(passive.after, [
    { kind: 'word', word: 'by', adjacent: false },
    { kind: 'target', adjacent: false },
  ]);
  assert.equal(passive.code, '192');
  assert.equal(passive.reverse, '193');
});

test('parsePattern: null codes, reverse-only codes and PETRARCH2 groupings', () => {
  assert.equal(parsePattern('- * DOWN [---]')?.code, null);
  const r = parsePattern('- * (BEFORE COURT) [:173]');
  assert.equal(r?.code, null);
  assert.equal(r?.reverse, '173');
  assert.deepEqual(
    r?.after.map((x) => (x.kind === 'word' ? x.word : x.kind)),
    ['before', 'court'],
  );
  assert.equal(parsePattern('- NO VERB HERE [010]'), null);
});

test('readActors: synonyms, default and date-restricted codes', () => {
  const actors = readActors(`
NORTHLAND_ [NRT]
+NORTHLANDER
# comment
KING_OLAF
\t[NRTGOV 19900101-19991231]
\t[NRTELI >20000101]
\t[NRT]
`);
  assert.equal(actors.length, 2);
  assert.deepEqual(actors[0].phrases, [['northland'], ['northlander']]);
  assert.equal(actorCodeOn(actors[1], '19950505'), 'NRTGOV');
  assert.equal(actorCodeOn(actors[1], '20050505'), 'NRTELI');
  assert.equal(actorCodeOn(actors[1], '19800101'), 'NRT');
  assert.equal(actorCodeOn(actors[1], null), 'NRT');
});

test('readAgents: prefix/suffix codes, plurals, substitutions', () => {
  const agents = readAgents(`
!PERSON! = MAN, WOMAN
POLICE {} [~COP]
AID_WORKER [~NGO]
CHARITY_GROUP [NGO~]
SPOKES!PERSON! [~GOV]
`);
  assert.deepEqual(agents[0], { phrases: [['police']], code: 'COP', position: 'suffix' });
  assert.deepEqual(agents[1].phrases, [
    ['aid', 'worker'],
    ['aid', 'workers'],
  ]);
  assert.equal(agents[2].position, 'prefix');
  assert.deepEqual(agents[3].phrases, [['spokesman'], ['spokeswoman']]);
});

test('readDiscards: story-level with +, sentence-level without', () => {
  assert.deepEqual(readDiscards('+FOOTBALL LEAGUE\nHORSE RACE # sport\n'), [
    { phrase: ['football', 'league'], story: true },
    { phrase: ['horse', 'race'], story: false },
  ]);
});

test('readers never throw on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      readVerbs(s);
      readActors(s);
      readAgents(s);
      readDiscards(s);
    }),
    { numRuns: 300 },
  );
  const lines = fc.array(fc.constantFrom('--- X [010] ---', 'X', '- * Y_ [1]', '&S', '+A', '\t[C <9]', '[', '{', '-', '<!--', '-->', '#'), { maxLength: 20 });
  fc.assert(
    fc.property(lines, (ls) => {
      const text = ls.join('\n');
      readVerbs(text);
      readActors(text);
      readAgents(text);
    }),
  );
});

test('actor entries round-trip through the PETRARCH text format', () => {
  const word = fc.stringMatching(/^[A-Z]{2,8}$/);
  const date = fc
    .integer({ min: 19000101, max: 20991231 })
    .map(String)
    .filter((d) => /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d)$/.test(d));
  const entry = fc.record({
    phrases: fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    code: fc.option(word, { nil: null }),
    dated: fc.array(fc.record({ code: word, from: date, to: date }), { maxLength: 3 }),
  });
  fc.assert(
    fc.property(entry, (e) => {
      const text = [
        `${e.phrases[0].join('_')}${e.code ? ` [${e.code}]` : ''}`,
        ...e.phrases.slice(1).map((p) => `+${p.join('_')}`),
        ...e.dated.map((d) => `\t[${d.code} ${d.from}-${d.to}]`),
      ].join('\n');
      const [back] = readActors(text);
      assert.deepEqual(back, {
        phrases: e.phrases.map((p) => p.map((w) => w.toLowerCase())),
        code: e.code,
        dated: e.dated.map((d) => ({ ...d })),
      });
    }),
  );
});
