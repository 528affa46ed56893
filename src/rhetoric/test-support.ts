/**
 * Shared set-up for the rhetoric tests: segment a text and run the rhetoric
 * stage on it with the shipped data, optionally with a hand-built entity list
 * (the entity stage is another issue's work).
 */
import path from 'node:path';
import { emptyAnalysis, packageRoot } from '../analysis.js';
import { createDocument } from '../document/document.js';
import { segment } from '../document/segment.js';
import type { AnalysisContext, Resources } from '../pipeline/context.js';
import { loadWink } from '../pipeline/segment-stage.js';
import type { Analysis, Entity } from '../schema/analysis.js';
import { loadRhetoric, type RhetoricResources, rhetoricStage } from './stage.js';

let cached: { nlp: ReturnType<typeof loadWink>; rhetoric: RhetoricResources } | null = null;

export function testResources() {
  cached ??= { nlp: loadWink(), rhetoric: loadRhetoric({ dataDir: path.join(packageRoot(), 'data') }) };
  return cached;
}

/** Run the rhetoric stage on `text`; `entities(text)` may build mentions from the normalised text. */
export function analyseRhetoric(text: string, entities: (text: string) => Entity[] = () => []): Analysis {
  const res = testResources();
  const doc = createDocument(text);
  const { tokens, sentences } = segment(doc.text, res.nlp);
  const out = emptyAnalysis(doc);
  out.entities = entities(doc.text);
  const ctx: AnalysisContext = { doc, res: { nlp: res.nlp, rhetoric: res.rhetoric } as Resources, tokens, sentences, out };
  rhetoricStage.run(ctx);
  return out;
}

/** An entity whose mentions are every occurrence of the given strings. */
export function entityFrom(text: string, id: string, type: Entity['type'], names: string[]): Entity {
  const mentions: Entity['mentions'] = [];
  for (const name of names) {
    let at = text.indexOf(name);
    while (at >= 0) {
      mentions.push({ start: at, end: at + name.length, text: name, kind: 'name' });
      at = text.indexOf(name, at + name.length);
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return { id, kbId: id, name: names[0], type, mentions };
}
