import type { Finding } from '../../schema/analysis.js';
import { clauseAround, hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'causal-oversimplification',
  technique: 'Causal_Oversimplification',
  description:
    'Single-culprit cues from data/lexicons/rhetoric/causal.yaml that name blame or "the reason" ("is to blame", "the real reason", "all because"); plain "because" is left to the model. The clause is reported.',
  examples: {
    incorrect: ['The Democrats are to blame for the crisis at the border.', 'The real reason prices rose is the sanctions.'],
    correct: ['Prices rose in March.'],
  },
};

// Connectives too common to report on their own; the model weighs them.
const WEAK = new Set([
  'because',
  'due to',
  'because of',
  'led to',
  'leads to',
  'resulted in',
  'result of',
  'so that',
  'therefore',
  'as a result',
  'consequently',
  'thanks to',
  'responsible for',
  'blame',
  'blamed',
  'caused by',
  'the cause of',
  'if only',
]);

export const causalOversimplification: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'causal')) {
      if (WEAK.has(h.term)) continue;
      const [a, b] = clauseAround(ctx, h.tokenStart);
      out.push(tokenFinding(ctx, meta, a, b, 0.4, `causal:${h.term}`));
    }
    return out;
  },
};
