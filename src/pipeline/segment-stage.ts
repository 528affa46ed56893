import { createRequire } from 'node:module';
import { createIsolatedWink, type WinkModel } from '../document/isolated-wink.js';
import { segment, type WinkLike } from '../document/segment.js';
import type { Resources, Stage } from './context.js';

const require = createRequire(import.meta.url);

/**
 * wink-nlp's pipe limited to what `segment` reads: sentence boundaries and POS.
 * Its own NER, negation and sentiment passes cost ~40% of readDoc and we use
 * none of them; tokens, types, tags and sentences come out identical (checked
 * over the 1,137 PTC + PolNeAR training articles).
 */
export const WINK_PIPE = ['sbd', 'pos'] as const;

/**
 * wink-nlp with its English web model; both ship as npm packages, nothing is
 * downloaded. Each document is read as if by a fresh instance, so its tokens
 * do not depend on the documents read before it (see isolated-wink.ts).
 */
export function loadWink(): WinkLike {
  const winkNLP = require('wink-nlp') as (model: unknown, pipe?: readonly string[]) => WinkLike;
  const model = require('wink-eng-lite-web-model') as WinkModel;
  return createIsolatedWink(winkNLP, model, WINK_PIPE);
}

export const segmentStage: Stage = {
  name: 'segment',
  load: (): Partial<Resources> => ({ nlp: loadWink() }),
  run(ctx) {
    const { tokens, sentences } = segment(ctx.doc.text, ctx.res.nlp);
    ctx.tokens = tokens;
    ctx.sentences = sentences;
    const text = ctx.doc.text;
    ctx.out.sentences = sentences.map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
  },
};
