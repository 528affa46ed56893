import path from 'node:path';
import { analyse, loadResources, packageRoot } from '../../analysis.js';
import { createDocument } from '../../document/document.js';
import type { AnalysisContext, Resources } from '../../pipeline/context.js';
import { segmentStage } from '../../pipeline/segment-stage.js';
import type { Analysis } from '../../schema/analysis.js';
import { timeStage } from './time-stage.js';

/** Segment + time stages only, with the package's own data. Shared by the time tests. */
export const TIME_STAGES = [segmentStage, timeStage];

let cached: Promise<Resources> | null = null;
export function timeResources(): Promise<Resources> {
  cached ??= loadResources({ dataDir: path.join(packageRoot(), 'data') }, TIME_STAGES);
  return cached;
}

export async function analyseTimes(text: string, published: string | null): Promise<Analysis> {
  return analyse(createDocument(text, { published }), await timeResources(), { stages: TIME_STAGES });
}

/** Run the stages and hand back the context, for helpers that read it (dateOf). */
export async function timeContext(text: string, published: string | null): Promise<AnalysisContext> {
  const res = await timeResources();
  const doc = createDocument(text, { published });
  const ctx: AnalysisContext = { doc, res, tokens: [], sentences: [], out: analyse(doc, res, { stages: [] }) };
  for (const s of TIME_STAGES) s.run(ctx);
  return ctx;
}
