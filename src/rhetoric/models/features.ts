/**
 * Features of the span-and-technique model. Each token gets local features
 * (words around it, POS, shape, lexicon and rule hits, repetition in the
 * document, quotes) and shares its sentence's features (the sentence's words
 * and cues), so a technique that covers a whole sentence (Doubt, fear) and one
 * that covers a word (Loaded_Language) are scored by the same linear model.
 * Sentence features are listed once per sentence: the model adds their weights
 * once and reuses the sum for every token of the sentence.
 *
 * A feature is a template prefix plus a value ("w=" + "regime"); its name in
 * the model file is the two joined. They are kept apart here because the
 * values are mostly strings that already exist (token keys, POS tags), whose
 * hashes the engine caches, so scoring does not build a new string per
 * feature (that was 80% of the stage's time).
 */

import { tokenAt } from '../../document/segment.js';
import type { Finding } from '../../schema/analysis.js';
import type { RuleContext } from '../rule-kit.js';

/** Parallel arrays: feature k is `prefix[k] + value[k]`. */
export interface FeatureList {
  prefix: string[];
  value: string[];
}

export interface DocumentFeatures {
  token: FeatureList[];
  sentence: FeatureList[];
}

/** Every feature prefix, in a fixed order: a template id is an index into this list. */
export const FEATURE_PREFIXES = [
  'w=',
  'w-1=',
  'w+1=',
  'w-2=',
  'w+2=',
  'ww=',
  'wn=',
  'p=',
  'pp=',
  'pn=',
  'pw=',
  'sh=',
  'sf=',
  'pos=',
  'q',
  'rep=',
  'intitle',
  'LB=',
  'L=',
  'RB=',
  'R=',
  '<L=',
  '<LB=',
  '>L=',
  '>LB=',
  'S:',
  'SL=',
  'SN=',
  'SP=',
] as const;
const T = Object.fromEntries(FEATURE_PREFIXES.map((p, i) => [p, i])) as Record<(typeof FEATURE_PREFIXES)[number], number>;

/**
 * Receives features as they are computed: all of a sentence's shared features
 * come before the local features of its tokens. The training path collects
 * them into lists; the stage's scorer adds weights on the fly, so the two
 * cannot disagree about what the features are.
 */
export interface FeatureSink {
  sentence(s: number, template: number, value: string): void;
  token(i: number, template: number, value: string): void;
}

/** The full feature names of a list (training and the model file use these). */
export function featureNames(list: FeatureList): string[] {
  const out = new Array<string>(list.prefix.length);
  for (let k = 0; k < out.length; k++) out[k] = list.prefix[k] + list.value[k];
  return out;
}

const QUOTE_OPEN = new Set(['“', '"', '‘']);
const QUOTE_CLOSE = new Set(['”', '"', '’']);

function shape(v: string): string {
  const c = v.charCodeAt(0);
  if (c >= 65 && c <= 90) return v.length > 1 && v === v.toUpperCase() ? 'AA' : 'Aa';
  if (c >= 97 && c <= 122) return 'a';
  if (c >= 48 && c <= 57) return '0';
  return v.length === 1 ? v : 'x';
}

function bucket(n: number): string {
  return n <= 1 ? '1' : n === 2 ? '2' : n <= 4 ? '3' : '5';
}

const CONTENT = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB']);

/** Features as lists (training, tests). */
export function documentFeatures(ctx: RuleContext, ruleFindings: readonly Finding[]): DocumentFeatures {
  const token: FeatureList[] = ctx.tokens.map(() => ({ prefix: [], value: [] }));
  const sentence: FeatureList[] = ctx.sentences.map(() => ({ prefix: [], value: [] }));
  emitFeatures(ctx, ruleFindings, {
    sentence(s, t, v) {
      sentence[s].prefix.push(FEATURE_PREFIXES[t]);
      sentence[s].value.push(v);
    },
    token(i, t, v) {
      token[i].prefix.push(FEATURE_PREFIXES[t]);
      token[i].value.push(v);
    },
  });
  return { token, sentence };
}

export function emitFeatures(ctx: RuleContext, ruleFindings: readonly Finding[], sink: FeatureSink): void {
  const { tokens, keys, sentences } = ctx;
  const n = tokens.length;
  // Lexicon and rule hits per token: prefixes LB= / L= (lexicon) and RB= / R= (rule).
  const extraP: number[][] = Array.from({ length: n }, () => []);
  const extraV: string[][] = Array.from({ length: n }, () => []);

  for (const [lexicon, hits] of ctx.hits) {
    for (const h of hits) {
      extraP[h.tokenStart].push(T['LB=']);
      extraV[h.tokenStart].push(lexicon);
      for (let k = h.tokenStart; k < h.tokenEnd; k++) {
        extraP[k].push(T['L=']);
        extraV[k].push(lexicon);
      }
    }
  }
  for (const f of ruleFindings) {
    const lo = tokenAt(tokens, f.start);
    for (let k = lo; k < n && tokens[k].start < f.end; k++) {
      extraP[k].push(k === lo ? T['RB='] : T['R=']);
      extraV[k].push(f.ruleId);
    }
  }

  // How often each content word recurs in the document (Repetition).
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) if (tokens[i].kind === 'word' && keys[i].length > 3) counts.set(keys[i], (counts.get(keys[i]) ?? 0) + 1);

  // Words of the title (first sentence): repeated title words are often Repetition.
  const title = new Set<string>();
  if (sentences.length > 0) for (let i = sentences[0].tokenStart; i < sentences[0].tokenEnd; i++) if (keys[i].length > 3) title.add(keys[i]);

  for (let s = 0; s < sentences.length; s++) {
    const { tokenStart, tokenEnd } = sentences[s];
    const words = new Set<string>();
    const lexicons = new Set<string>();
    let wordCount = 0;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = tokens[i];
      if (t.kind === 'word') {
        wordCount++;
        words.add(keys[i]);
      } else if (t.value === '!' || t.value === '?') words.add(t.value);
      const ep = extraP[i];
      for (let e = 0; e < ep.length; e++) if (ep[e] === T['L=']) lexicons.add(extraV[i][e]);
    }
    for (const w of words) sink.sentence(s, T['S:'], w);
    for (const l of lexicons) sink.sentence(s, T['SL='], l);
    sink.sentence(s, T['SN='], bucket(Math.ceil(wordCount / 8)));
    sink.sentence(s, T['SP='], s === 0 ? 'title' : s < 4 ? 'lead' : 'body');

    let quoted = false;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = tokens[i];
      const w = keys[i];
      const p1 = i > tokenStart ? keys[i - 1] : '<s>';
      const p2 = i > tokenStart + 1 ? keys[i - 2] : '<s>';
      const n1 = i + 1 < tokenEnd ? keys[i + 1] : '</s>';
      const n2 = i + 2 < tokenEnd ? keys[i + 2] : '</s>';
      const pp = i > tokenStart ? tokens[i - 1].pos : '<s>';
      const np = i + 1 < tokenEnd ? tokens[i + 1].pos : '</s>';
      if (QUOTE_OPEN.has(t.value) && !quoted) quoted = true;
      else if (QUOTE_CLOSE.has(t.value) && quoted) quoted = false;
      sink.token(i, T['w='], w);
      sink.token(i, T['w-1='], p1);
      sink.token(i, T['w+1='], n1);
      sink.token(i, T['w-2='], p2);
      sink.token(i, T['w+2='], n2);
      sink.token(i, T['ww='], `${p1}|${w}`);
      sink.token(i, T['wn='], `${w}|${n1}`);
      sink.token(i, T['p='], t.pos);
      sink.token(i, T['pp='], `${pp}|${t.pos}`);
      sink.token(i, T['pn='], `${t.pos}|${np}`);
      sink.token(i, T['pw='], `${t.pos}|${w}`);
      sink.token(i, T['sh='], shape(t.value));
      sink.token(i, T['sf='], w.length > 4 ? w.slice(-3) : w);
      sink.token(i, T['pos='], i === tokenStart ? 'first' : i === tokenEnd - 1 ? 'last' : (i - tokenStart) * 3 < tokenEnd - tokenStart ? 'early' : 'mid');
      if (quoted) sink.token(i, T.q, '');
      const c = counts.get(w);
      if (c !== undefined && c > 1 && CONTENT.has(t.pos)) {
        const b = bucket(c);
        sink.token(i, T['rep='], b);
        sink.token(i, T['rep='], `${b}|${t.pos}`);
      }
      if (s > 0 && title.has(w)) sink.token(i, T.intitle, '');
      const ep = extraP[i];
      for (let e = 0; e < ep.length; e++) sink.token(i, ep[e], extraV[i][e]);
      // Cues next to the token ("the [so-called] experts", "[utterly] corrupt").
      if (i > tokenStart) {
        const q = extraP[i - 1];
        for (let e = 0; e < q.length; e++) {
          if (q[e] === T['L=']) sink.token(i, T['<L='], extraV[i - 1][e]);
          else if (q[e] === T['LB=']) sink.token(i, T['<LB='], extraV[i - 1][e]);
        }
      }
      if (i + 1 < tokenEnd) {
        const q = extraP[i + 1];
        for (let e = 0; e < q.length; e++) {
          if (q[e] === T['L=']) sink.token(i, T['>L='], extraV[i + 1][e]);
          else if (q[e] === T['LB=']) sink.token(i, T['>LB='], extraV[i + 1][e]);
        }
      }
    }
  }
}
