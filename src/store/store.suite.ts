import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { foldName } from '../kb/fold.js';
import { type FixtureSpec, fixtureRecord } from './fixture-analysis.js';
import { eventIds, findingIds } from './item-ids.js';
import type { Store } from './store.js';

// Three short articles written for this suite (not from any corpus). The first
// carries an emoji before its mentions, so that offsets in UTF-16 code units
// differ from code points: the store must hand them back unchanged.
const IRAN_FOCUS: FixtureSpec = {
  text: '🚀 Tehran-backed militias fired rockets at the Green Zone, the NCRI said. Maryam Rajavi said “the regime is finished”. Iran denied it.',
  title: 'Rockets hit Green Zone',
  published: '2020-10-28',
  source: 'Iran Focus',
  entities: [
    { id: 'iran', name: 'Iran', type: 'COUNTRY', surfaces: ['Iran'] },
    { id: 'local:tehran-backed-militias', name: 'Tehran-backed militias', type: 'GROUP', surfaces: ['Tehran-backed militias'] },
    { id: 'org.ncri', name: 'National Council of Resistance of Iran', type: 'ORGANIZATION', surfaces: ['NCRI'] },
    { id: 'person.maryam-rajavi', name: 'Maryam Rajavi', type: 'PERSON', surfaces: ['Maryam Rajavi'] },
    { id: 'place.green-zone', name: 'Green Zone', type: 'LOCATION', surfaces: ['Green Zone'] },
  ],
  events: [{ source: 'local:tehran-backed-militias', target: 'place.green-zone', cameo: '190', plover: 'ASSAULT', trigger: 'fired' }],
  relations: [{ type: 'PROXY_OF', source: 'local:tehran-backed-militias', target: 'iran', evidence: 'Tehran-backed militias' }],
  quotes: [{ text: 'the regime is finished', speaker: 'person.maryam-rajavi', speakerText: 'Maryam Rajavi' }],
  findings: [{ text: 'regime', technique: 'Loaded_Language', target: 'iran' }],
  tones: [{ entity: 'iran', tone: -0.5, mentions: 1 }],
};

const WIRE: FixtureSpec = {
  text: 'Militias backed by Iran attacked the Green Zone on Tuesday, officials in Baghdad said. Iran rejected the accusation.',
  title: 'Attack on Green Zone',
  published: '2020-10-27',
  source: 'Reuters',
  entities: [
    { id: 'iran', name: 'Iran', type: 'COUNTRY', surfaces: ['Iran'] },
    { id: 'local:tehran-backed-militias', name: 'Militias backed by Iran', type: 'GROUP', surfaces: ['Militias backed by Iran'] },
    { id: 'place.green-zone', name: 'Green Zone', type: 'LOCATION', surfaces: ['Green Zone'] },
    { id: 'iraq', name: 'Iraq', type: 'COUNTRY', surfaces: ['Baghdad'] },
  ],
  events: [{ source: 'local:tehran-backed-militias', target: 'place.green-zone', cameo: '190', plover: 'ASSAULT', trigger: 'attacked', date: '2020-10-27' }],
  tones: [{ entity: 'iran', tone: 0.1, mentions: 2 }],
};

const WIRE_COPY: FixtureSpec = { ...WIRE, text: `${WIRE.text} (Reporting by staff.)`, source: 'Daily Syndicate' };

/**
 * The Store contract, run against every backend: SQLite always, PostgreSQL when
 * `DOSSIER_TEST_PG` is set (see store.test.ts).
 */
export function storeSuite(name: string, open: () => Promise<Store>, cleanup: () => Promise<void> = async () => {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
      await store.migrate();
      // A second migrate is a no-op.
      await store.migrate();
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    it('stores a document once and keeps its offsets in UTF-16 code units', async () => {
      const rec = fixtureRecord(IRAN_FOCUS, {
        source: {
          id: 'media.iran-focus',
          name: 'Iran Focus',
          domain: 'iranfocus.com',
          country: null,
          kbId: 'media.iran-focus',
          affiliations: [{ type: 'AFFILIATED_WITH', target: 'org.ncri' }],
        },
        circularSourcing: true,
        circularQuotes: [0],
        signature: 'sig-a',
      });
      assert.equal(await store.putDocument(rec), 'stored');
      assert.equal(await store.putDocument(rec), 'exists');
      assert.equal(await store.countDocuments(), 1);
      const id = rec.analysis.document.id;
      const doc = await store.getDocument(id);
      assert.ok(doc);
      assert.equal(doc.text, rec.analysis.document.text);
      assert.equal(doc.sourceId, 'media.iran-focus');
      assert.equal(doc.circularSourcing, true);
      assert.equal(doc.published, '2020-10-28');
      const [stored] = await collect(store.analyses());
      assert.deepEqual(stored.analysis, rec.analysis);
      // "NCRI" sits after a surrogate pair: its UTF-16 offset is one more than its code-point offset.
      const ncri = stored.analysis.entities.find((e) => e.id === 'org.ncri');
      assert.equal(ncri?.mentions[0].start, IRAN_FOCUS.text.indexOf('NCRI'));
      assert.equal(doc.text.slice(ncri?.mentions[0].start, ncri?.mentions[0].end), 'NCRI');
      assert.deepEqual(await store.originalSignatures(), [{ id, signature: 'sig-a' }]);
      const source = await store.getSource('media.iran-focus');
      assert.deepEqual(source?.affiliations, [{ type: 'AFFILIATED_WITH', target: 'org.ncri' }]);
    });

    it('links a near-duplicate to its original and folds it into the original outlet', async () => {
      const wire = fixtureRecord(WIRE, {
        source: { id: 'media.reuters', name: 'Reuters', domain: null, country: null, kbId: 'media.reuters', affiliations: [] },
      });
      const copy = fixtureRecord(WIRE_COPY, {
        duplicateOf: wire.analysis.document.id,
        similarity: 0.93,
        source: { id: 'name:daily syndicate', name: 'Daily Syndicate', domain: null, country: null, kbId: null, affiliations: [] },
      });
      await store.putDocument(wire);
      await store.putDocument(copy);
      assert.equal((await store.getDocument(copy.analysis.document.id))?.duplicateOf, wire.analysis.document.id);
      assert.equal((await store.originalSignatures()).length, 1);
      const rows = (await store.edgeRows({ entity: 'place.green-zone' })).filter((r) => r.type === 'event:ASSAULT');
      assert.equal(rows.length, 3);
      assert.deepEqual([...new Set(rows.map((r) => r.independentKey))].sort(), ['media.iran-focus', 'media.reuters']);
      const fromWire = rows.find((r) => r.documentId === wire.analysis.document.id);
      assert.equal(fromWire?.date, '2020-10-27');
      assert.equal(fromWire?.text, 'attacked');
    });

    it('finds entities by id, name and alias, folded', async () => {
      assert.deepEqual(
        (await store.findEntities('iran')).map((e) => e.id),
        ['iran'],
      );
      assert.deepEqual(
        (await store.findEntities(foldName('militias backed by Iran'))).map((e) => e.id),
        ['local:tehran-backed-militias'],
      );
      const stats = await store.entityStats('iran');
      assert.deepEqual(stats, { mentions: 1 + 2 + 2, documents: 3 });
      assert.deepEqual(await store.surfaceForms('iraq'), [{ text: 'Baghdad', count: 2 }]);
    });

    it('answers quotes by and about an entity, with the circular-sourcing flag', async () => {
      const by = await store.quotesBy('person.maryam-rajavi');
      assert.equal(by.length, 1);
      assert.equal(by[0].text, 'the regime is finished');
      assert.equal(by[0].circularSourcing, true);
      assert.equal(by[0].start, IRAN_FOCUS.text.indexOf('the regime'));
      assert.deepEqual(await store.quotesAbout('iran'), []);
    });

    it('searches the full text, ranked, with a snippet sliced around the match', async () => {
      const hits = await store.search('accusation');
      assert.equal(hits.length, 2);
      assert.ok(hits.every((h) => h.snippet.includes('accusation')));
      assert.deepEqual(await store.search('submarine'), []);
      // Punctuation and operators in a query are words, not syntax.
      assert.ok((await store.search('Green-Zone: "rockets"')).length >= 1);
      assert.deepEqual(await store.search('   '), []);
    });

    it('builds a dated timeline', async () => {
      const t = await store.timeline('place.green-zone');
      assert.deepEqual(
        t.map((r) => [r.date, r.kind, r.text]),
        [
          ['2020-10-27', 'event', 'attacked'],
          ['2020-10-27', 'event', 'attacked'],
          ['2020-10-28', 'event', 'fired'],
        ],
      );
    });

    it('replaces a document on re-analysis without duplicating its rows', async () => {
      const rec = fixtureRecord(WIRE);
      assert.equal(await store.putDocument(rec, { replace: true }), 'replaced');
      assert.equal(await store.countDocuments(), 3);
      assert.equal((await store.edgeRows({ entity: 'place.green-zone' })).length, 3);
    });

    it('rolls a failed document back completely', async () => {
      const broken = fixtureRecord({ text: 'Iran said nothing new today.', entities: [{ id: 'iran', name: 'Iran', type: 'COUNTRY', surfaces: ['Iran'] }] });
      // A relation without evidence fails half-way through the writes.
      broken.analysis.relations.push({ type: 'SUPPORTS', source: 'iran', target: 'iraq', evidence: [], assertedBy: 'author' });
      await assert.rejects(store.putDocument(broken));
      assert.equal(await store.hasDocument(broken.analysis.document.id), false);
      assert.equal((await store.entityStats('iran')).mentions, 5);
    });

    it('keeps an audit log of corrections and applies them to stored rows', async () => {
      const merge = await store.addCorrection({
        kind: 'merge',
        args: ['iran', 'local:tehran-backed-militias'],
        why: 'test merge',
        who: 'tester',
        at: '2025-01-02T00:00:00Z',
      });
      assert.equal(typeof merge.id, 'number');
      await store.applyCorrection(merge);
      assert.equal(await store.getEntity('local:tehran-backed-militias'), null);
      assert.deepEqual(
        (await store.findEntities(foldName('Militias backed by Iran'))).map((e) => e.id),
        ['iran'],
      );
      // The PROXY_OF self-loop disappears; the ASSAULT edges now start at Iran.
      const rows = await store.edgeRows({ entity: 'iran' });
      assert.ok(rows.every((r) => r.source !== r.target));
      assert.equal(rows.filter((r) => r.type === 'event:ASSAULT' && r.source === 'iran').length, 3);

      const [iranFocus] = await collect(store.analyses());
      const evId = eventIds(iranFocus.analysis.document.id, iranFocus.analysis.events)[0];
      const reject = await store.addCorrection({ kind: 'reject-event', args: [evId], why: 'not an attack', who: 'tester', at: '2025-01-02T00:00:01Z' });
      await store.applyCorrection(reject);
      assert.equal((await store.edgeRows({ entity: 'iran' })).filter((r) => r.id === evId).length, 0);

      const fId = findingIds(iranFocus.analysis.document.id, iranFocus.analysis.rhetoric.findings)[0];
      const rejectF = await store.addCorrection({ kind: 'reject-finding', args: [fId], why: 'quoted speech', who: 'tester', at: '2025-01-02T00:00:02Z' });
      await store.applyCorrection(rejectF);
      const [after] = await collect(store.analyses());
      assert.equal(after.analysis.rhetoric.findings.length, 0);

      const split = await store.addCorrection({ kind: 'split-alias', args: ['iraq', 'Baghdad'], why: 'the city', who: 'tester', at: '2025-01-02T00:00:03Z' });
      await store.applyCorrection(split);
      assert.equal((await store.entityStats('iraq')).mentions, 0);
      assert.equal((await store.entityStats('local:baghdad')).mentions, 2);

      assert.deepEqual(
        (await store.corrections()).map((c) => [c.kind, c.args, c.who, c.why]),
        [
          ['merge', ['iran', 'local:tehran-backed-militias'], 'tester', 'test merge'],
          ['reject-event', [evId], 'tester', 'not an attack'],
          ['reject-finding', [fId], 'tester', 'quoted speech'],
          ['split-alias', ['iraq', 'Baghdad'], 'tester', 'the city'],
        ],
      );
    });

    it('keeps API token hashes, pages documents without their text, and versions its data', async () => {
      const hash = 'a'.repeat(64);
      assert.equal(await store.findApiToken(hash), null);
      await store.addApiToken({ hash, name: 'ci', createdAt: '2026-11-28T00:00:00Z' });
      assert.deepEqual(await store.findApiToken(hash), { hash, name: 'ci', createdAt: '2026-11-28T00:00:00Z' });
      assert.equal(await store.findApiToken('b'.repeat(64)), null);
      await assert.rejects(store.addApiToken({ hash, name: 'again', createdAt: '2026-11-28T00:00:01Z' }));

      const page = await store.listDocuments(2, 1);
      assert.deepEqual(
        page.map((d) => d.title),
        ['Attack on Green Zone', 'Attack on Green Zone'],
      );
      assert.equal('text' in page[0], false);
      assert.equal(page[1].duplicateOf, page[0].id);
      assert.deepEqual(await store.listDocuments(5, 3), []);
      const [first] = await collect(store.analyses());
      assert.deepEqual(await store.getAnalysis(first.document.id), first.analysis);
      assert.equal(await store.getAnalysis('no-such-document'), null);

      const before = await store.dataVersion();
      assert.equal(await store.dataVersion(), before);
      await store.addCorrection({ kind: 'reject-event', args: ['nothing'], why: 'version test', who: 'tester', at: '2026-11-28T00:00:02Z' });
      const afterFix = await store.dataVersion();
      assert.notEqual(afterFix, before);
      await store.putDocument(fixtureRecord({ text: 'Iraq said little on Sunday.', title: 'Quiet' }));
      assert.notEqual(await store.dataVersion(), afterFix);
    });

    // Last: it adds documents, which would change the counts the tests above assert.
    it('lets KB facts and a learnt domain fill in rows a first sighting created, and leaves them alone after', async () => {
      const spec = {
        text: 'Tehran denied it. Officials in Tehran met the envoy of Oman.',
        entities: [{ id: 'country.oman', name: 'Oman', type: 'COUNTRY' as const, surfaces: ['Oman'] }],
      };
      const bare = { id: 'name:oman-daily', name: 'Oman Daily', domain: null, country: null, kbId: null, affiliations: [] };
      await store.putDocument(fixtureRecord(spec, { source: bare }));
      assert.equal((await store.getEntity('country.oman'))?.kb, null);
      const kb = { country: 'OMN', description: 'Sultanate of Oman' };
      const facts = [{ id: 'country.oman', kbId: 'country.oman', name: 'Oman', type: 'COUNTRY' as const, cameo: 'OMN', aliases: ['Sultanate of Oman'], kb }];
      const second = { ...spec, text: `${spec.text} Again.` };
      await store.putDocument(fixtureRecord(second, { source: { ...bare, domain: 'omandaily.om' }, entityFacts: facts }));
      const oman = await store.getEntity('country.oman');
      assert.deepEqual(oman?.kb, kb);
      assert.equal(oman?.cameo, 'OMN');
      assert.equal((await store.getSource('name:oman-daily'))?.domain, 'omandaily.om');
      // A later sighting without facts or domain takes nothing away.
      await store.putDocument(fixtureRecord({ ...spec, text: `${spec.text} Once more.` }, { source: bare }));
      assert.deepEqual((await store.getEntity('country.oman'))?.kb, kb);
      assert.equal((await store.getEntity('country.oman'))?.cameo, 'OMN');
      assert.equal((await store.getSource('name:oman-daily'))?.domain, 'omandaily.om');
    });

    it('stores a group in one transaction, and a bad record in it fails alone', async () => {
      const before = await store.countDocuments();
      const good = [
        fixtureRecord({ text: 'Iraq said the talks went well on Monday.', entities: [{ id: 'iraq', name: 'Iraq', type: 'COUNTRY', surfaces: ['Iraq'] }] }),
        fixtureRecord({ text: 'Iraq said the talks failed on Tuesday.', entities: [{ id: 'iraq', name: 'Iraq', type: 'COUNTRY', surfaces: ['Iraq'] }] }),
      ];
      const broken = fixtureRecord({ text: 'Iraq said nothing on Wednesday.', entities: [{ id: 'iraq', name: 'Iraq', type: 'COUNTRY', surfaces: ['Iraq'] }] });
      broken.analysis.relations.push({ type: 'SUPPORTS', source: 'iraq', target: 'iran', evidence: [], assertedBy: 'author' });
      const outcomes = await store.putDocuments([good[0], broken, good[1], good[0]]);
      assert.equal(outcomes[0], 'stored');
      assert.ok(outcomes[1] instanceof Error);
      assert.equal(outcomes[2], 'stored');
      assert.equal(outcomes[3], 'exists');
      assert.equal(await store.countDocuments(), before + 2);
      assert.equal(await store.hasDocument(broken.analysis.document.id), false);
      // Iraq's entity row was written once for the group; both documents' mentions count.
      const iraq = await store.entityStats('iraq');
      assert.equal(iraq.documents >= 2, true);
      const fine = await store.putDocuments([
        fixtureRecord({ text: 'Iraq said the talks resume on Friday.', entities: [{ id: 'iraq', name: 'Iraq', type: 'COUNTRY', surfaces: ['Iraq'] }] }),
      ]);
      assert.deepEqual(fine, ['stored']);
      assert.deepEqual(await store.putDocuments([]), []);
    });

    // The store remembers the entity and alias rows it committed, to skip sending them again.
    it('writes the names of a group that rolled back, and an alias a correction removed, again', async () => {
      const mosul = (text: string) => fixtureRecord({ text, entities: [{ id: 'place.mosul', name: 'Mosul', type: 'LOCATION', surfaces: ['Nineveh'] }] });
      const broken = mosul('Nineveh was quiet on Thursday.');
      broken.analysis.relations.push({ type: 'SUPPORTS', source: 'place.mosul', target: 'iran', evidence: [], assertedBy: 'author' });
      const outcomes = await store.putDocuments([mosul('Nineveh voted on Monday.'), broken]);
      assert.equal(outcomes[0], 'stored');
      const namedNineveh = async () => (await store.findEntities(foldName('Nineveh'))).map((e) => e.id);
      assert.deepEqual(await namedNineveh(), ['place.mosul']);

      const split = await store.addCorrection({
        kind: 'split-alias',
        args: ['place.mosul', 'Nineveh'],
        why: 'the province',
        who: 'tester',
        at: '2026-11-29T00:00:00Z',
      });
      await store.applyCorrection(split);
      assert.equal((await namedNineveh()).includes('place.mosul'), false);
      // A record analysed without the correction names Mosul "Nineveh" again: its alias is written.
      await store.putDocument(mosul('Nineveh voted again on Tuesday.'));
      assert.equal((await namedNineveh()).includes('place.mosul'), true);
    });
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
