/**
 * Genre: opinion | reporting | analysis | statement | satire, from a small
 * hand-set linear model (data/models/rhetoric/genre.json, documented there)
 * over stylistic rates: first and second person, evaluative words (loaded
 * language and labels), opinion cues ("we must", "the trouble is"), hedges,
 * attribution verbs, satire cues, rhetorical questions, exclamations and the
 * share of quoted text.
 */
import { readFileSync } from 'node:fs';
import type { Sentence, Token } from '../document/segment.js';
import type { Genre } from '../schema/analysis.js';
import { GENRES } from '../schema/vocabulary.js';
import type { RuleContext } from './rule-kit.js';

export const GENRE_FEATURES = [
  'firstPerson',
  'secondPerson',
  'evaluative',
  'opinionCues',
  'hedges',
  'attribution',
  'satireCues',
  'questions',
  'exclamations',
  'quoteShare',
] as const;
export type GenreFeature = (typeof GENRE_FEATURES)[number];

export interface GenreModel {
  genres: Record<Genre, { bias: number; weights: Record<GenreFeature, number> }>;
}

export function loadGenreModel(file: string): GenreModel {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as GenreModel;
  for (const g of GENRES) {
    if (!raw.genres[g]) throw new Error(`genre model: missing ${g}`);
    for (const f of GENRE_FEATURES) if (typeof raw.genres[g].weights[f] !== 'number') throw new Error(`genre model: ${g} lacks ${f}`);
  }
  return raw;
}

const FIRST = new Set(['i', 'we', 'me', 'us', 'my', 'our', 'ours', 'myself', 'ourselves']);
const SECOND = new Set(['you', 'your', 'yours', 'yourself', 'yourselves']);
const OPEN = new Set(['“', '"']);
const CLOSE = new Set(['”', '"']);

export function genreFeatures(ctx: RuleContext): Record<GenreFeature, number> {
  const tokens: readonly Token[] = ctx.tokens;
  const sentences: readonly Sentence[] = ctx.sentences;
  let words = 0;
  let first = 0;
  let second = 0;
  let quoted = 0;
  let inQuote = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word') {
      words++;
      if (FIRST.has(t.lower)) first++;
      else if (SECOND.has(t.lower)) second++;
    }
    if (inQuote < 0 && OPEN.has(t.value)) inQuote = t.start;
    else if (inQuote >= 0 && CLOSE.has(t.value)) {
      quoted += t.end - inQuote;
      inQuote = -1;
    }
  }
  let questions = 0;
  let exclamations = 0;
  for (const s of sentences) {
    // A question inside a quotation is the speaker's, not the writer's.
    const last = tokens[s.tokenEnd - 1]?.value ?? '';
    if (last === '?') questions++;
    if (last === '!') exclamations++;
  }
  const per100 = (n: number) => (words === 0 ? 0 : (100 * n) / words);
  const count = (id: string) => ctx.hits.get(id)?.length ?? 0;
  const nSent = Math.max(1, sentences.length);
  const chars = tokens.length > 0 ? tokens[tokens.length - 1].end - tokens[0].start : 0;
  return {
    firstPerson: per100(first),
    secondPerson: per100(second),
    evaluative: per100(count('loaded-language') + count('name-calling')),
    opinionCues: per100(count('opinion-cues')),
    hedges: per100(count('hedges')),
    attribution: per100(count('attribution')),
    satireCues: per100(count('satire-cues')),
    questions: questions / nSent,
    exclamations: exclamations / nSent,
    quoteShare: chars === 0 ? 0 : Math.min(1, quoted / chars),
  };
}

export function classifyGenre(model: GenreModel, features: Record<GenreFeature, number>): { label: Genre; score: number } {
  const scores = GENRES.map((g) => {
    let z = model.genres[g].bias;
    for (const f of GENRE_FEATURES) z += model.genres[g].weights[f] * features[f];
    return z;
  });
  const max = Math.max(...scores);
  const exp = scores.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  return { label: GENRES[best], score: Math.round((exp[best] / total) * 1000) / 1000 };
}
