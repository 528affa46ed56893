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
    const seen = new Map<string, number[]>();
    for (let n = 2; n <= 3; n++) {
      for (let i = 0; i + n <= t.length; i++) {
        if (!CONTENT.has(t[i].pos) || !CONTENT.has(t[i + n - 1].pos)) continue;
        if (t[i + n - 1].sentence !== t[i].sentence) continue;
        let key = `${n}`;
        for (let k = 0; k < n; k++) key += ` ${ctx.keys[i + k]}`;
        const list = seen.get(key);
        if (list) list.push(i);
        else seen.set(key, [i]);
      }
    }
    const out: Finding[] = [];
    for (const [key, starts] of seen) {
      if (starts.length < 3) continue;
      const n = Number(key.slice(0, key.indexOf(' ')));
      for (const i of starts.slice(1)) out.push(tokenFinding(ctx, meta, i, i + n, 0.3, `repetition:${starts.length}x`));
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  },
};
