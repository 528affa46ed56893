/**
 * A synthetic syndication set built deterministically from a folder of
 * articles (the PTC training articles in eval/rows/near-dup-ptc.ts): each
 * eligible original gets variants as another outlet would republish it —
 * changed headline, trimmed head or tail, reordered paragraphs, added
 * boilerplate, another outlet's dateline and footer, and combinations — while
 * pairs of different originals are the negatives. Nothing here is shipped.
 */

export type VariantKind = 'headline' | 'trim-tail' | 'trim-head' | 'reorder' | 'boilerplate' | 'combo' | 'outlet';

export const VARIANT_KINDS: VariantKind[] = ['headline', 'trim-tail', 'trim-head', 'reorder', 'boilerplate', 'combo', 'outlet'];

export interface SyntheticDoc {
  id: string;
  /** Index of the original this document derives from (its family). */
  family: number;
  kind: 'original' | VariantKind;
  text: string;
}

/** An original needs this many body paragraphs and words to get variants. */
export const MIN_BODY_PARAGRAPHS = 5;
export const MIN_WORDS = 150;

// Generic syndication boilerplate (written for this set).
const HEADERS = [
  'Subscribe to our newsletter for the latest headlines, delivered every morning.',
  'Share this article: Facebook | Twitter | Email | Print',
  'By Staff Writer | Updated 3 hours ago | 4 min read',
  'Advertisement',
  'This story was originally published by a partner site and is republished with permission.',
];
const FOOTERS = [
  'Subscribe to our newsletter for more stories like this.',
  'Copyright © 2019 All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Follow us on Twitter and Facebook for the latest updates.',
  'Related: More coverage from our world desk',
  'The views expressed in this article are the author’s own and do not necessarily reflect our editorial policy.',
];
const OUTLETS = ['Global News Wire', 'The Daily Courier', 'World Report Online', 'Frontline Post', 'Atlantic Dispatch', 'News Agency Network'];
const CITIES = ['LONDON', 'WASHINGTON', 'PARIS', 'BEIRUT', 'MOSCOW', 'NEW YORK'];

/** mulberry32: a small seeded generator, so the set is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: T[]): T => list[Math.floor(rand() * list.length)];

function shuffle<T>(rand: () => number, list: T[]): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface Parts {
  headline: string;
  body: string[];
}

/** First non-empty line is the headline; every further non-empty line is a paragraph. */
export function splitArticle(text: string): Parts {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return { headline: lines[0] ?? '', body: lines.slice(1) };
}

const join = (headline: string, body: string[]) => [headline, ...body].join('\n\n');

function trimTail(rand: () => number, body: string[]): string[] {
  const drop = Math.max(1, Math.round(body.length * (0.2 + 0.2 * rand())));
  return body.slice(0, body.length - drop);
}

/** The variants of one original; `otherHeadline` is a headline taken from a different article. */
export function makeVariants(original: string, seed: number, otherHeadline: string): Array<{ kind: VariantKind; text: string }> {
  const rand = seededRandom(seed);
  const { headline, body } = splitArticle(original);
  const out: Array<{ kind: VariantKind; text: string }> = [];
  // changed headline, body untouched (with the original's own line breaks)
  const originalBody = original.replace(/\r\n?/g, '\n').replace(/^[^\n]*\n/, '');
  out.push({ kind: 'headline', text: `${otherHeadline}\n${originalBody}` });
  out.push({ kind: 'trim-tail', text: join(headline, trimTail(rand, body)) });
  out.push({ kind: 'trim-head', text: join(pick(rand, [headline, otherHeadline]), body.slice(1)) });
  out.push({ kind: 'reorder', text: join(headline, shuffle(rand, body)) });
  out.push({ kind: 'boilerplate', text: join(pick(rand, HEADERS), [headline, ...body, pick(rand, FOOTERS), `Source: ${pick(rand, OUTLETS)}`]) });
  {
    const kept = trimTail(rand, body);
    const at = Math.floor(rand() * (kept.length - 1));
    [kept[at], kept[at + 1]] = [kept[at + 1], kept[at]];
    out.push({ kind: 'combo', text: join(pick(rand, HEADERS), [otherHeadline, ...kept, pick(rand, FOOTERS)]) });
  }
  {
    const outlet = pick(rand, OUTLETS);
    const [first, ...rest] = body;
    const dateline = `${pick(rand, CITIES)} (${outlet}) — ${first}`;
    out.push({ kind: 'outlet', text: join(otherHeadline, [dateline, ...rest, `Source: ${outlet}`, pick(rand, FOOTERS)]) });
  }
  return out;
}

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Originals (all of them) and the variants of the eligible ones; `articles` are in a fixed order. */
export function buildSyntheticSet(articles: Array<{ name: string; text: string }>, familyOffset = 0): SyntheticDoc[] {
  const docs: SyntheticDoc[] = [];
  articles.forEach((article, i) => {
    const family = familyOffset + i;
    docs.push({ id: article.name, family, kind: 'original', text: article.text });
    const { body } = splitArticle(article.text);
    if (body.length < MIN_BODY_PARAGRAPHS || wordCount(article.text) < MIN_WORDS) return;
    const other = splitArticle(articles[(i + 37) % articles.length].text).headline;
    for (const v of makeVariants(article.text, 0x9d0c + family * 7919, other)) {
      docs.push({ id: `${article.name}#${v.kind}`, family, kind: v.kind, text: v.text });
    }
  });
  return docs;
}

/** Word-set Jaccard of two texts: the hard negatives are the different articles with the most words in common. */
export function hardNegativePairs(texts: string[], count: number): Array<[number, number, number]> {
  const sets = texts.map((t) => new Set((t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[]));
  const pairs: Array<[number, number, number]> = [];
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const [small, large] = sets[i].size < sets[j].size ? [sets[i], sets[j]] : [sets[j], sets[i]];
      let shared = 0;
      for (const w of small) if (large.has(w)) shared++;
      pairs.push([i, j, shared / (sets[i].size + sets[j].size - shared)]);
    }
  }
  return pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]).slice(0, count);
}
