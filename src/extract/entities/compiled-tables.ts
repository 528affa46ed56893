/**
 * The entity stage's KB look-up tables (loose names, surnames, title holders,
 * governments), compiled with the KB by scripts/kb/compile.ts into
 * data/kb/compiled/entity-tables.json so that a worker does not fold every
 * name of 29k records at start. Loose names live in a flat trie over the KB's
 * folded-word vocabulary (no string key per name on the heap).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type FlatTrie, FlatTrieBuilder, type FlatTrieJson, fromJson, toJson, walk } from '../../kb/flat-trie.js';
import { type AliasIndex, COMPILED_DIR } from '../../kb/index.js';
import type { KnowledgeBase } from '../../kb/types.js';
import { buildEntityResources } from './entity-resources.js';
import type { LooseNameTable, TitleHolder } from './types.js';

const FORMAT = 'dossier.entity-tables/1';

interface CompiledTables {
  $generated: string;
  format: string;
  /** The KB sources digest the tables were compiled from (must equal the compiled KB's). */
  sources: string;
  loose: FlatTrieJson;
  surnames: Array<[string, string[]]>;
  titleHolders: Array<[string, TitleHolder[]]>;
  governmentOf: Array<[string, string]>;
}

/** The KB-derived tables of `EntityResources`. */
export interface EntityTables {
  looseNames: LooseNameTable;
  surnames: Map<string, string[]>;
  titleHolders: Map<string, TitleHolder[]>;
  governmentOf: Map<string, string>;
  governments: Set<string>;
}

const LOOSE_MEMO_LIMIT = 20_000;

/** Loose keys → record rows, looked up by the KB vocabulary's word ids. */
class LooseNames implements LooseNameTable {
  constructor(
    private readonly trie: FlatTrie,
    private readonly index: AliasIndex,
  ) {}

  /** Answers by key (a bounded memo: names repeat across documents); null for none. */
  private readonly memo = new Map<string, string[] | null>();

  get(key: string): string[] | undefined {
    if (key === '') return undefined;
    let found = this.memo.get(key);
    if (found === undefined) {
      found = this.find(key) ?? null;
      if (this.memo.size >= LOOSE_MEMO_LIMIT) this.memo.clear();
      this.memo.set(key, found);
    }
    return found ?? undefined;
  }

  private find(key: string): string[] | undefined {
    const words = key.split(' ');
    const path = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) path[i] = this.index.vocabulary.ids.get(words[i]) ?? -1;
    const node = walk(this.trie, path);
    if (node < 0) return undefined;
    const { entryStart, entries } = this.trie;
    if (entryStart[node + 1] === entryStart[node]) return undefined;
    const out: string[] = [];
    for (let k = entryStart[node]; k < entryStart[node + 1]; k++) out.push(this.index.ids[entries[k]]);
    return out;
  }
}

/** The JSON of the tables for `kb` (whose alias index is `index`). */
export function compileEntityTables(kb: KnowledgeBase, index: AliasIndex, digest: string): string {
  const res = buildEntityResources(kb, () => [], null, null as never);
  const rowOf = new Map(index.ids.map((id, r) => [id, r]));
  const builder = new FlatTrieBuilder();
  for (const [key, ids] of res.looseNames as Map<string, string[]>) {
    const path = key.split(' ').map((w) => {
      const id = index.vocabulary.ids.get(w);
      if (id === undefined) throw new Error(`loose name word "${w}" is not in the KB vocabulary`);
      return id;
    });
    builder.entriesAt(path).push(...ids.map((id) => rowOf.get(id) as number));
  }
  const tables: CompiledTables = {
    $generated: 'by scripts/kb/compile.ts from data/kb; do not edit',
    format: FORMAT,
    sources: digest,
    loose: toJson(builder.build(index.vocabulary.words.length)),
    surnames: [...res.surnames],
    titleHolders: [...res.titleHolders],
    governmentOf: [...res.governmentOf],
  };
  return `{${Object.entries(tables)
    .map(([k, v]) =>
      k === 'loose'
        ? `"loose":{${Object.entries(v as FlatTrieJson).map(([a, b]) => `\n${JSON.stringify(a)}:${JSON.stringify(b)}`)}}`
        : `${JSON.stringify(k)}:${JSON.stringify(v)}`,
    )
    .join(',\n')}}\n`;
}

/**
 * Load the compiled tables when they exist and were compiled from the same KB
 * sources as the loaded compiled index; null otherwise (the caller derives them).
 */
export function loadEntityTables(dataDir: string, index: AliasIndex): EntityTables | null {
  const file = path.join(dataDir, COMPILED_DIR, 'entity-tables.json');
  if (index.sources === undefined || !existsSync(file)) return null;
  const t = JSON.parse(readFileSync(file, 'utf8')) as CompiledTables;
  if (t.format !== FORMAT || t.sources !== index.sources) return null;
  const governmentOf = new Map(t.governmentOf);
  return {
    looseNames: new LooseNames(fromJson(t.loose, index.vocabulary.words.length), index),
    surnames: new Map(t.surnames),
    titleHolders: new Map(t.titleHolders),
    governmentOf,
    governments: new Set(governmentOf.values()),
  };
}
