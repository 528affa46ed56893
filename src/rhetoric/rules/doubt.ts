import type { Finding } from '../../schema/analysis.js';
import { extendOverNouns, hitsOf, type Rule, type RuleContext, type RuleMeta, tokenFinding } from '../rule-kit.js';

const meta: RuleMeta = {
  id: 'doubt',
  technique: 'Doubt',
  description:
    'Credibility markers from data/lexicons/rhetoric/doubt.yaml ("so-called", "self-proclaimed") extended over what they qualify, and scare quotes: one to four words in quotation marks inside a sentence, not introduced as speech.',
  examples: {
    incorrect: ['This is a threat to Iran’s so-called “strategic depth” in the region.', 'The minister praised the “reforms” of his own party.'],
    correct: ['“We will continue,” the minister said.', 'The strategic depth of the country is limited.'],
  },
};

const DEFINING = new Set(['so-called', 'self-proclaimed', 'self-styled']);
const OPEN = new Set(['“', '"', '‘']);
const CLOSE = new Set(['”', '"', '’']);
const SPEECH =
  /^(?:say|said|says|told|tell|wrote|write|writes|call|called|calls|dub|dubbed|term|termed|title|titled|name|named|asked|added|stated|read|reads)$/;

// Scare quotes: a short quoted phrase in running text, not a quotation introduced by a speech verb or a title.
function scareQuotes(ctx: RuleContext, afterMarker: ReadonlySet<number>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const t = ctx.tokens;
  for (let i = 0; i < t.length; i++) {
    if (!OPEN.has(t[i].value)) continue;
    let j = i + 1;
    while (j < t.length && j - i <= 5 && !CLOSE.has(t[j].value) && t[j].sentence === t[i].sentence) j++;
    if (j >= t.length || !CLOSE.has(t[j].value) || j - i < 2 || j - i > 5) continue;
    const s = ctx.sentences[t[i].sentence];
    if (i === s.tokenStart) continue; // a quotation opening the sentence
    const prev = t[i - 1];
    // "so-called “…”" ends in "called" but is the marker itself, not a speech verb.
    if (!afterMarker.has(i) && (SPEECH.test(prev.lower) || prev.value === ':' || prev.value === ',')) continue;
    let words = 0;
    for (let k = i + 1; k < j; k++) if (t[k].kind === 'word') words++;
    if (words === 0 || words > 4 || t[j - 1].kind === 'punctuation') continue;
    // All capitalised words inside is a title ("The Art of War"), not irony.
    let caps = 0;
    for (let k = i + 1; k < j; k++) if (/^[A-Z]/.test(t[k].value)) caps++;
    if (caps === words && words > 1) continue;
    out.push([i, j + 1]);
    i = j;
  }
  return out;
}

export const doubt: Rule = {
  meta,
  detect(ctx) {
    const out: Finding[] = [];
    const hits = hitsOf(ctx, 'doubt');
    const quotes = scareQuotes(ctx, new Set(hits.map((h) => h.tokenEnd)));
    const quoteAt = new Map(quotes.map(([a, b]) => [a, b]));
    const used = new Set<number>();
    for (const h of hits) {
      let [a, b] = [h.tokenStart, h.tokenEnd];
      // "so-called “strategic depth”": the marker and the quoted phrase it qualifies are one finding.
      const q = quoteAt.get(b);
      if (q !== undefined) {
        used.add(b);
        b = q;
      } else if (h.term === 'so-called' || h.term === 'self-proclaimed' || h.term === 'self-styled' || h.term === 'supposed' || h.term === 'purported') {
        [a, b] = extendOverNouns(ctx, a, b);
      }
      // A marker of pretended identity is Doubt by definition; other cues ("alleged") are weaker.
      const score = q !== undefined ? 0.8 : DEFINING.has(h.term) ? 0.7 : 0.5;
      out.push(tokenFinding(ctx, meta, a, b, score, `doubt:${h.term}`));
    }
    for (const [a, b] of quotes) {
      if (used.has(a)) continue;
      out.push(tokenFinding(ctx, meta, a, b, 0.5, 'doubt:scare-quotes'));
    }
    return out;
  },
};
