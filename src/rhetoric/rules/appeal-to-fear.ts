import type { Finding } from '../../schema/analysis.js';
import { clauseAround, hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'appeal-to-fear',
  technique: 'Appeal_to_fear-prejudice',
  description:
    'Fear words from data/lexicons/rhetoric/fear.yaml in a clause that speaks to the reader or about the future ("will", "could", "our", "your"), or two fear words in one clause; the clause is reported.',
  examples: {
    incorrect: ['If we do nothing, they will destroy our way of life.', 'Protests are a real threat and a danger to the regime.'],
    correct: ['The minister said there was no threat.'],
  },
};

const FUTURE = new Set(['will', 'would', 'could', 'can', 'may', 'might', 'our', 'your', 'you', 'we', 'us', 'if', 'unless']);

export const appealToFear: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    const byClause = new Map<number, { from: number; to: number; terms: string[] }>();
    for (const h of hitsOf(ctx, 'fear')) {
      const [a, b] = clauseAround(ctx, h.tokenStart);
      const entry = byClause.get(a) ?? { from: a, to: b, terms: [] };
      entry.terms.push(h.term);
      byClause.set(a, entry);
    }
    for (const { from, to, terms } of byClause.values()) {
      let future = false;
      for (let k = from; k < to && !future; k++) future = FUTURE.has(ctx.tokens[k].lower);
      if (!future && terms.length < 2) continue;
      out.push(tokenFinding(ctx, meta, from, to, terms.length >= 2 ? 0.5 : 0.35, `fear:${terms[0]}`));
    }
    return out.sort((x, y) => x.start - y.start);
  },
};
