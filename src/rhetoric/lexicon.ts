/**
 * Rhetoric lexicons: reviewable YAML under `data/lexicons/rhetoric/`, one file
 * per cue family, compiled once (in the stage's `load`) into a phrase matcher
 * over tokens. Matching compares light stems of token keys (lower case, curly
 * apostrophes straightened, plural -s dropped), so "thugs" matches "thug" and
 * "so-called" matches whether wink-nlp splits the hyphen or not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// js-yaml, not yaml: 5× faster to load; lexicon.test.ts checks both read every shipped file alike.
import { load as parseYaml } from 'js-yaml';
import type { Token } from '../document/segment.js';
import type { Technique } from '../schema/analysis.js';
import { TECHNIQUES } from '../schema/vocabulary.js';

/** One lexicon file as written by people. */
export interface LexiconSource {
  /** Stable id (the file name without `.yaml`). */
  id: string;
  /** The technique a hit is evidence for, or null for auxiliary cue lists. */
  technique: Technique | null;
  description: string;
  /** Phrases; a single word ending in `*` matches any word with that prefix. */
  terms: string[];
}

export interface LexiconHit {
  lexicon: string;
  /** The term as written in the lexicon (the `reason` detail). */
  term: string;
  /** `[tokenStart, tokenEnd)`. */
  tokenStart: number;
  tokenEnd: number;
}

interface Phrase {
  lexicon: string;
  term: string;
  rest: string[];
}

/** The compiled matcher: phrases indexed by the stem of their first token. */
export interface CompiledLexicons {
  sources: LexiconSource[];
  byId: Map<string, LexiconSource>;
  first: Map<string, Phrase[]>;
  prefixes: Array<{ lexicon: string; term: string; prefix: string }>;
}

/** Lower case, straight apostrophes, plural -s / -ies folded: the key tokens and terms are compared on. */
export function stemKey(lower: string): string {
  let s = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  const n = s.length;
  if (n > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (n > 3 && s.charCodeAt(n - 1) === 115 /* s */) {
    const p = s.charCodeAt(n - 2);
    if (p !== 115 && p !== 117 /* u */ && p !== 105 /* i */ && p !== 39 /* ' */) s = s.slice(0, -1);
  }
  return s;
}

// The token shapes wink-nlp produces for a term: words split on spaces, with
// clitics ('s, n't) and hyphens both split and kept, since wink does either.
function termVariants(term: string): string[][] {
  const words = term
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/([a-z])('s|n't)\b/g, '$1 $2')
    .replace(/([.,!?;:“”"])/g, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);
  let variants: string[][] = [[]];
  for (const w of words) {
    const next: string[][] = [];
    for (const v of variants) {
      next.push([...v, w]);
      if (w.includes('-') && w.length > 1) next.push([...v, ...w.split(/(-)/).filter(Boolean)]);
    }
    variants = next;
  }
  return variants.map((v) => v.map(stemKey));
}

/** Problems that make a lexicon unusable: duplicates (after stemming), empty or odd terms, unknown techniques. */
export function validateLexicons(sources: readonly LexiconSource[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const ids = new Set<string>();
  for (const src of sources) {
    if (ids.has(src.id)) problems.push(`${src.id}: duplicate lexicon id`);
    ids.add(src.id);
    if (!/^[a-z][a-z0-9-]*$/.test(src.id)) problems.push(`${src.id}: id must be kebab-case`);
    if (src.technique !== null && !(TECHNIQUES as readonly string[]).includes(src.technique)) problems.push(`${src.id}: unknown technique ${src.technique}`);
    if (!src.description || src.description.trim().length < 10) problems.push(`${src.id}: missing description`);
    if (!Array.isArray(src.terms) || src.terms.length === 0) problems.push(`${src.id}: no terms`);
    for (const term of src.terms ?? []) {
      if (typeof term !== 'string' || term.trim() !== term || term.length === 0) {
        problems.push(`${src.id}: bad term ${JSON.stringify(term)}`);
        continue;
      }
      if (/[\t\n<>{}]/.test(term)) problems.push(`${src.id}: bad characters in ${JSON.stringify(term)}`);
      const key = `${src.id}\u0000${termVariants(term)[0].join(' ')}${term.endsWith('*') ? '*' : ''}`;
      const prev = seen.get(key);
      if (prev !== undefined) problems.push(`${src.id}: duplicate term ${JSON.stringify(term)} (same as ${JSON.stringify(prev)})`);
      else seen.set(key, term);
    }
  }
  return problems;
}

/** Read every `*.yaml` of a folder (sorted), without compiling. */
export function readLexiconSources(dir: string): LexiconSource[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const raw = parseYaml(readFileSync(path.join(dir, f), 'utf8')) as Partial<LexiconSource>;
      return {
        id: f.slice(0, -'.yaml'.length),
        technique: (raw.technique ?? null) as Technique | null,
        description: String(raw.description ?? ''),
        terms: (raw.terms ?? []).map((t) => String(t)),
      };
    });
}

/** Validate and compile; throws on any problem so that a bad lexicon never loads. */
export function compileLexicons(sources: readonly LexiconSource[]): CompiledLexicons {
  const problems = validateLexicons(sources);
  if (problems.length > 0) throw new Error(`rhetoric lexicons:\n  ${problems.join('\n  ')}`);
  const first = new Map<string, Phrase[]>();
  const prefixes: CompiledLexicons['prefixes'] = [];
  for (const src of sources) {
    for (const term of src.terms) {
      if (term.endsWith('*') && !term.includes(' ')) {
        prefixes.push({ lexicon: src.id, term, prefix: term.slice(0, -1).toLowerCase() });
        continue;
      }
      for (const v of termVariants(term)) {
        const list = first.get(v[0]) ?? [];
        if (!list.some((p) => p.lexicon === src.id && p.rest.join(' ') === v.slice(1).join(' '))) list.push({ lexicon: src.id, term, rest: v.slice(1) });
        first.set(v[0], list);
      }
    }
  }
  for (const list of first.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return { sources: [...sources], byId: new Map(sources.map((s) => [s.id, s])), first, prefixes };
}

export function loadLexicons(dir: string): CompiledLexicons {
  return compileLexicons(readLexiconSources(dir));
}

/**
 * Every lexicon hit in a token list (longest phrase per lexicon at each start;
 * different lexicons may hit the same tokens). `keys` are `stemKey(token.lower)`;
 * with `wordIds` / `words` (RuleContext) each distinct key is looked up once.
 */
export function matchLexicons(
  lex: CompiledLexicons,
  tokens: readonly Token[],
  keys: readonly string[],
  wordIds?: Int32Array,
  words?: readonly string[],
): LexiconHit[] {
  const hits: LexiconHit[] = [];
  const n = tokens.length;
  const firstOf = wordIds && words ? words.map((w) => lex.first.get(w)) : null;
  for (let i = 0; i < n; i++) {
    const list = firstOf ? firstOf[(wordIds as Int32Array)[i]] : lex.first.get(keys[i]);
    if (list !== undefined) {
      let done: string[] | null = null;
      for (const p of list) {
        if (done?.includes(p.lexicon)) continue;
        const m = p.rest.length;
        if (i + 1 + m > n) continue;
        let ok = true;
        for (let k = 0; k < m; k++) {
          if (keys[i + 1 + k] !== p.rest[k] || tokens[i + 1 + k].sentence !== tokens[i].sentence) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        hits.push({ lexicon: p.lexicon, term: p.term, tokenStart: i, tokenEnd: i + 1 + m });
        (done ??= []).push(p.lexicon);
      }
    }
    if (lex.prefixes.length > 0) {
      const k = keys[i];
      for (const p of lex.prefixes) if (k.startsWith(p.prefix)) hits.push({ lexicon: p.lexicon, term: p.term, tokenStart: i, tokenEnd: i + 1 });
    }
  }
  return hits;
}
