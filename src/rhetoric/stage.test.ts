import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findSpanProblems } from '../document/span.js';
import { FindingSchema } from '../schema/analysis.js';
import { seedPath } from '../test-support/fixtures.js';
import { analyseRhetoric, entityFrom } from './test-support.js';

const SEED = seedPath;

// Written for this test in the style of the seed article (not copied from it).
const OWN = `Tehran’s so-called “axis of resistance” is crumbling. The ayatollahs have spent years propping up puppet governments and arming proxy terrorist groups across the region. Why does the West still tolerate the regime’s malign activities? We must stop rewarding them.`;

const iranianState = (t: string) => [
  entityFrom(t, 'Q794', 'COUNTRY', ['Tehran', 'ayatollahs', 'Iranian government', 'Iranian authorities', 'regime']),
  entityFrom(t, 'Q30', 'COUNTRY', ['the West']),
];

function checkAcceptance(text: string) {
  const a = analyseRhetoric(text, iranianState);
  const f = a.rhetoric.findings;
  const normalised = a.document.text;
  it('has valid spans and findings', () => {
    assert.deepEqual(findSpanProblems(a.rhetoric, normalised), []);
    for (const x of f) FindingSchema.parse(x);
  });
  it('labels "puppet governments" or "proxy terrorist groups" as Name_Calling,Labeling', () => {
    const names = f.filter((x) => x.technique === 'Name_Calling,Labeling').map((x) => x.text);
    assert.ok(
      names.some((n) => /puppet governments|proxy terrorist groups/.test(n)),
      names.join(' | '),
    );
  });
  it('finds Loaded_Language', () => {
    assert.ok(f.some((x) => x.technique === 'Loaded_Language'));
  });
  it('finds Doubt on "so-called"', () => {
    const at = normalised.indexOf('so-called');
    assert.ok(f.some((x) => x.technique === 'Doubt' && x.start <= at && x.end >= at + 'so-called'.length));
  });
  it('is an opinion piece', () => {
    assert.equal(a.document.genre?.label, 'opinion');
  });
  it('is negative towards the Iranian state', () => {
    const iran = a.rhetoric.toneByEntity.find((e) => e.entity === 'Q794');
    assert.ok(iran && iran.tone < -0.2, JSON.stringify(iran));
    assert.ok((a.rhetoric.tone ?? 0) < 0);
  });
  it('aims findings at the Iranian state', () => {
    assert.ok(f.some((x) => x.technique === 'Name_Calling,Labeling' && x.target === 'Q794'));
  });
}

describe('rhetoric stage on self-written text', () => {
  checkAcceptance(OWN);
  it('reports the exact Doubt span and a Name_Calling span starting at "puppet governments"', () => {
    const f = analyseRhetoric(OWN).rhetoric.findings;
    const doubt = f.filter((x) => x.technique === 'Doubt').map((x) => [x.start, x.end, x.text, x.source]);
    assert.deepEqual(doubt[0], [9, 39, 'so-called “axis of resistance”', 'rule']);
    const names = f.filter((x) => x.technique === 'Name_Calling,Labeling');
    assert.ok(
      names.some((x) => x.start === 98 && x.text.startsWith('puppet governments')),
      JSON.stringify(names),
    );
  });
  it('works with no entities: targets are null', () => {
    const a = analyseRhetoric(OWN);
    assert.ok(a.rhetoric.findings.length > 0);
    assert.ok(a.rhetoric.findings.every((x) => x.target === null));
    assert.deepEqual(a.rhetoric.toneByEntity, []);
  });
});

describe('rhetoric stage on the seed article', { skip: existsSync(SEED) ? false : 'seed article not present' }, () => {
  if (existsSync(SEED)) checkAcceptance(readFileSync(SEED, 'utf8'));
});

describe('rhetoric stage on any text', () => {
  it('never throws and keeps every span valid (emoji included)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom('', ' so-called “x” 😀 regime! ', ' puppet governments. Why? '),
        (s, cue) => {
          const a = analyseRhetoric(s + cue + s);
          assert.deepEqual(findSpanProblems(a.rhetoric, a.document.text), []);
        },
      ),
      { numRuns: 60 },
    );
  });
});
