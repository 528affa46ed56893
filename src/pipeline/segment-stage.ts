import { createRequire } from 'node:module';
import { segment, type WinkLike } from '../document/segment.js';
import type { Resources, Stage } from './context.js';

const require = createRequire(import.meta.url);

/** wink-nlp with its English web model; both ship as npm packages, nothing is downloaded. */
export function loadWink(): WinkLike {
  const winkNLP = require('wink-nlp') as (model: unknown) => WinkLike;
  const model = require('wink-eng-lite-web-model') as unknown;
  return winkNLP(model);
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
