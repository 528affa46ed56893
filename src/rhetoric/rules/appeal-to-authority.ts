import type { Finding } from '../../schema/analysis.js';
import { clauseAround, hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'appeal-to-authority',
  technique: 'Appeal_to_Authority',
  description:
    'Claims resting on unnamed or generic authority ("experts say", "studies show", "scientists agree") from data/lexicons/rhetoric/authority.yaml; named officials and "according to" are left to the model. The clause is reported.',
  examples: {
    incorrect: ['Experts agree that the deal is a disaster.', 'Studies show that sanctions never work.'],
    correct: ['The agency released figures on Monday.'],
  },
};

const STRONG = /\b(?:experts?|scientists?|studies|study|research|doctors|leading|top scientists|renowned|nobel)\b/;

export const appealToAuthority: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'authority')) {
      if (!STRONG.test(h.term)) continue;
      const [a, b] = clauseAround(ctx, h.tokenStart);
      out.push(tokenFinding(ctx, meta, a, b, 0.4, `authority:${h.term}`));
    }
    return out;
  },
};
