import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../../src/analysis.js';
import { createDocument } from '../../src/document/document.js';
import { entitiesStage } from '../../src/extract/entities/entities-stage.js';
import type { Resources } from '../../src/pipeline/context.js';
import { loadWink, segmentStage } from '../../src/pipeline/segment-stage.js';
import type { EvalRow } from '../types.js';

const SEED = 'corpus/seed/iran-iraq-proxies.txt';

/**
 * The acceptance lines on the reference article, as a score: the share
 * of checks met (target 1). Not a corpus metric — a guard that the actors of
 * the reference article stay linked as the KB and the model change.
 */
const row: EvalRow = {
  id: 'entities-seed',
  extractor: 'entities',
  order: 11,
  title: 'seed article acceptance checks (issue 3)',
  needs: [SEED],
  async run(ctx) {
    const res = { nlp: loadWink(), ...(await entitiesStage.load?.({ dataDir: path.join(ctx.root, 'data') })) } as Resources;
    const doc = createDocument(readFileSync(path.join(ctx.sharedDir, SEED), 'utf8'), { published: '2020-10-28', source: 'iranfocus' });
    const out = analyse(doc, res, { stages: [segmentStage, entitiesStage] });
    const entityOf = (text: string, from = 0) => {
      const at = out.document.text.indexOf(text, from);
      const e = out.entities.find((x) => x.mentions.some((m) => m.start === at && m.end === at + text.length));
      return { id: e?.id ?? null, kind: e?.mentions.find((m) => m.start === at)?.kind ?? null };
    };
    const hadi = entityOf('Hadi-al Ameri');
    const role = out.relations.find((r) => r.type === 'ROLE' && r.source === hadi.id);
    const checks: Array<[string, boolean]> = [
      ['IRGC = Revolutionary Guards', entityOf('IRGC').id !== null && entityOf('IRGC').id === entityOf('Revolutionary Guards').id],
      [
        'NCRI = National Council of Resistance of Iran',
        entityOf('NCRI').id !== null && entityOf('NCRI').id === entityOf('National Council of Resistance of Iran').id,
      ],
      ['Tehran’s → iran.gov (metonym)', entityOf('Tehran').id === 'iran.gov' && entityOf('Tehran').kind === 'metonym'],
      ['the ayatollahs → iran.gov (metonym)', entityOf('the ayatollahs').id === 'iran.gov' && entityOf('the ayatollahs').kind === 'metonym'],
      ['Supreme Leader → Ali Khamenei', entityOf('Supreme Leader').id === 'person.ali-khamenei'],
      ['Hadi-al Ameri → KB record, role conflict noted', hadi.id === 'person.hadi-al-amiri' && /no record of Minister of Labor/.test(role?.kbConflict ?? '')],
    ];
    const met = checks.filter(([, ok]) => ok).length;
    return [
      {
        metric: 'checks met',
        score: met / checks.length,
        target: 1,
        details: checks.map(([name, ok]) => `${ok ? 'ok ' : 'NO '} ${name}`),
      },
    ];
  },
};

export default row;
