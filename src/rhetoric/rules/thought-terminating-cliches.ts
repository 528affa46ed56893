import type { Finding } from '../../schema/analysis.js';
import { hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'thought-terminating-cliches',
  technique: 'Thought-terminating_Cliches',
  description:
    'Stock phrases that end a discussion, from data/lexicons/rhetoric/cliches.yaml ("it is what it is", "end of story"); one-word ones ("Period.", "Whatever.") only when they stand as a sentence of their own.',
  examples: {
    incorrect: ['They lost the vote. End of story.', 'He broke the law. Period.'],
    correct: ['The period of talks ended in June.'],
  },
};

export const thoughtTerminatingCliches: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    for (const h of hitsOf(ctx, 'cliches')) {
      const s = ctx.sentences[ctx.tokens[h.tokenStart].sentence];
      let words = 0;
      for (let k = s.tokenStart; k < s.tokenEnd; k++) if (ctx.tokens[k].kind === 'word') words++;
      const span = h.tokenEnd - h.tokenStart;
      if (span === 1 && words > 2) continue;
      if ((h.term === 'common sense' || h.term === 'move on' || h.term === 'think about it') && words > span + 3) continue;
      out.push(tokenFinding(ctx, meta, h.tokenStart, h.tokenEnd, 0.5, `cliches:${h.term}`));
    }
    return out;
  },
};
