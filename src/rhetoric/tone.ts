/**
 * Tone from the tone lexicon (data/lexicons/tone/tone.yaml, documented there).
 *
 * Each word gets its lexicon polarity, except inside a neutralised phrase
 * ("Supreme Leader", "United Nations"), and flipped at half strength after a
 * negator within the three words before it in its clause ("not corrupt").
 * Name-calling and Doubt findings add -0.5 each (a label is aimed at
 * someone). A clause's polarity is the sum over its words.
 * - Document tone = Σ polarity / (number of polar words + 2), in -1..1.
 * - Tone towards an entity = the same ratio over the clauses that mention it.
 */
import type { Sentence, Token } from '../document/segment.js';
import { tokenAt } from '../document/segment.js';
import type { Entity, Finding } from '../schema/analysis.js';
import type { ToneLexicon } from './tone-lexicon.js';

const CLAUSE_BREAK = new Set([';', ':', '—', '–', '(', ')']);
// A comma ends a clause only before a conjunction; appositions ("Canada, a good friend, …") stay with their noun.
const AFTER_COMMA = new Set(['but', 'while', 'whereas', 'although', 'though', 'yet', 'which', 'who', 'and', 'so', 'because']);

function breaksClause(tokens: readonly Token[], i: number): boolean {
  const v = tokens[i].value;
  if (CLAUSE_BREAK.has(v)) return true;
  return v === ',' && i + 1 < tokens.length && AFTER_COMMA.has(tokens[i + 1].lower);
}

export interface ToneResult {
  tone: number | null;
  toneByEntity: Array<{ entity: string; tone: number; mentions: number }>;
}

/** Per distinct word (RuleContext `wordIds` / `words`): its lexicon facts, looked up once per document instead of once per token. */
export interface WordIndex {
  wordIds: Int32Array;
  words: readonly string[];
}

/** A word's tone facts: `flags` as in tokenPolarity (1 neutral-phrase start, 2 negator, 4 polar), its polarity (0 when none). */
interface WordFacts {
  flags: number;
  polarity: number;
}

const FACTS = new WeakMap<ToneLexicon, Map<string, WordFacts>>();

/** The lexicon's three word tables as one map (one look-up per word instead of three; most words are in none). */
function wordFacts(lex: ToneLexicon): Map<string, WordFacts> {
  let facts = FACTS.get(lex);
  if (facts) return facts;
  facts = new Map();
  const all = new Set<string>([...lex.polarity.keys(), ...lex.neutralFirst, ...lex.negators]);
  for (const w of all) {
    const p = lex.polarity.get(w);
    facts.set(w, { flags: (lex.neutralFirst.has(w) ? 1 : 0) | (lex.negators.has(w) ? 2 : 0) | (p !== undefined ? 4 : 0), polarity: p ?? 0 });
  }
  FACTS.set(lex, facts);
  return facts;
}

/** Polarity per token, after neutral phrases and negation. */
export function tokenPolarity(lex: ToneLexicon, tokens: readonly Token[], keys: readonly string[], index?: WordIndex): Float32Array {
  const n = tokens.length;
  const pol = new Float32Array(n);
  const neutral = new Uint8Array(n);
  // Per token: 1 = may start a neutral phrase, 2 = negator, 4 = has a polarity (in `value`).
  const flags = new Uint8Array(n);
  const value = new Float64Array(n);
  if (index) {
    const m = index.words.length;
    const wf = new Uint8Array(m);
    const wv = new Float64Array(m);
    const facts = wordFacts(lex);
    for (let id = 0; id < m; id++) {
      const f = facts.get(index.words[id]);
      if (f === undefined) continue;
      wf[id] = f.flags;
      wv[id] = f.polarity;
    }
    for (let i = 0; i < n; i++) {
      const id = index.wordIds[i];
      flags[i] = wf[id];
      value[i] = wv[id];
    }
  } else
    for (let i = 0; i < n; i++) {
      const p = lex.polarity.get(keys[i]);
      flags[i] = (lex.neutralFirst.has(keys[i]) ? 1 : 0) | (lex.negators.has(keys[i]) ? 2 : 0) | (p !== undefined ? 4 : 0);
      if (p !== undefined) value[i] = p;
    }
  for (let i = 0; i < n; i++) {
    if ((flags[i] & 1) === 0) continue;
    for (const phrase of lex.neutral) {
      if (phrase[0] !== keys[i] || i + phrase.length > n) continue;
      let ok = true;
      for (let k = 1; k < phrase.length && ok; k++) ok = keys[i + k] === phrase[k];
      if (ok) for (let k = 0; k < phrase.length; k++) neutral[i + k] = 1;
    }
  }
  let lastNegator = -10;
  let clauseStart = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (breaksClause(tokens, i) || (i > 0 && t.sentence !== tokens[i - 1].sentence)) clauseStart = i;
    if (flags[i] & 2) {
      lastNegator = i;
      continue;
    }
    if (neutral[i]) continue;
    if ((flags[i] & 4) === 0) continue;
    const p = value[i];
    pol[i] = i - lastNegator <= 3 && lastNegator >= clauseStart ? -0.5 * p : p;
  }
  return pol;
}

/** Clause index per token (clauses split at , ; : dashes, brackets and sentence ends). */
export function clauseIds(tokens: readonly Token[]): Int32Array {
  const ids = new Int32Array(tokens.length);
  let c = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && (breaksClause(tokens, i) || tokens[i].sentence !== tokens[i - 1].sentence)) c++;
    ids[i] = c;
  }
  return ids;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function computeTone(
  lex: ToneLexicon,
  tokens: readonly Token[],
  _sentences: readonly Sentence[],
  keys: readonly string[],
  findings: readonly Finding[],
  entities: readonly Entity[],
  index?: WordIndex,
): ToneResult {
  if (tokens.length === 0) return { tone: null, toneByEntity: [] };
  const pol = tokenPolarity(lex, tokens, keys, index);
  const clause = clauseIds(tokens);
  const clauseCount = tokens.length === 0 ? 0 : clause[tokens.length - 1] + 1;
  const sum = new Float64Array(clauseCount);
  const count = new Int32Array(clauseCount);
  for (let i = 0; i < tokens.length; i++) {
    if (pol[i] !== 0) {
      sum[clause[i]] += pol[i];
      count[clause[i]]++;
    }
  }
  const clauseOf = (offset: number) => {
    const at = tokenAt(tokens, offset);
    return at < tokens.length ? clause[at] : -1;
  };
  for (const f of findings) {
    if (f.technique !== 'Name_Calling,Labeling' && f.technique !== 'Doubt') continue;
    const c = clauseOf(f.start);
    if (c < 0) continue;
    sum[c] -= 0.5;
    count[c]++;
  }
  let total = 0;
  let polar = 0;
  for (let c = 0; c < clauseCount; c++) {
    total += sum[c];
    polar += count[c];
  }
  const tone = round(Math.max(-1, Math.min(1, total / (polar + 2))));
  const toneByEntity: ToneResult['toneByEntity'] = [];
  for (const e of entities) {
    if (e.mentions.length === 0) continue;
    const clauses = new Set<number>();
    for (const m of e.mentions) {
      const c = clauseOf(m.start);
      if (c >= 0) clauses.add(c);
    }
    let s = 0;
    let k = 0;
    for (const c of clauses) {
      s += sum[c];
      k += count[c];
    }
    toneByEntity.push({ entity: e.id, tone: round(Math.max(-1, Math.min(1, s / (k + 2)))), mentions: e.mentions.length });
  }
  return { tone, toneByEntity };
}
