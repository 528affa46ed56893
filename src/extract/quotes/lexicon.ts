import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../../pipeline/parse-yaml.js';

export type Stance = 'neutral' | 'endorsing' | 'distancing';
export type CueKind = 'speech' | 'belief' | 'attitude';
/** What may follow a reporting verb as its content (see reporting-verbs.yml). */
export type Frame = 'clause' | 'question' | 'infinitive' | 'object';

/** One inflected form of a reporting verb, as looked up by a token's lower-cased value. */
export interface VerbForm {
  lemma: string;
  stance: Stance;
  kind: CueKind;
  /** The verb takes its addressee before the content ("told reporters that …"). */
  object: boolean;
  /** Second word of a phrasal verb ("pointed" + "out"), or null. */
  particle: string | null;
  /** The form is a present participle ("saying", "adding"). */
  participle: boolean;
  frames: ReadonlySet<Frame>;
}

export interface CuePattern {
  reason: string;
  tokens: string[];
  source: 'after' | 'none';
  lemma: string;
  stance: Stance;
}

/** The compiled quote lexicon: what the quotes stage looks up per token. */
export interface QuoteLexicon {
  /** First word of a form → the verb readings it starts (a phrasal verb adds its particle). */
  verbs: Map<string, VerbForm[]>;
  /** First token of a multi-word cue pattern → the patterns starting with it. */
  patterns: Map<string, CuePattern[]>;
}

interface VerbEntry {
  lemma: string;
  stance: Stance;
  kind: CueKind;
  object?: boolean;
  forms?: string[];
  frames?: Frame[];
}

const STANCES = new Set(['neutral', 'endorsing', 'distancing']);
const KINDS = new Set(['speech', 'belief', 'attitude']);
const FRAMES = new Set(['clause', 'question', 'infinitive', 'object']);
const WORD = /^[a-z]+(?: [a-z]+)?$/;

/**
 * Regular inflections of an English verb: base, 3rd person, past, participle.
 * Irregular verbs and doubled consonants list their forms in the lexicon instead.
 *
 * @example regularForms('note') // ['note', 'notes', 'noted', 'noting']
 */
export function regularForms(lemma: string): string[] {
  const consonantY = /[^aeiou]y$/.test(lemma);
  const third = consonantY ? `${lemma.slice(0, -1)}ies` : /(?:s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  const past = consonantY ? `${lemma.slice(0, -1)}ied` : lemma.endsWith('e') ? `${lemma}d` : `${lemma}ed`;
  const ing = lemma.endsWith('e') && !/(?:ee|ye|oe)$/.test(lemma) ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`;
  return [lemma, third, past, ing];
}

/**
 * Compile the YAML lexicon into look-up maps. Rejects duplicate lemmas, duplicate
 * forms, unknown stances and forms that are not lower-case words, so that a bad
 * edit fails loudly at load time instead of silently changing results.
 */
export function compileQuoteLexicon(verbsYaml: unknown, patternsYaml: unknown): QuoteLexicon {
  const verbs = new Map<string, VerbForm[]>();
  const seenLemma = new Set<string>();
  const seenForm = new Set<string>();
  const entries = (verbsYaml as { verbs?: VerbEntry[] })?.verbs;
  if (!Array.isArray(entries)) throw new Error('reporting-verbs: missing `verbs` list');
  for (const e of entries) {
    if (!e || typeof e.lemma !== 'string' || !WORD.test(e.lemma)) throw new Error(`reporting-verbs: bad lemma ${JSON.stringify(e)}`);
    if (seenLemma.has(e.lemma)) throw new Error(`reporting-verbs: duplicate lemma "${e.lemma}"`);
    seenLemma.add(e.lemma);
    if (!STANCES.has(e.stance)) throw new Error(`reporting-verbs: bad stance for "${e.lemma}"`);
    if (!KINDS.has(e.kind)) throw new Error(`reporting-verbs: bad kind for "${e.lemma}"`);
    const frameList = e.frames ?? ['clause'];
    if (!Array.isArray(frameList) || frameList.length === 0 || frameList.some((f) => !FRAMES.has(f)))
      throw new Error(`reporting-verbs: bad frames for "${e.lemma}"`);
    const frames: ReadonlySet<Frame> = new Set(frameList);
    const forms = e.forms ?? regularForms(e.lemma);
    for (const form of forms) {
      if (!WORD.test(form)) throw new Error(`reporting-verbs: bad form "${form}" of "${e.lemma}"`);
      if (seenForm.has(form)) throw new Error(`reporting-verbs: duplicate form "${form}"`);
      seenForm.add(form);
      const [first, particle] = form.split(' ');
      const reading: VerbForm = {
        lemma: e.lemma,
        stance: e.stance,
        kind: e.kind,
        object: e.object === true,
        particle: particle ?? null,
        participle: first.endsWith('ing') && first !== e.lemma,
        frames,
      };
      const list = verbs.get(first);
      if (list) list.push(reading);
      else verbs.set(first, [reading]);
    }
  }
  // Phrasal readings first, so "pointed out" wins over a bare "pointed" if both exist.
  for (const list of verbs.values()) list.sort((a, b) => Number(b.particle !== null) - Number(a.particle !== null));

  const patterns = new Map<string, CuePattern[]>();
  const list = (patternsYaml as { patterns?: CuePattern[] })?.patterns;
  if (!Array.isArray(list)) throw new Error('cue-patterns: missing `patterns` list');
  const seenReason = new Set<string>();
  for (const p of list) {
    if (!p || typeof p.reason !== 'string' || !Array.isArray(p.tokens) || p.tokens.length === 0) {
      throw new Error(`cue-patterns: bad pattern ${JSON.stringify(p)}`);
    }
    if (seenReason.has(p.reason)) throw new Error(`cue-patterns: duplicate reason "${p.reason}"`);
    seenReason.add(p.reason);
    if (p.source !== 'after' && p.source !== 'none') throw new Error(`cue-patterns: bad source in "${p.reason}"`);
    if (!STANCES.has(p.stance)) throw new Error(`cue-patterns: bad stance in "${p.reason}"`);
    const first = p.tokens[0];
    const at = patterns.get(first);
    if (at) at.push(p);
    else patterns.set(first, [p]);
  }
  for (const at of patterns.values()) at.sort((a, b) => b.tokens.length - a.tokens.length);
  return { verbs, patterns };
}

/** Read and compile `data/lexicons/quotes/*.yml`. */
export function loadQuoteLexicon(dataDir: string): QuoteLexicon {
  const dir = path.join(dataDir, 'lexicons', 'quotes');
  const verbs = parseYaml(readFileSync(path.join(dir, 'reporting-verbs.yml'), 'utf8')) as unknown;
  const patterns = parseYaml(readFileSync(path.join(dir, 'cue-patterns.yml'), 'utf8')) as unknown;
  return compileQuoteLexicon(verbs, patterns);
}
