import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assembleDictionaries, type CompiledDictionaries, compileDictionaries } from './compile.js';
import { type NameData, nameTableFrom } from './name-table.js';
import { readActors, readAgents, readDiscards, readVerbs } from './read-petrarch.js';
import type { ActorEntry, AgentEntry, CameoDictionaries, DiscardEntry, VerbDictionary } from './types.js';

/** File names of the converted set under data/cameo/ (written by scripts/cameo/convert.ts). */
export const CONVERTED_FILES = {
  verbs: 'verbs.json',
  actors: 'actors.jsonl',
  agents: 'agents.jsonl',
  discards: 'discards.jsonl',
  /** actors + agents as a flat trie (scripts/cameo/compile-names.ts): what the stage loads. */
  names: 'names.compiled.json',
} as const;

/**
 * The compiled dictionaries of a folder: from the converted set with its compiled
 * name trie when present (fast: no actor file is parsed), else compiled from text.
 */
export function loadCompiledDictionaries(dir: string): CompiledDictionaries {
  const names = path.join(dir, CONVERTED_FILES.names);
  if (!existsSync(path.join(dir, CONVERTED_FILES.verbs)) || !existsSync(names)) return compileDictionaries(loadCameoDictionaries(dir));
  const verbs = readConvertedVerbs(dir);
  const discards = readJsonl<DiscardEntry>(path.join(dir, CONVERTED_FILES.discards));
  return assembleDictionaries(verbs, discards, nameTableFrom(JSON.parse(readFileSync(names, 'utf8')) as NameData));
}

/**
 * Read a CAMEO dictionary folder: either the converted JSON set (data/cameo/,
 * recognised by `verbs.json`) or raw PETRARCH files, picked by name — files
 * whose names contain `verbs`, `actors`, `agents`, `discards` (case-insensitive).
 * Several actor files are concatenated (Phoenix ships three).
 *
 * @example
 * const dicts = loadCameoDictionaries('../shared/eval/petrarch2');
 */
export function loadCameoDictionaries(dir: string): CameoDictionaries {
  if (existsSync(path.join(dir, CONVERTED_FILES.verbs))) return loadConverted(dir);
  const files = readdirSync(dir)
    .filter((f) => /\.txt$/i.test(f))
    .sort();
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const pick = (word: string) => files.filter((f) => f.toLowerCase().includes(word));
  // PETRARCH's verb file may be called CAMEO.x.txt: fall back to it when none says "verbs".
  const verbFiles = pick('verbs').length > 0 ? pick('verbs') : files.filter((f) => /^cameo/i.test(f));
  if (verbFiles.length === 0) throw new Error(`no verbs dictionary in ${dir}`);
  const verbs = mergeVerbs(verbFiles.map((f) => readVerbs(read(f))));
  return {
    verbs,
    actors: pick('actors').flatMap((f) => readActors(read(f))),
    agents: pick('agents').flatMap((f) => readAgents(read(f))),
    discards: pick('discards').flatMap((f) => readDiscards(read(f))),
  };
}

function mergeVerbs(list: VerbDictionary[]): VerbDictionary {
  if (list.length === 1) return list[0];
  return { synsets: Object.assign({}, ...list.map((v) => v.synsets)), blocks: list.flatMap((v) => v.blocks) };
}

function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{') && !l.startsWith('{"generated"'))
    .map((l) => JSON.parse(l) as T);
}

function readConvertedVerbs(dir: string): VerbDictionary {
  const verbs = JSON.parse(readFileSync(path.join(dir, CONVERTED_FILES.verbs), 'utf8')) as VerbDictionary & { generated?: string };
  return { synsets: verbs.synsets, blocks: verbs.blocks };
}

function loadConverted(dir: string): CameoDictionaries {
  return {
    verbs: readConvertedVerbs(dir),
    actors: readJsonl<ActorEntry>(path.join(dir, CONVERTED_FILES.actors)),
    agents: readJsonl<AgentEntry>(path.join(dir, CONVERTED_FILES.agents)),
    discards: readJsonl<DiscardEntry>(path.join(dir, CONVERTED_FILES.discards)),
  };
}
