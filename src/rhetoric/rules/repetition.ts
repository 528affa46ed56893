import type { Finding } from '../../schema/analysis.js';
import { type Rule, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'repetition',
  technique: 'Repetition',
  description:
    'A content phrase of two or three words (not starting or ending with a function word) used three times or more in one document; every use after the first is reported.',
  examples: {
    incorrect: ['The deep state lies. The deep state steals. The deep state wins.'],
    correct: ['The minister spoke. The president listened. The envoy left.'],
  },
};

const CONTENT = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB']);

export const repetition: Rule = {
  meta,
  detect(ctx) {
    const t = ctx.tokens;
    const ids = ctx.wordIds;
    const m = ctx.words.length;
    // Phrases keyed by word ids (equal keys, equal ids): a bigram by `a × m + b`, a trigram by its first bigram's index × m + c.
    const bigrams = new Map<number, number>();
    const seen2 = new Map<number, number[]>();
    const seen3 = new Map<number, number[]>();
    const content = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) content[i] = CONTENT.has(t[i].pos) ? 1 : 0;
    for (let n = 2; n <= 3; n++) {
      const seen = n === 2 ? seen2 : seen3;
      for (let i = 0; i + n <= t.length; i++) {
        if (content[i] === 0 || content[i + n - 1] === 0) continue;
        if (t[i + n - 1].sentence !== t[i].sentence) continue;
        let key = ids[i] * m + ids[i + 1];
        if (n === 3) {
          let b = bigrams.get(key);
          if (b === undefined) bigrams.set(key, (b = bigrams.size));
          key = b * m + ids[i + 2];
        }
        const list = seen.get(key);
        if (list) list.push(i);
        else seen.set(key, [i]);
      }
    }
    const out: Finding[] = [];
    for (const [n, seen] of [
      [2, seen2],
      [3, seen3],
    ] as const) {
      for (const starts of seen.values()) {
        if (starts.length < 3) continue;
        for (let k = 1; k < starts.length; k++) out.push(tokenFinding(ctx, meta, starts[k], starts[k] + n, 0.3, `repetition:${starts.length}x`));
      }
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  },
};
