import type { Finding } from '../../schema/analysis.js';
import { hitsOf, type Rule, type RuleMeta, sentenceAround, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'black-and-white',
  technique: 'Black-and-White_Fallacy',
  description:
    'Two options presented as the only ones: cues from data/lexicons/rhetoric/black-and-white.yaml ("the only way", "there is no alternative", "with us or against us"); "either" only with an "or" later in the sentence. The sentence is reported.',
  examples: {
    incorrect: ['Either you are with us, or you are with the terrorists.', 'Sanctions are the only way to stop them.'],
    correct: ['They discussed several options.'],
  },
};

export const blackAndWhite: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    const done = new Set<number>();
    for (const h of hitsOf(ctx, 'black-and-white')) {
      const sentence = ctx.tokens[h.tokenStart].sentence;
      if (done.has(sentence)) continue;
      if (h.term === 'either' || h.term === 'if you are not' || h.term === "if you don't") {
        const s = ctx.sentences[sentence];
        let or = false;
        for (let k = h.tokenEnd; k < s.tokenEnd && !or; k++) or = ctx.tokens[k].lower === 'or';
        if (!or) continue;
      }
      done.add(sentence);
      const [a, b] = sentenceAround(ctx, h.tokenStart);
      out.push(tokenFinding(ctx, meta, a, b, 0.45, `black-and-white:${h.term}`));
    }
    return out;
  },
};
