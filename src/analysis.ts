import path from 'node:path';
import type { Document } from './document/document.js';
import { packageRoot } from './package-root.js';
import type { AnalysisContext, ResourceOptions, Resources, Stage } from './pipeline/context.js';
import { STAGES } from './pipeline/stages.js';
import type { Analysis } from './schema/analysis.js';
import { SCHEMA_ID } from './schema/vocabulary.js';

export interface AnalyseOptions {
  /** Run only these stages (default: all, in pipeline order). */
  stages?: readonly Stage[];
  /** Milliseconds clock for timings (the benchmark passes CPU time, which other load on the machine does not inflate). */
  clock?: () => number;
}

/** Milliseconds spent in each stage, for `npm run bench`. */
export type StageTimings = Record<string, number>;

/** An Analysis with nothing found yet: the shape every stage fills in. */
export function emptyAnalysis(doc: Document): Analysis {
  return {
    schema: SCHEMA_ID,
    document: {
      id: doc.id,
      title: doc.title,
      source: { name: doc.source.name, url: doc.source.url },
      published: doc.published,
      author: doc.author,
      language: doc.language,
      text: doc.text,
      genre: null,
    },
    sentences: [],
    entities: [],
    times: [],
    quotes: [],
    claims: [],
    events: [],
    relations: [],
    rhetoric: { findings: [], tone: null, toneByEntity: [] },
  };
}

/**
 * Analyse one document: run every registered stage in order. Pure and
 * deterministic — no I/O, no clock, no randomness — so the CLI, the server and
 * the queue workers get the same answer for the same text and resources.
 *
 * @example
 * const res = await loadResources();
 * const analysis = analyse(createDocument(text, { published: '2020-10-28' }), res);
 */
export function analyse(doc: Document, res: Resources, options: AnalyseOptions = {}): Analysis {
  return analyseTimed(doc, res, options).analysis;
}

/** `analyse`, plus the time each stage took (the only non-deterministic output, kept apart). */
export function analyseTimed(doc: Document, res: Resources, options: AnalyseOptions = {}): { analysis: Analysis; timings: StageTimings } {
  const out = emptyAnalysis(doc);
  const ctx: AnalysisContext = { doc, res, out, tokens: [], sentences: [] };
  const timings: StageTimings = {};
  const clock = options.clock ?? (() => performance.now());
  for (const stage of options.stages ?? STAGES) {
    const t0 = clock();
    stage.run(ctx);
    timings[stage.name] = (timings[stage.name] ?? 0) + (clock() - t0);
  }
  return { analysis: out, timings };
}

export { packageRoot } from './package-root.js';

/** Load what every stage needs, once per process (or worker thread). */
export async function loadResources(options: Partial<ResourceOptions> = {}, stages: readonly Stage[] = STAGES): Promise<Resources> {
  const full: ResourceOptions = { dataDir: options.dataDir ?? path.join(packageRoot(), 'data'), ...options } as ResourceOptions;
  const res: Partial<Resources> = {};
  for (const stage of stages) {
    if (stage.load) Object.assign(res, await stage.load(full));
  }
  return res as Resources;
}
