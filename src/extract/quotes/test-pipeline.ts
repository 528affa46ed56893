/**
 * Test helper: run segmentation, a hand-built entity list and the quote and
 * claim stages on a text, the way the pipeline does.
 */
import { analyse, loadResources } from '../../analysis.js';
import { createDocument } from '../../document/document.js';
import type { AnalysisContext, Resources, Stage } from '../../pipeline/context.js';
import { segmentStage } from '../../pipeline/segment-stage.js';
import type { Analysis, Entity, EntityType } from '../../schema/analysis.js';
import { claimsStage } from '../claims/claims-stage.js';
import { quotesStage } from './quotes-stage.js';

/** An entity for tests: every occurrence of each alias in the text becomes a name mention. */
export interface TestEntity {
  id: string;
  type: EntityType;
  aliases: string[];
}

export function handBuiltEntities(text: string, list: readonly TestEntity[]): Entity[] {
  return list.map((e) => {
    const mentions: Entity['mentions'] = [];
    for (const alias of e.aliases) {
      for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
        mentions.push({ start: at, end: at + alias.length, text: alias, kind: 'name' });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    return { id: e.id, kbId: null, name: e.aliases[0], type: e.type, mentions };
  });
}

let resources: Promise<Resources> | null = null;

export function testResources(): Promise<Resources> {
  resources ??= loadResources({}, [segmentStage, quotesStage, claimsStage]);
  return resources;
}

export interface Run {
  out: Analysis;
  ctx: AnalysisContext;
}

/** Analyse `text` with the given entities standing in for the entity stage. */
export async function runQuotes(text: string, entities: readonly TestEntity[] = []): Promise<Run> {
  const res = await testResources();
  const doc = createDocument(text);
  let captured: AnalysisContext | null = null;
  const fakeEntities: Stage = {
    name: 'entities',
    run(ctx) {
      ctx.out.entities = handBuiltEntities(ctx.doc.text, entities);
    },
  };
  const capture: Stage = {
    name: 'capture',
    run(ctx) {
      captured = ctx;
    },
  };
  const out = analyse(doc, res, { stages: [segmentStage, fakeEntities, quotesStage, claimsStage, capture] });
  return { out, ctx: captured as unknown as AnalysisContext };
}
