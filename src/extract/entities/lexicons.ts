import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../../pipeline/parse-yaml.js';
import type { EntityType, Relation } from '../../schema/analysis.js';
import { foldWord } from './fold.js';
import { PhraseSet } from './phrase-set.js';

type RelationType = Relation['type'];

/** The entity lexicons of data/lexicons/entities/, compiled for look-ups over tokens. */
export interface EntityLexicons {
  titles: PhraseSet;
  honorifics: PhraseSet;
  portfolios: PhraseSet;
  portfolioHeads: PhraseSet;
  /** Role phrase → the relation "<Org> <role> <Person>" states. */
  roleWords: PhraseSet;
  roleRelation: Map<string, RelationType>;
  proxyHeads: Set<string>;
  pronouns: Map<string, EntityType[]>;
  possessives: Map<string, EntityType[]>;
  collectives: Set<string>;
  collectivesNeedingModifier: Set<string>;
  religiousEthnic: Set<string>;
  governmentNouns: Set<string>;
  salientStateLabels: PhraseSet;
  /** Folded head word → type, for unknown names. */
  typeHeads: Map<string, EntityType>;
  locativePrepositions: Set<string>;
  nameConnectors: Set<string>;
  calendarWords: Set<string>;
  nonNameWords: Set<string>;
  headlineWords: Set<string>;
}

interface RawTitles {
  titles: string[];
  honorifics: string[];
  portfolios: string[];
  'portfolio-heads': string[];
}
interface RawGroups {
  collectives: string[];
  'collectives-needing-modifier': string[];
  'religious-ethnic': string[];
  'government-nouns': string[];
  'salient-state-labels': string[];
  'type-heads': Record<string, string[]>;
}
interface RawCues {
  'locative-prepositions': string[];
  'name-connectors': string[];
  'calendar-words': string[];
  'non-name-words': string[];
  'headline-words': string[];
}
interface RawPronouns {
  pronouns: Record<string, EntityType[]>;
  possessives: Record<string, EntityType[]>;
}

const RELATION_KEYS: RelationType[] = ['LEADER_OF', 'MEMBER_OF', 'MOUTHPIECE_OF', 'PROXY_OF'];

/** Load and compile the lexicons; throws on a duplicate entry (lexicons are reviewed data). */
export function loadEntityLexicons(dataDir: string): EntityLexicons {
  const dir = path.join(dataDir, 'lexicons', 'entities');
  const read = <T>(f: string): T => parseYaml(readFileSync(path.join(dir, f), 'utf8')) as T;
  return compileEntityLexicons({
    titles: read<RawTitles>('titles.yml'),
    roles: read<Record<string, string[]>>('role-words.yml'),
    pronouns: read<RawPronouns>('pronouns.yml'),
    groups: read<RawGroups>('group-nouns.yml'),
    cues: read<RawCues>('context-cues.yml'),
  });
}

export function compileEntityLexicons(raw: {
  titles: RawTitles;
  roles: Record<string, string[]>;
  pronouns: RawPronouns;
  groups: RawGroups;
  cues: RawCues;
}): EntityLexicons {
  const roleRelation = new Map<string, RelationType>();
  for (const type of RELATION_KEYS) {
    for (const w of unique(raw.roles[type] ?? [], `role-words.yml ${type}`)) roleRelation.set(foldWord(w).replace(/-/g, ' '), type);
  }
  const typeHeads = new Map<string, EntityType>();
  for (const [type, words] of Object.entries(raw.groups['type-heads'])) {
    for (const w of words) if (!typeHeads.has(foldWord(w))) typeHeads.set(foldWord(w), type as EntityType);
  }
  const toMap = (o: Record<string, EntityType[]>) => new Map(Object.entries(o).map(([k, v]) => [foldWord(k), v]));
  return {
    titles: new PhraseSet(unique(raw.titles.titles, 'titles.yml titles')),
    honorifics: new PhraseSet(unique(raw.titles.honorifics, 'titles.yml honorifics')),
    portfolios: new PhraseSet(unique(raw.titles.portfolios, 'titles.yml portfolios')),
    portfolioHeads: new PhraseSet(unique(raw.titles['portfolio-heads'], 'titles.yml portfolio-heads')),
    roleWords: new PhraseSet(roleRelation.keys()),
    roleRelation,
    proxyHeads: foldSet(raw.roles['proxy-heads'] ?? [], 'role-words.yml proxy-heads'),
    pronouns: toMap(raw.pronouns.pronouns),
    possessives: toMap(raw.pronouns.possessives),
    collectives: foldSet(raw.groups.collectives, 'group-nouns.yml collectives'),
    collectivesNeedingModifier: foldSet(raw.groups['collectives-needing-modifier'], 'group-nouns.yml collectives-needing-modifier'),
    religiousEthnic: foldSet(raw.groups['religious-ethnic'], 'group-nouns.yml religious-ethnic'),
    governmentNouns: foldSet(raw.groups['government-nouns'], 'group-nouns.yml government-nouns'),
    // With and without the article: the KB matcher may drop "the" ("[Iranian] regime").
    salientStateLabels: new PhraseSet(
      unique(raw.groups['salient-state-labels'], 'group-nouns.yml salient-state-labels').flatMap((l) => [l, l.replace(/^the\s+/i, '')]),
    ),
    typeHeads,
    locativePrepositions: foldSet(raw.cues['locative-prepositions'], 'context-cues.yml locative-prepositions'),
    nameConnectors: foldSet(raw.cues['name-connectors'], 'context-cues.yml name-connectors'),
    calendarWords: foldSet(raw.cues['calendar-words'], 'context-cues.yml calendar-words'),
    nonNameWords: foldSet(raw.cues['non-name-words'], 'context-cues.yml non-name-words'),
    headlineWords: foldSet(raw.cues['headline-words'], 'context-cues.yml headline-words'),
  };
}

function unique(list: string[], where: string): string[] {
  const seen = new Set<string>();
  for (const w of list) {
    const k = foldWord(String(w));
    if (seen.has(k)) throw new Error(`duplicate lexicon entry "${w}" in ${where}`);
    seen.add(k);
  }
  return list.map(String);
}

function foldSet(list: string[], where: string): Set<string> {
  return new Set(unique(list, where).map(foldWord));
}

/**
 * A word → bit-flags table derived from one lexicon set, built on first use and
 * kept as long as the set lives (stages look flags up per token instead of
 * asking several word sets).
 */
export function lexiconWordFlags(fill: (lex: EntityLexicons, add: (word: string, flag: number) => void) => void): (lex: EntityLexicons) => Map<string, number> {
  const built = new WeakMap<EntityLexicons, Map<string, number>>();
  return (lex) => {
    let flags = built.get(lex);
    if (flags) return flags;
    const table = new Map<string, number>();
    fill(lex, (word, flag) => table.set(word, (table.get(word) ?? 0) | flag));
    flags = table;
    built.set(lex, flags);
    return flags;
  };
}
