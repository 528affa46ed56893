import type { Finding } from '../../schema/analysis.js';
import { extendOverNouns, hitsOf, type Rule, type RuleMeta, tokenFinding, uniqueFindings } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'flag-waving',
  technique: 'Flag-Waving',
  description: 'Appeals to the nation or the group from data/lexicons/rhetoric/flag-waving.yaml ("our great nation", "the American people", "patriots").',
  examples: {
    incorrect: ['Every patriot must defend our great nation.', 'This is about the American people and their values.'],
    correct: ['The nation’s central bank raised rates.'],
  },
};

export const flagWaving: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'flag-waving')) {
      // A bare "the nation" / "the flag" is only an appeal when the writer speaks for it.
      if (h.term === 'the nation' || h.term === 'the flag' || h.term === 'homeland' || h.term === 'the west') continue;
      const [a, b] = extendOverNouns(ctx, h.tokenStart, h.tokenEnd);
      out.push(tokenFinding(ctx, meta, a, b, 0.5, `flag-waving:${h.term}`));
    }
    return uniqueFindings(out);
  },
};
