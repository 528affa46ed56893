import type { Finding } from '../../schema/analysis.js';
import { extendOverNouns, hitsOf, type Rule, type RuleMeta, tokenFinding, uniqueFindings } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'name-calling',
  technique: 'Name_Calling,Labeling',
  description: 'Labels from data/lexicons/rhetoric/name-calling.yaml, extended over the noun they qualify ("puppet governments", "proxy terrorist groups").',
  examples: {
    incorrect: ['After having its puppet governments toppled, Tehran sent proxy terrorist groups.', 'The mouthpiece of the regime said so.'],
    correct: ['The government of Iraq met the Iranian delegation.'],
  },
};

export const nameCalling: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'name-calling')) {
      // "Islamic State", "Supreme Leader": a label inside a proper name is the name, not name-calling.
      if (
        ctx.tokens[h.tokenStart].pos === 'PROPN' &&
        h.tokenEnd - h.tokenStart === 1 &&
        /^[A-Z]/.test(ctx.tokens[h.tokenStart].value) &&
        h.tokenStart > 0 &&
        ctx.tokens[h.tokenStart - 1].pos === 'PROPN'
      )
        continue;
      const [a, b] = extendOverNouns(ctx, h.tokenStart, h.tokenEnd);
      out.push(tokenFinding(ctx, meta, a, b, 0.6, `name-calling:${h.term}`));
    }
    return uniqueFindings(out);
  },
};
