import path from 'node:path';
import { emptyAnalysis, packageRoot } from '../../../analysis.js';
import { createDocument } from '../../../document/document.js';
import { buildAliasIndex, matchAliases } from '../../../kb/index.js';
import type { KbEntity } from '../../../kb/types.js';
import type { AnalysisContext, Resources } from '../../../pipeline/context.js';
import { loadWink, segmentStage } from '../../../pipeline/segment-stage.js';
import { runEntities } from '../entities-stage.js';
import { buildEntityResources } from '../entity-resources.js';
import { loadEntityLexicons } from '../lexicons.js';
import type { EntityResources } from '../types.js';
import { FIXTURE_ENTITIES, fixtureKb } from './fixture-kb.js';

let nlp: Resources['nlp'] | null = null;
const lex = loadEntityLexicons(path.join(packageRoot(), 'data'));

/** Entity resources over the fixture KB (or `entities`), matched by the KB module's own matcher, without NER. */
export function fixtureResources(entities: KbEntity[] = FIXTURE_ENTITIES): EntityResources {
  const kb = fixtureKb(entities);
  const index = buildAliasIndex(kb);
  return buildEntityResources(kb, (tokens, text) => matchAliases(index, tokens, text), null, lex);
}

const DEFAULT = fixtureResources();

/** Segment `text` and run the entity stage on it; returns the context. */
export function runOn(text: string, published: string | null = '2020-10-28', res: EntityResources = DEFAULT): AnalysisContext {
  nlp ??= loadWink();
  const doc = createDocument(text, { published });
  const ctx: AnalysisContext = { doc, res: { nlp } as Resources, out: emptyAnalysis(doc), tokens: [], sentences: [] };
  segmentStage.run(ctx);
  runEntities(ctx, res);
  return ctx;
}

/** "text@start/kind" for each mention of entity `id` (compact, for exact assertions). */
export function mentionsOf(ctx: AnalysisContext, id: string): string[] {
  const e = ctx.out.entities.find((x) => x.id === id);
  return e ? e.mentions.map((m) => `${m.text}@${m.start}/${m.kind}`) : [];
}
