import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { packageRoot } from '../analysis.js';
import { segment } from '../document/segment.js';
import { loadWink } from '../pipeline/segment-stage.js';
import { foldName, foldWords } from './fold.js';
import { kbStageLoad, matchAliases } from './index.js';
import { buildKnowledgeBase, loadKnowledgeBase } from './load-kb.js';
import { parseKbRecord } from './record-schema.js';

const { kb, kbIndex } = await kbStageLoad({ dataDir: path.join(packageRoot(), 'data') });
const nlp = loadWink();

// Excerpts of the reference article (iranfocus, 2020-10-28) used to pin matches and offsets.
const SEED =
  'Major protests against Iran’s interference in Iraq and its government at the beginning of this week are a real threat to Iran’s so-called “strategic depth” and threaten Tehran’s ability to create a Shi’ite crescent across the Middle East.\n\n' +
  'In the southern Shiite-majority provinces, people came to the streets chanting slogans against the ayatollahs and calling for their proxy groups to be dismantled.\n\n' +
  'The Keyhan daily, known as the mouthpiece of Supreme Leader, Ali Khamenei, expressed fear on October 25 of losing control in Iraq.\n\n' +
  'Well, following the power vacuum left by the second Gulf War, the ayatollahs were able to expand its influence, even paying off high-ranking politicians, like Minister of Labor Hadi-al Ameri.\n\n' +
  'Iranian government sees Iraq, Syria, and Lebanon, as the perfect place to expand their control over the Middle East.\n\n' +
  'Thankfully, the West was able to do one thing this year to slow the terrorism down, which was conducting a drone strike on the Revolutionary Guards (IRGC) Quds Force commander Qassem Soleimani in Iraq.\n\n' +
  '“Thus, there will be more regional pressure,” the Iranian opposition National Council of Resistance of Iran (NCRI) wrote.';

function matchesOf(text: string) {
  const { tokens } = segment(text, nlp);
  return { tokens, matches: matchAliases(kbIndex, tokens, text) };
}

test('the shipped KB has at least 300 curated and 5,000 actors in all', () => {
  const curated = kb.entities.filter((e) => e.origin === 'curated').length;
  assert.ok(curated >= 300, `curated: ${curated}`);
  assert.ok(kb.entities.length >= 5000, `total: ${kb.entities.length}`);
});

test('ids are unique and every affiliation and role target exists', () => {
  assert.equal(new Set(kb.entities.map((e) => e.id)).size, kb.entities.length);
  for (const e of kb.entities) {
    for (const a of e.affiliations ?? []) assert.ok(kb.byId.has(a.target), `${e.id} → ${a.target}`);
    for (const r of e.roles ?? []) if (r.of) assert.ok(kb.byId.has(r.of), `${e.id} role of ${r.of}`);
  }
});

test('curated facts the entity stage relies on', () => {
  const amiri = kb.byId.get('person.hadi-al-amiri');
  assert.ok(amiri?.roles?.some((r) => r.title === 'Minister of Transport' && r.from?.startsWith('2010') && r.to?.startsWith('2014')));
  assert.ok(amiri?.neverHeld?.includes('Minister of Labor'));
  assert.ok(kb.byId.get('org.irgc-quds-force')?.affiliations?.some((a) => a.type === 'PART_OF' && a.target === 'org.irgc'));
  assert.ok(kb.byId.get('media.keyhan')?.affiliations?.some((a) => a.type === 'MOUTHPIECE_OF' && a.target === 'person.ali-khamenei'));
  assert.ok(kb.byId.get('org.kataib-hezbollah')?.affiliations?.some((a) => a.type === 'PROXY_OF'));
  assert.ok(kb.byId.get('media.iran-focus')?.affiliations?.some((a) => a.target === 'org.mek'));
});

test('lookup folds case, diacritics, apostrophes, hyphens, "the" and possessives', () => {
  const ids = (s: string) => kb.lookup(s).map((c) => `${c.id}:${c.kind}`);
  assert.ok(ids('Hadi-al Ameri').includes('person.hadi-al-amiri:alias'));
  assert.ok(ids('hadi al ameri').includes('person.hadi-al-amiri:alias'));
  assert.ok(ids('Hadi Al-Amiri').includes('person.hadi-al-amiri:name'));
  assert.ok(ids('Kata’ib Hezbollah').includes('org.kataib-hezbollah:name'));
  assert.ok(ids('THE KREMLIN').includes('russia.gov:metonym'));
  assert.ok(ids('Tehran’s').includes('iran.gov:metonym'));
  assert.ok(ids('Recep Tayyip Erdogan').includes('person.recep-tayyip-erdogan:name'));
  assert.ok(ids('Recep Tayyip Erdoğan').includes('person.recep-tayyip-erdogan:name'));
  assert.deepEqual(kb.lookup('no such actor anywhere'), []);
});

test('generated Phoenix records load with date-restricted CAMEO codes', () => {
  const phoenix = kb.entities.filter((e) => e.origin === 'phoenix');
  assert.ok(phoenix.length > 4000);
  assert.ok(phoenix.some((e) => e.cameo?.some((c) => c.from !== undefined && c.to !== undefined)));
  // The curated record wins over the Phoenix duplicate and absorbs its extra names.
  assert.deepEqual(kb.lookup('Ali Hoseini Khamenei'), [{ id: 'person.ali-khamenei', kind: 'alias' }]);
});

test('matchAliases finds the seed article actors with exact offsets', () => {
  const { matches } = matchesOf(SEED);
  const found = matches.map((m) => `${m.start}-${m.end} ${SEED.slice(m.start, m.end)} ${m.candidates.map((c) => `${c.id}:${c.kind}`).join(',')}`);
  const expect = [
    '23-27 Iran iran:name',
    '46-50 Iraq iraq:name',
    '169-175 Tehran iran.gov:metonym,place.tehran:name',
    '198-205 Shi’ite group.shia:alias',
    '226-237 Middle East place.middle-east:name',
    '339-349 ayatollahs iran.gov:metonym',
    '408-420 Keyhan daily media.keyhan:alias',
    '449-463 Supreme Leader person.ali-khamenei:title',
    '465-477 Ali Khamenei person.ali-khamenei:name',
    '529-533 Iraq iraq:name',
    '602-612 ayatollahs iran.gov:metonym',
    '713-726 Hadi-al Ameri person.hadi-al-amiri:alias',
    '729-747 Iranian government iran.gov:alias',
    '753-757 Iraq iraq:name',
    '759-764 Syria syria:name',
    '770-777 Lebanon lebanon:name',
    '974-994 Revolutionary Guards org.irgc:alias',
    '996-1000 IRGC org.irgc:alias',
    '1002-1012 Quds Force org.irgc-quds-force:name',
    '1023-1039 Qassem Soleimani person.qassem-soleimani:name',
    '1119-1157 National Council of Resistance of Iran org.ncri:name',
    '1159-1163 NCRI org.ncri:alias',
  ];
  for (const line of expect) assert.ok(found.includes(line), `missing: ${line}\nfound:\n${found.join('\n')}`);
});

test('case rules: names need capitals, short words need upper case, labels match any case', () => {
  const surfaces = (text: string) => matchesOf(text).matches.map((m) => text.slice(m.start, m.end));
  assert.deepEqual(surfaces('They told us about it.'), []);
  assert.deepEqual(surfaces('Is this the end? IS claimed it.'), ['IS']);
  assert.deepEqual(surfaces('The US and the U.S. Treasury met.'), ['US', 'U.S. Treasury']);
  assert.deepEqual(surfaces('The Regime fell; the regime fell.'), ['Regime', 'regime']);
  assert.deepEqual(surfaces('hamas and Hamas'), ['Hamas']);
  assert.deepEqual(surfaces('the supreme leader spoke'), ['supreme leader']);
});

test('names may span hyphen and possessive tokens but never end on them', () => {
  const text = 'Hadi al-Ameri and Hadi Al-Amiri met Kata’ib Hezbollah’s chief and the People’s Mojahedin Organization of Iran.';
  const { matches, tokens } = matchesOf(text);
  assert.deepEqual(
    matches.map((m) => [text.slice(m.start, m.end), m.candidates[0].id]),
    [
      ['Hadi al-Ameri', 'person.hadi-al-amiri'],
      ['Hadi Al-Amiri', 'person.hadi-al-amiri'],
      ['Kata’ib Hezbollah', 'org.kataib-hezbollah'],
      ['People’s Mojahedin Organization of Iran', 'org.mek'],
    ],
  );
  for (const m of matches) {
    assert.equal(tokens[m.tokenStart].start, m.start);
    assert.equal(tokens[m.tokenEnd - 1].end, m.end);
  }
});

test('a bad record is refused with its file and id', () => {
  assert.throws(
    () => parseKbRecord({ id: 'Bad Id', name: 'x', type: 'PERSON' }, 'curated', 'f.yaml record 1'),
    /f\.yaml record 1 \(id Bad Id\): invalid KB record: id/,
  );
  assert.throws(() => parseKbRecord({ id: 'x', name: 'A_B', type: 'PERSON' }, 'curated', 'f.yaml record 2'), /bad character/);
  const rec = (id: string, target?: string) => ({
    entity: parseKbRecord({ id, name: id, type: 'ORGANIZATION', ...(target ? { affiliations: [{ type: 'PART_OF', target }] } : {}) }, 'curated', id),
    where: `w-${id}`,
  });
  assert.throws(() => buildKnowledgeBase([rec('a'), rec('a')]), /w-a: duplicate KB id "a"/);
  assert.throws(() => buildKnowledgeBase([rec('a', 'b')]), /affiliation target "b" is not a KB id/);
});

test('property: folding is idempotent', () => {
  const chars = fc.constantFrom(..."aZé’'-– .ßŞİ ths".split(''), 'the ', "'s ");
  fc.assert(
    fc.property(
      fc.array(chars, { maxLength: 20 }).map((a) => a.join('')),
      (s) => {
        assert.equal(foldName(foldName(s)), foldName(s));
        assert.deepEqual(foldWords(foldWords(s).join(' ')), foldWords(s));
      },
    ),
  );
});

test('property: match spans lie within the text, on token boundaries, in order', () => {
  const words = fc.constantFrom(
    'Iran',
    'Iran’s',
    'Tehran',
    'the',
    'regime',
    'Hadi',
    '-',
    'al',
    'Ameri',
    'IRGC',
    '(',
    ')',
    'Quds',
    'Force',
    'us',
    'US',
    '😀',
    'Supreme',
    'Leader',
    ',',
    '.',
    'Shi’ite',
    '\n\n',
  );
  fc.assert(
    fc.property(fc.array(words, { minLength: 1, maxLength: 25 }), (ws) => {
      const text = ws.join(' ');
      const { tokens, matches } = matchesOf(text);
      let last = 0;
      for (const m of matches) {
        assert.ok(m.start >= last && m.end <= text.length && m.start < m.end);
        assert.equal(tokens[m.tokenStart].start, m.start);
        assert.equal(tokens[m.tokenEnd - 1].end, m.end);
        assert.ok(m.candidates.length > 0);
        last = m.end;
      }
    }),
    { numRuns: 200 },
  );
});

test('every generated record passes the record schema (the loader trusts them at run time)', () => {
  const strict = loadKnowledgeBase(path.join(packageRoot(), 'data'), { validate: true });
  assert.equal(strict.entities.length, kb.entities.length);
  const trusted = strict.byId.get('org.irgc');
  assert.deepEqual(kb.byId.get('org.irgc')?.cameo, trusted?.cameo);
});
