import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../analysis.js';
import { createDocument } from '../document/document.js';
import { loadKnowledgeBase } from '../kb/load-kb.js';
import { fixtureAnalysis } from '../store/fixture-analysis.js';
import { circularQuoteIndices, hostOf, kbFacts, recordFacts, resolveSource } from './ingest-record.js';

describe('outlets and circular sourcing', () => {
  const kb = loadKnowledgeBase(path.join(packageRoot(), 'data'));

  it('finds an outlet in the KB by name, domain or the domain’s first label', () => {
    for (const [name, url] of [
      ['iranfocus', null],
      [null, 'https://www.iranfocus.com/en/news/1234'],
      ['Some Site', 'https://iranfocus.com/x'],
    ] as const) {
      const s = resolveSource(name, url, kb);
      assert.equal(s?.id, 'media.iran-focus', `${name} ${url}`);
      assert.deepEqual(s?.affiliations.map((a) => a.target).sort(), ['org.mek', 'org.ncri']);
    }
    assert.equal(resolveSource('Reuters', null, kb)?.kbId, 'media.reuters');
    assert.deepEqual(resolveSource('Gulf Wire', 'https://gulfwire.example/a', kb), {
      id: 'domain:gulfwire.example',
      name: 'Gulf Wire',
      domain: 'gulfwire.example',
      country: null,
      kbId: null,
      affiliations: [],
    });
    assert.equal(resolveSource('Gulf Wire', null, kb)?.id, 'name:gulf wire');
    assert.equal(resolveSource(null, null, kb), null);
    assert.equal(hostOf('not a url'), null);
  });

  it('flags quotes of the outlet’s patron and of actors affiliated with it', () => {
    // Written for this test.
    const analysis = fixtureAnalysis({
      text: 'The NCRI said “the regime will fall”. Maryam Rajavi said “freedom is near”. Reuters said “talks continue”.',
      entities: [
        { id: 'org.ncri', name: 'NCRI', type: 'ORGANIZATION', surfaces: ['NCRI'] },
        { id: 'person.maryam-rajavi', name: 'Maryam Rajavi', type: 'PERSON', surfaces: ['Maryam Rajavi'] },
        { id: 'media.reuters', name: 'Reuters', type: 'MEDIA', surfaces: ['Reuters'] },
      ],
      quotes: [
        { text: 'the regime will fall', speaker: 'org.ncri', speakerText: 'NCRI' },
        { text: 'freedom is near', speaker: 'person.maryam-rajavi', speakerText: 'Maryam Rajavi' },
        { text: 'talks continue', speaker: 'media.reuters', speakerText: 'Reuters' },
      ],
    });
    const facts = kbFacts(createDocument(analysis.document.text, {}), analysis, kb).entityFacts;
    assert.deepEqual(circularQuoteIndices(analysis, resolveSource('iranfocus', null, kb), facts), [0, 1]);
    assert.deepEqual(circularQuoteIndices(analysis, resolveSource('Reuters', null, kb), facts), []);
    // Without the speakers' KB facts, Maryam Rajavi's tie to the NCRI is unknown; the NCRI itself is still the patron.
    assert.deepEqual(circularQuoteIndices(analysis, resolveSource('iranfocus', null, kb), []), [0]);
    const iranfocus = createDocument(analysis.document.text, { source: 'iranfocus' });
    assert.deepEqual(recordFacts(iranfocus, analysis, kb).circularQuotes, [0, 1]);
  });
});
