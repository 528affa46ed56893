import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSpanProblems } from '../../document/span.js';
import { entityAtSpan } from './mention-index.js';
import { FIXTURE_ENTITIES } from './test-helpers/fixture-kb.js';
import { fixtureResources, mentionsOf, runOn } from './test-helpers/run-fixture.js';

describe('entities stage: metonymy', () => {
  it('reads a capital as its government when it owns or acts, as the city after "in"', () => {
    const ctx = runOn('Tehran’s ability to act has grown, but protests in Tehran continued. Later Tehran increased its pressure.');
    assert.deepEqual(mentionsOf(ctx, 'iran.gov'), ['Tehran@0/metonym', 'Tehran@75/metonym']);
    assert.deepEqual(mentionsOf(ctx, 'city.tehran'), ['Tehran@51/name']);
  });

  it('links seats and labels to governments, with the label’s article', () => {
    const ctx = runOn('Washington’s sanctions hurt. The Kremlin said nothing. Crowds shouted against the ayatollahs.');
    assert.deepEqual(mentionsOf(ctx, 'usa.gov'), ['Washington@0/metonym']);
    assert.deepEqual(mentionsOf(ctx, 'russia.gov'), ['The Kremlin@29/metonym']);
    assert.deepEqual(mentionsOf(ctx, 'iran.gov'), ['the ayatollahs@78/metonym']);
  });

  it('reads "Iran’s government", "Iraqi authorities" and "the regime" as governments; "the regime" goes to the salient state', () => {
    const ctx = runOn('Iran’s government denied it. Iraqi authorities agreed. Critics say the regime lies about Iran.');
    assert.deepEqual(mentionsOf(ctx, 'iran.gov'), ['Iran’s government@0/metonym', 'the regime@67/metonym']);
    assert.deepEqual(mentionsOf(ctx, 'iraq.gov'), ['Iraqi authorities@29/metonym']);
  });

  it('reads "regime of <country>" as that country’s government', () => {
    const ctx = runOn('Iran said so. The regime of Iraq denied it.');
    assert.deepEqual(mentionsOf(ctx, 'iraq.gov'), ['regime@18/metonym']);
    assert.deepEqual(mentionsOf(ctx, 'iraq'), ['Iraq@28/name']);
  });
});

describe('entities stage: linking and local entities', () => {
  it('links alias and acronym of one organisation to one entity', () => {
    const ctx = runOn('A drone hit the Revolutionary Guards (IRGC) base. The IRGC vowed revenge.');
    assert.deepEqual(mentionsOf(ctx, 'org.irgc'), ['Revolutionary Guards@16/alias', 'IRGC@38/alias', 'IRGC@54/alias']);
  });

  it('makes an acronym introduced in parentheses an alias of an unknown organisation', () => {
    const withoutNcri = FIXTURE_ENTITIES.filter((e) => e.id !== 'org.ncri');
    const ctx = runOn('The National Council of Resistance of Iran (NCRI) met in Paris. Later the NCRI said more.', '2020-10-28', fixtureResources(withoutNcri));
    const ncri = ctx.out.entities.find((e) => e.mentions.some((m) => m.text === 'NCRI'));
    assert.ok(ncri);
    assert.equal(ncri.kbId, null);
    assert.equal(ncri.id, 'local:national-council-of-resistance-of-iran');
    assert.deepEqual(
      ncri.mentions.map((m) => `${m.text}@${m.start}`),
      ['National Council of Resistance of Iran@4', 'NCRI@44', 'NCRI@74'],
    );
    assert.equal(ncri.type, 'ORGANIZATION');
  });

  it('joins a name split by an Arabic particle and links it through its loose key', () => {
    const ctx = runOn('Politicians like Hadi-al Ameri took money.');
    assert.deepEqual(mentionsOf(ctx, 'person.hadi-al-amiri'), ['Hadi-al Ameri@17/alias']);
  });

  it('makes unknown names document-local, typed by their head word', () => {
    const ctx = runOn('Members of the Tishreen Movement met Abu Fadak Mohammadawi in Basra Province.');
    const byId = new Map(ctx.out.entities.map((e) => [e.id, e]));
    assert.equal(byId.get('local:tishreen-movement')?.type, 'ORGANIZATION');
    assert.equal(byId.get('local:abu-fadak-mohammadawi')?.type, 'PERSON');
    assert.equal(byId.get('local:basra-province')?.type, 'LOCATION');
    assert.equal(byId.get('local:abu-fadak-mohammadawi')?.kbId, null);
  });

  it('finds groups: demonym + collective, bare protesters, religious groups', () => {
    const ctx = runOn('Iraqi activists and protesters marched while Shiite clerics watched.');
    const groups = ctx.out.entities.filter((e) => e.type === 'GROUP').map((e) => `${e.id}:${e.mentions.map((m) => `${m.text}@${m.start}`).join(',')}`);
    assert.deepEqual(groups, ['local:iraqi-activists:Iraqi activists@0', 'local:protesters:protesters@20', 'local:shiite-clerics:Shiite clerics@45']);
  });

  it('picks the CAMEO code valid at the publication date', () => {
    const at2012 = runOn('Hadi al-Amiri spoke.', '2012-05-01').out.entities.find((e) => e.id === 'person.hadi-al-amiri');
    const at2020 = runOn('Hadi al-Amiri spoke.', '2020-10-28').out.entities.find((e) => e.id === 'person.hadi-al-amiri');
    assert.equal(at2012?.cameo, 'IRQGOV');
    assert.equal(at2020?.cameo, 'IRQREB');
  });
});

describe('entities stage: coreference', () => {
  it('links a surname to the person named in full before it, not to the other KB Soleimani', () => {
    const ctx = runOn('Gholamreza Soleimani spoke on Monday. Soleimani said the Basij was ready.');
    assert.deepEqual(mentionsOf(ctx, 'person.gholamreza-soleimani'), ['Gholamreza Soleimani@0/name', 'Soleimani@38/alias']);
    assert.deepEqual(mentionsOf(ctx, 'person.qassem-soleimani'), []);
  });

  it('links a title alone to the KB holder at the publication date', () => {
    assert.deepEqual(mentionsOf(runOn('The President met envoys.', '2020-10-28'), 'person.hassan-rouhani'), ['President@4/title']);
    assert.deepEqual(mentionsOf(runOn('The President met envoys.', '2022-01-01'), 'person.ebrahim-raisi'), ['President@4/title']);
    assert.deepEqual(mentionsOf(runOn('The Supreme Leader spoke.'), 'person.ali-khamenei'), ['Supreme Leader@4/title']);
  });

  it('links "the minister" to the minister named earlier in the document', () => {
    const ctx = runOn('Minister of Labor Hadi al-Amiri resigned. Later the minister denied it.');
    assert.deepEqual(mentionsOf(ctx, 'person.hadi-al-amiri'), ['Minister of Labor@0/title', 'Hadi al-Amiri@18/name', 'minister@52/title']);
  });

  it('resolves a subject pronoun only when one compatible entity is in reach', () => {
    const one = runOn('Qassem Soleimani landed in Baghdad. He was killed by a drone.');
    assert.deepEqual(mentionsOf(one, 'person.qassem-soleimani'), ['Qassem Soleimani@0/name', 'He@36/pronoun']);
    const two = runOn('Qassem Soleimani met Hassan Rouhani. He left.');
    assert.equal(two.out.entities.flatMap((e) => e.mentions).filter((m) => m.kind === 'pronoun').length, 0);
    const they = runOn('The ayatollahs paid Hadi al-Amiri. They spent years in Iraq.');
    assert.deepEqual(mentionsOf(they, 'iran.gov'), ['The ayatollahs@0/metonym', 'They@35/pronoun']);
  });
});

describe('entities stage: relations', () => {
  it('reads LEADER_OF from "<org> commander <person>"', () => {
    const ctx = runOn('A drone killed Quds Force commander Qassem Soleimani in Iraq.');
    assert.deepEqual(ctx.out.relations, [
      {
        type: 'LEADER_OF',
        source: 'person.qassem-soleimani',
        target: 'org.quds-force',
        role: 'commander',
        evidence: [{ start: 15, end: 52, text: 'Quds Force commander Qassem Soleimani' }],
        assertedBy: 'author',
        reasons: ['org-role-person'],
      },
    ]);
  });

  it('reads a ROLE from a title before a name and notes what the KB says instead', () => {
    const ctx = runOn('He paid politicians like Minister of Labor Hadi al-Ameri.');
    const role = ctx.out.relations.find((r) => r.type === 'ROLE');
    assert.deepEqual(role, {
      type: 'ROLE',
      source: 'person.hadi-al-amiri',
      target: null,
      role: 'Minister of Labor',
      evidence: [{ start: 25, end: 56, text: 'Minister of Labor Hadi al-Ameri' }],
      assertedBy: 'author',
      reasons: ['title-person'],
      kbConflict: 'KB: Minister of Transport 2010–2014; Secretary-General of the Badr Organization since 2003; no record of Minister of Labor',
    });
  });

  it('reads MOUTHPIECE_OF and a confirmed ROLE from "the mouthpiece of Supreme Leader, Ali Khamenei"', () => {
    const ctx = runOn('The Keyhan daily, known as the mouthpiece of Supreme Leader, Ali Khamenei, wrote it.');
    const summary = ctx.out.relations.map((r) => `${r.type} ${r.source} -> ${r.target} [${r.evidence[0].text}]${r.kbConflict ? ' conflict' : ''}`);
    assert.deepEqual(summary, [
      'ROLE person.ali-khamenei -> iran.gov [Supreme Leader, Ali Khamenei]',
      'MOUTHPIECE_OF media.keyhan -> person.ali-khamenei [Keyhan daily, known as the mouthpiece of Supreme Leader, Ali Khamenei]',
    ]);
    assert.deepEqual(mentionsOf(ctx, 'person.ali-khamenei'), ['Supreme Leader@45/title', 'Ali Khamenei@61/name']);
  });

  it('reads PROXY_OF from "their proxy groups" with the possessor resolved', () => {
    const ctx = runOn('Iranian government reacted by sending their proxy terrorist groups to Iraq.');
    const proxy = ctx.out.relations.find((r) => r.type === 'PROXY_OF');
    assert.equal(proxy?.target, 'iran.gov');
    assert.equal(proxy?.source, 'local:proxy-groups-of-government-of-iran');
    assert.deepEqual(proxy?.evidence, [{ start: 38, end: 66, text: 'their proxy terrorist groups' }]);
  });

  it('reads "X, the leader of Y"', () => {
    const ctx = runOn('Hadi al-Amiri, the leader of the Badr Organization, spoke.');
    const summary = ctx.out.relations.map((r) => `${r.type} ${r.source} -> ${r.target} ${r.kbConflict ?? ''}`.trim());
    assert.deepEqual(summary, ['LEADER_OF person.hadi-al-amiri -> org.badr']);
  });
});

describe('entities stage: mention index', () => {
  it('finds the entity at an offset and at a span', () => {
    const ctx = runOn('Tehran’s ability grew. Ali Khamenei spoke.');
    assert.equal(ctx.mentionIndex?.entityAt(2), 'iran.gov');
    assert.equal(ctx.mentionIndex?.entityAt(8), null);
    assert.equal(entityAtSpan(ctx, { start: 23, end: 35 }), 'person.ali-khamenei');
    assert.equal(entityAtSpan(ctx, { start: 20, end: 42 }), 'person.ali-khamenei');
    assert.deepEqual(findSpanProblems(ctx.out, ctx.doc.text), []);
  });
});
