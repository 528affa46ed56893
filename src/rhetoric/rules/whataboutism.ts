import type { Finding } from '../../schema/analysis.js';
import { hitsOf, type Rule, type RuleMeta, sentenceAround, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'whataboutism',
  technique: 'Whataboutism,Straw_Men,Red_Herring',
  description:
    'Deflection by counter-accusation: "what about …" opening a sentence (or after "but"), "where was the outrage", "double standard" from data/lexicons/rhetoric/whataboutism.yaml. The sentence is reported.',
  examples: {
    incorrect: ['But what about the crimes of the other side?', 'Where was the outrage when they did the same thing?'],
    correct: ['They talked about the crimes of the past.'],
  },
};

const OPENERS = new Set(['what about', 'how about', 'but what about']);
const STRONG = new Set([
  'where was the outrage',
  'where were they',
  'where were you',
  'where was the media',
  'double standard',
  'the same people who',
  'these are the same',
  'they would have you believe',
  'they want you to believe',
]);

export const whataboutism: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    const done = new Set<number>();
    for (const h of hitsOf(ctx, 'whataboutism')) {
      const sentence = ctx.tokens[h.tokenStart].sentence;
      if (done.has(sentence)) continue;
      const s = ctx.sentences[sentence];
      const atStart = h.tokenStart === s.tokenStart || (h.tokenStart === s.tokenStart + 1 && /^(?:but|and|so)$/.test(ctx.tokens[s.tokenStart].lower));
      if (!(OPENERS.has(h.term) && atStart) && !STRONG.has(h.term)) continue;
      done.add(sentence);
      const [a, b] = sentenceAround(ctx, h.tokenStart);
      out.push(tokenFinding(ctx, meta, a, b, 0.45, `whataboutism:${h.term}`));
    }
    return out;
  },
};
