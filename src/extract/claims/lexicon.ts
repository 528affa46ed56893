import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../../pipeline/parse-yaml.js';
import { compilePhrases, type PhraseMatcher } from './phrase-matcher.js';

/** Lexical features of check-worthiness (data/lexicons/claims/features.yml). */
export const LEXICAL_FEATURES = ['causal', 'accusation', 'superlative', 'quantity', 'opinion', 'boilerplate'] as const;
export type LexicalFeature = (typeof LEXICAL_FEATURES)[number];

/** Every feature the scorer knows; each needs a weight in checkworthiness.yml. */
export const FEATURES = [
  'number',
  'quantity',
  'date',
  'named-actor',
  'actor-acts',
  'causal',
  'accusation',
  'superlative',
  'reported',
  'certainty',
  'hedge',
  'question',
  'opinion',
  'short',
  'no-verb',
  'boilerplate',
] as const;
export type Feature = (typeof FEATURES)[number];

/** One entry of the combined matcher: which list a phrase comes from. */
export interface TaggedPhrase {
  tokens: string[];
  tag: LexicalFeature | 'hedge' | 'certainty';
}

export interface ClaimLexicon {
  /** Every phrase of every list, by first token, so that a unit is scanned once. */
  combined: Map<string, TaggedPhrase[]>;
  hedges: PhraseMatcher;
  certainty: PhraseMatcher;
  features: Record<LexicalFeature, PhraseMatcher>;
  weights: Record<Feature, number>;
  bias: number;
  threshold: number;
}

type Entry = { reason: string; phrase: string };

/** Compile the parsed YAML files; throws on a missing weight, an unknown feature or a duplicate phrase. */
export function compileClaimLexicon(hedges: unknown, certainty: unknown, features: unknown, scoring: unknown): ClaimLexicon {
  const h = (hedges as { hedges?: Entry[] })?.hedges;
  const c = (certainty as { certainty?: Entry[] })?.certainty;
  if (!Array.isArray(h) || !Array.isArray(c)) throw new Error('claims lexicon: missing hedges or certainty list');
  const f = features as Record<string, unknown>;
  const compiled = {} as Record<LexicalFeature, PhraseMatcher>;
  for (const name of LEXICAL_FEATURES) {
    const list = f?.[name];
    if (!Array.isArray(list)) throw new Error(`claims features: missing list "${name}"`);
    compiled[name] = compilePhrases(
      list.map((phrase) => ({ reason: `cw-${name}`, phrase: String(phrase) })),
      `claims features ${name}`,
    );
  }
  const s = scoring as { bias?: number; threshold?: number; weights?: Record<string, number> };
  const weights = {} as Record<Feature, number>;
  for (const name of FEATURES) {
    const w = s?.weights?.[name];
    if (typeof w !== 'number') throw new Error(`checkworthiness: missing weight "${name}"`);
    weights[name] = w;
  }
  for (const name of Object.keys(s?.weights ?? {})) {
    if (!(FEATURES as readonly string[]).includes(name)) throw new Error(`checkworthiness: unknown feature "${name}"`);
  }
  if (typeof s.bias !== 'number' || typeof s.threshold !== 'number') throw new Error('checkworthiness: missing bias or threshold');
  const hedgeMatcher = compilePhrases(h, 'hedges');
  const certaintyMatcher = compilePhrases(c, 'certainty');
  const combined = new Map<string, TaggedPhrase[]>();
  const add = (matcher: PhraseMatcher, tag: TaggedPhrase['tag']) => {
    for (const [first, list] of matcher) {
      const at = combined.get(first) ?? [];
      for (const p of list) at.push({ tokens: p.tokens, tag });
      combined.set(first, at);
    }
  };
  for (const name of LEXICAL_FEATURES) add(compiled[name], name);
  add(hedgeMatcher, 'hedge');
  add(certaintyMatcher, 'certainty');
  return {
    combined,
    hedges: hedgeMatcher,
    certainty: certaintyMatcher,
    features: compiled,
    weights,
    bias: s.bias,
    threshold: s.threshold,
  };
}

/** Read and compile `data/lexicons/claims/*.yml`. */
export function loadClaimLexicon(dataDir: string): ClaimLexicon {
  const dir = path.join(dataDir, 'lexicons', 'claims');
  const read = (f: string) => parseYaml(readFileSync(path.join(dir, f), 'utf8')) as unknown;
  return compileClaimLexicon(read('hedges.yml'), read('certainty.yml'), read('features.yml'), read('checkworthiness.yml'));
}
