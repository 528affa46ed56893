import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyse, packageRoot } from '../../analysis.js';
import { createDocument } from '../../document/document.js';
import { findSpanProblems } from '../../document/span.js';
import type { Resources } from '../../pipeline/context.js';
import { loadWink, segmentStage } from '../../pipeline/segment-stage.js';
import { type Analysis, AnalysisSchema } from '../../schema/analysis.js';
import { seedPath } from '../../test-support/fixtures.js';
import { entitiesStage } from './entities-stage.js';

// The reference article lives beside the checkout (../shared); CI has it, a bare clone does not.
const SEED = seedPath;
const skip = existsSync(SEED) ? false : 'seed article not present';

describe('entities stage on the seed article, with the shipped KB and NER model', { skip }, () => {
  let out: Analysis;
  before(async () => {
    const res = { nlp: loadWink(), ...(await entitiesStage.load?.({ dataDir: path.join(packageRoot(), 'data') })) } as Resources;
    const doc = createDocument(readFileSync(SEED, 'utf8'), { published: '2020-10-28', source: 'iranfocus' });
    out = analyse(doc, res, { stages: [segmentStage, entitiesStage] });
  });
  const mentionsOf = (id: string) => out.entities.find((e) => e.id === id)?.mentions.map((m) => `${m.text}@${m.start}/${m.kind}`) ?? [];

  it('fits the schema and keeps every span valid', () => {
    assert.ok(AnalysisSchema.safeParse(out).success);
    assert.deepEqual(findSpanProblems(out, out.document.text), []);
  });

  it('reads IRGC and "Revolutionary Guards" as one entity', () => {
    assert.deepEqual(mentionsOf('org.irgc'), ['Revolutionary Guards@2185/alias', 'IRGC@2207/alias']);
  });

  it('reads NCRI and its full name as one entity', () => {
    assert.deepEqual(mentionsOf('org.ncri'), ['National Council of Resistance of Iran@2756/name', 'NCRI@2796/alias']);
  });

  it('links "Tehran’s" and "the ayatollahs" to the Iranian state as metonyms', () => {
    const gov = mentionsOf('iran.gov');
    for (const m of ['Tehran@169/metonym', 'the ayatollahs@464/metonym', 'the ayatollahs@921/metonym', 'Tehran@2015/metonym']) assert.ok(gov.includes(m), m);
  });

  it('links "Supreme Leader" to Ali Khamenei', () => {
    assert.deepEqual(mentionsOf('person.ali-khamenei'), ['Supreme Leader@983/title', 'Ali Khamenei@999/name']);
  });

  it('links "Hadi-al Ameri" to the KB record and notes the KB’s disagreement with "Minister of Labor"', () => {
    assert.deepEqual(mentionsOf('person.hadi-al-amiri'), ['Minister of Labor@1535/title', 'Hadi-al Ameri@1553/alias']);
    const role = out.relations.find((r) => r.type === 'ROLE' && r.source === 'person.hadi-al-amiri');
    assert.equal(role?.role, 'Minister of Labor');
    assert.match(role?.kbConflict ?? '', /^KB: .*Minister of Transport 2010–2014.*; no record of Minister of Labor$/);
  });

  it('reads the Quds Force commander, the mouthpiece and the proxies', () => {
    const summary = out.relations.map((r) => `${r.type} ${r.source} -> ${r.target}`);
    assert.ok(
      summary.some((s) => /^LEADER_OF person\.qassem-soleimani -> org\..*quds-force$/.test(s)),
      summary.join('\n'),
    );
    assert.ok(summary.includes('MOUTHPIECE_OF media.keyhan -> person.ali-khamenei'), summary.join('\n'));
    assert.ok(summary.filter((s) => s.startsWith('PROXY_OF') && s.endsWith('-> iran.gov')).length >= 2, summary.join('\n'));
  });
});
