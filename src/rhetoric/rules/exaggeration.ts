import type { Finding } from '../../schema/analysis.js';
import { clauseAround, hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'exaggeration',
  technique: 'Exaggeration,Minimisation',
  description:
    'Strong superlatives and diminishers from data/lexicons/rhetoric/exaggeration.yaml ("the worst … ever", "unprecedented", "nothing but"); the finding covers the phrase up to the end of its clause, at most six words.',
  examples: {
    incorrect: ['This is the worst deal in history.', 'The protest was nothing but a publicity stunt.'],
    correct: ['The deal was signed in Vienna.'],
  },
};

export const exaggeration: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'exaggeration')) {
      const [, clauseEnd] = clauseAround(ctx, h.tokenStart);
      const end = Math.min(Math.max(h.tokenEnd, clauseEnd), h.tokenStart + 6);
      out.push(tokenFinding(ctx, meta, h.tokenStart, end, 0.4, `exaggeration:${h.term}`));
    }
    return out;
  },
};
