/**
 * What every rhetoric rule sees and uses: the tokens of one document, their
 * lexicon hits (matched once per document) and helpers that turn token ranges
 * into findings. Rules only report; they never edit the context.
 */
import type { Sentence, Token } from '../document/segment.js';
import type { Finding, Technique } from '../schema/analysis.js';
import { type CompiledLexicons, type LexiconHit, matchLexicons, stemKey } from './lexicon.js';

export interface RuleContext {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** `stemKey(token.lower)` per token. */
  keys: readonly string[];
  /** Lexicon hits grouped by lexicon id. */
  hits: ReadonlyMap<string, readonly LexiconHit[]>;
  /** Per token, a document-local id of its key (equal keys, equal ids): passes index arrays by it instead of hashing strings. */
  wordIds: Int32Array;
  /** The distinct keys, by id (first-seen order). */
  words: readonly string[];
}

export interface RuleMeta {
  /** Stable id, equal to the file name. */
  id: string;
  technique: Technique;
  description: string;
  /** Doc examples: `incorrect` ones must be reported, `correct` ones must not (the meta-test runs them). */
  examples: { incorrect: string[]; correct: string[] };
}

export interface Rule {
  meta: RuleMeta;
  detect(ctx: RuleContext): Finding[];
}

const EMPTY: readonly LexiconHit[] = [];

export function buildRuleContext(text: string, tokens: readonly Token[], sentences: readonly Sentence[], lex: CompiledLexicons): RuleContext {
  const n = tokens.length;
  const keys = new Array<string>(n);
  const wordIds = new Int32Array(n);
  const words: string[] = [];
  const idOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = stemKey(tokens[i].lower);
    keys[i] = key;
    let id = idOf.get(key);
    if (id === undefined) {
      id = words.length;
      idOf.set(key, id);
      words.push(key);
    }
    wordIds[i] = id;
  }
  const hits = new Map<string, LexiconHit[]>();
  for (const h of matchLexicons(lex, tokens, keys, wordIds, words)) {
    const list = hits.get(h.lexicon);
    if (list) list.push(h);
    else hits.set(h.lexicon, [h]);
  }
  return { text, tokens, sentences, keys, hits, wordIds, words };
}

export function hitsOf(ctx: RuleContext, lexicon: string): readonly LexiconHit[] {
  return ctx.hits.get(lexicon) ?? EMPTY;
}

/** A finding over tokens `[from, to)`. */
export function tokenFinding(ctx: RuleContext, meta: RuleMeta, from: number, to: number, score: number, reason: string): Finding {
  const start = ctx.tokens[from].start;
  const end = ctx.tokens[to - 1].end;
  return { technique: meta.technique, ruleId: meta.id, source: 'rule', start, end, text: ctx.text.slice(start, end), score, reason };
}

const CLAUSE_BREAK = new Set([',', ';', ':', '—', '–', '(', ')', '"', '“', '”']);

/** Token range of the clause (between , ; : dashes and quotes) that holds token `i`. */
export function clauseAround(ctx: RuleContext, i: number): [number, number] {
  const s = ctx.sentences[ctx.tokens[i].sentence];
  let a = i;
  while (a > s.tokenStart && !CLAUSE_BREAK.has(ctx.tokens[a - 1].value)) a--;
  let b = i + 1;
  while (b < s.tokenEnd && !CLAUSE_BREAK.has(ctx.tokens[b].value)) b++;
  // Leave the sentence's final full stop out of the span.
  while (b > a + 1 && ctx.tokens[b - 1].kind === 'punctuation') b--;
  return [a, b];
}

/** Token range of the sentence that holds token `i`, without its closing punctuation. */
export function sentenceAround(ctx: RuleContext, i: number): [number, number] {
  const s = ctx.sentences[ctx.tokens[i].sentence];
  let b = s.tokenEnd;
  while (b > s.tokenStart + 1 && ctx.tokens[b - 1].kind === 'punctuation') b--;
  return [s.tokenStart, b];
}

const NOMINAL = new Set(['NOUN', 'PROPN']);

/** Extend `[from, to)` right over the nouns it modifies ("puppet" → "puppet governments"). */
export function extendOverNouns(ctx: RuleContext, from: number, to: number): [number, number] {
  let b = to;
  const sentence = ctx.tokens[from].sentence;
  while (b < ctx.tokens.length && b - to < 3 && ctx.tokens[b].sentence === sentence && NOMINAL.has(ctx.tokens[b].pos)) b++;
  return [from, b];
}

/** Drop findings that repeat an earlier one's span or lie inside a longer one (same rule). */
export function uniqueFindings(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  let reach = -1;
  for (const f of sorted) {
    if (f.end <= reach) continue;
    out.push(f);
    reach = f.end;
  }
  return out;
}
