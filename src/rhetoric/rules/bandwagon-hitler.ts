import type { Finding } from '../../schema/analysis.js';
import { clauseAround, hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'bandwagon-hitler',
  technique: 'Bandwagon,Reductio_ad_hitlerum',
  description:
    'Appeals to what "everyone" thinks (data/lexicons/rhetoric/bandwagon.yaml) and comparisons with Hitler, Nazis and the like (data/lexicons/rhetoric/hitler.yaml) used about a present-day target (with "like", "as", "worse than", "the new" or "-style" nearby). The clause is reported.',
  examples: {
    incorrect: ['Everyone knows the election was stolen.', 'His police acts like the Gestapo.'],
    correct: ['Hitler invaded Poland in 1939.'],
  },
};

const COMPARE = new Set(['like', 'as', 'than', 'new', 'style', 'reminiscent', 'compare', 'compared', 'akin', 'same']);

export const bandwagonHitler: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'bandwagon')) {
      const [a, b] = clauseAround(ctx, h.tokenStart);
      out.push(tokenFinding(ctx, meta, a, b, 0.4, `bandwagon:${h.term}`));
    }
    for (const h of hitsOf(ctx, 'hitler')) {
      const s = ctx.sentences[ctx.tokens[h.tokenStart].sentence];
      let compare = false;
      for (let k = Math.max(s.tokenStart, h.tokenStart - 4); k < Math.min(s.tokenEnd, h.tokenEnd + 2) && !compare; k++) compare = COMPARE.has(ctx.keys[k]);
      if (!compare) continue;
      const [a, b] = clauseAround(ctx, h.tokenStart);
      out.push(tokenFinding(ctx, meta, a, b, 0.5, `hitler:${h.term}`));
    }
    return out.sort((x, y) => x.start - y.start);
  },
};
