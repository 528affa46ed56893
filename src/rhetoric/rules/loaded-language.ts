import type { Finding } from '../../schema/analysis.js';
import { hitsOf, type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'loaded-language',
  technique: 'Loaded_Language',
  description: 'Emotionally charged words from data/lexicons/rhetoric/loaded-language.yaml ("malign", "brutal", "under the thumb").',
  examples: {
    incorrect: ['The regime’s malign activities continue.', 'They live under the thumb of the clerics.'],
    correct: ['The ministry published its budget on Tuesday.'],
  },
};

export const loadedLanguage: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    let last: { from: number; to: number; term: string } | null = null;
    // Overlapping hits ("under the thumb", "thumb of") make one finding.
    for (const h of hitsOf(ctx, 'loaded-language')) {
      if (last && h.tokenStart < last.to) {
        last.to = Math.max(last.to, h.tokenEnd);
        continue;
      }
      if (last) out.push(tokenFinding(ctx, meta, last.from, last.to, 0.5, `loaded-language:${last.term}`));
      last = { from: h.tokenStart, to: h.tokenEnd, term: h.term };
    }
    if (last) out.push(tokenFinding(ctx, meta, last.from, last.to, 0.5, `loaded-language:${last.term}`));
    return out;
  },
};
