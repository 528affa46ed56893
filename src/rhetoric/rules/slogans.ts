import type { Finding } from '../../schema/analysis.js';
import { hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'slogans',
  technique: 'Slogans',
  description: 'Known slogans from data/lexicons/rhetoric/slogans.yaml ("Make America Great Again", "death to America", "drain the swamp").',
  examples: {
    incorrect: ['The crowd chanted “Death to America” outside the embassy.', 'He promised to drain the swamp.'],
    correct: ['The crowd gathered outside the embassy.'],
  },
};

export const slogans: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'slogans')) {
      // "fake news" is usually a label, not a chant; the loaded-language rule has it.
      if (h.term === 'fake news' || h.term === 'never' || h.term === 'long live') continue;
      out.push(tokenFinding(ctx, meta, h.tokenStart, h.tokenEnd, 0.6, `slogans:${h.term}`));
    }
    return out;
  },
};
