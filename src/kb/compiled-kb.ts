/**
 * The compiled knowledge base: data/kb/compiled/, generated from the reviewed
 * sources (kb/curated/*.yaml, kb/generated/*.jsonl) by scripts/kb/compile.ts.
 * Loading it skips the YAML parser, the per-record objects and the trie build:
 *
 * - `records.jsonl`: a header, then one merged record per line (extensions
 *   applied, exactly as the source loader builds them), in KB order. Kept as one
 *   buffer; a record becomes an object only when someone asks for it.
 * - `index.json`: the record ids, the folded-word vocabulary and the alias trie
 *   as flat integer arrays.
 *
 * Both headers carry a digest of the sources; when it does not match (someone
 * edited the YAML and did not re-run the compiler) the loader falls back to the
 * sources, so a stale compiled file can slow a start but never change an answer.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type AliasIndex, aliasIndexFrom, buildAliasIndex, kbVocabulary, lookupSurface } from './alias-index.js';
import { type FlatTrieJson, fromJson, toJson } from './flat-trie.js';
import type { KbEntity, KnowledgeBase } from './types.js';
import { vocabularyFromWords } from './vocabulary.js';

export const COMPILED_DIR = path.join('kb', 'compiled');
const FORMAT = 'dossier.kb-compiled/1';
const GENERATOR = 'scripts/kb/compile.ts';

interface CompiledHeader {
  $generated: string;
  format: string;
  /** sha256 over the source files' names and bytes (see `sourceDigest`). */
  sources: string;
}

interface CompiledIndex extends CompiledHeader {
  ids: string[];
  words: string[];
  aliasSize: number;
  alias: FlatTrieJson;
}

/** The KB source files under `<dataDir>/kb`, in the order the source loader reads them. */
function sourceFiles(dataDir: string): string[] {
  const out: string[] = [];
  for (const [sub, ok] of [
    ['generated', (f: string) => f.endsWith('.jsonl')],
    ['curated', (f: string) => f.endsWith('.yaml') || f.endsWith('.yml')],
  ] as const) {
    const dir = path.join(dataDir, 'kb', sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter(ok).sort()) out.push(path.join(dir, f));
  }
  return out;
}

/** Digest of the KB sources: file names (relative to kb/) and contents. */
export function sourceDigest(dataDir: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(dataDir)) {
    hash.update(path.relative(path.join(dataDir, 'kb'), file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The compiled files' contents for a KB built from the sources (the compiler
 * script writes them; the KB test checks the committed ones are not stale).
 */
export function compileKnowledgeBase(kb: KnowledgeBase, digest: string): { records: string; index: string; aliasIndex: AliasIndex } {
  const header: CompiledHeader = { $generated: `by ${GENERATOR} from data/kb/curated and data/kb/generated; do not edit`, format: FORMAT, sources: digest };
  const records = [JSON.stringify(header), ...kb.entities.map((e) => JSON.stringify(e)), ''].join('\n');
  const aliasIndex = buildAliasIndex(kb, kbVocabulary(kb));
  const index: CompiledIndex = {
    ...header,
    ids: aliasIndex.ids.slice(),
    words: aliasIndex.vocabulary.words.slice(),
    aliasSize: aliasIndex.size,
    alias: toJson(aliasIndex.trie),
  };
  // One array per line: reviewable diffs without a 100k-line file.
  const body = Object.entries(index)
    .map(
      ([k, v]) =>
        `${JSON.stringify(k)}:${k === 'alias' ? `{${Object.entries(v as FlatTrieJson).map(([a, b]) => `\n${JSON.stringify(a)}:${JSON.stringify(b)}`)}}` : JSON.stringify(v)}`,
    )
    .join(',\n');
  return { records, index: `{${body}}\n`, aliasIndex };
}

/** The lazily materialised records of a compiled KB, as a ReadonlyMap by id. */
class LazyRecords implements ReadonlyMap<string, KbEntity> {
  private readonly cache = new Map<number, KbEntity>();
  private all: KbEntity[] | null = null;

  constructor(
    private readonly buffer: Buffer,
    /** Byte offset of row r's line is `lineStart[r]`; it ends before `lineStart[r + 1] - 1` (the newline). */
    private readonly lineStart: Int32Array,
    readonly rowOf: ReadonlyMap<string, number>,
    private readonly ids: readonly string[],
  ) {}

  get size(): number {
    return this.ids.length;
  }

  row(r: number): KbEntity {
    let e = this.cache.get(r);
    if (e === undefined) {
      e = JSON.parse(this.buffer.toString('utf8', this.lineStart[r], this.lineStart[r + 1] - 1)) as KbEntity;
      this.cache.set(r, e);
    }
    return e;
  }

  get(id: string): KbEntity | undefined {
    const r = this.rowOf.get(id);
    return r === undefined ? undefined : this.row(r);
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  entitiesList(): KbEntity[] {
    this.all ??= this.ids.map((_, r) => this.row(r));
    return this.all;
  }

  forEach(f: (value: KbEntity, key: string, map: ReadonlyMap<string, KbEntity>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) f.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[string, KbEntity]> {
    for (let r = 0; r < this.ids.length; r++) yield [this.ids[r], this.row(r)];
  }
  *keys(): MapIterator<string> {
    yield* this.ids;
  }
  *values(): MapIterator<KbEntity> {
    for (let r = 0; r < this.ids.length; r++) yield this.row(r);
  }
  [Symbol.iterator](): MapIterator<[string, KbEntity]> {
    return this.entries();
  }
}

/**
 * Load `<dataDir>/kb/compiled/` when it is present and matches the sources;
 * null otherwise (the caller then builds from the sources).
 */
export function loadCompiledKnowledgeBase(dataDir: string, digest = sourceDigest(dataDir)): { kb: KnowledgeBase; kbIndex: AliasIndex } | null {
  const dir = path.join(dataDir, COMPILED_DIR);
  const recordsFile = path.join(dir, 'records.jsonl');
  const indexFile = path.join(dir, 'index.json');
  if (!existsSync(recordsFile) || !existsSync(indexFile)) return null;
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as CompiledIndex;
  if (index.format !== FORMAT || index.sources !== digest) return null;
  const buffer = readFileSync(recordsFile);
  const ids = index.ids;
  // Line starts: line 0 is the header, row r is line r + 1.
  const lineStart = new Int32Array(ids.length + 1);
  let at = buffer.indexOf(10) + 1;
  for (let r = 0; r <= ids.length; r++) {
    lineStart[r] = at;
    if (r < ids.length) {
      const nl = buffer.indexOf(10, at);
      if (nl < 0) return null;
      at = nl + 1;
    }
  }
  if (lineStart[ids.length] !== buffer.length) return null;
  const header = JSON.parse(buffer.toString('utf8', 0, lineStart[0] - 1)) as CompiledHeader;
  if (header.format !== FORMAT || header.sources !== digest) return null;
  const rowOf = new Map<string, number>();
  for (let r = 0; r < ids.length; r++) rowOf.set(ids[r], r);
  const records = new LazyRecords(buffer, lineStart, rowOf, ids);
  const vocabulary = vocabularyFromWords(index.words);
  const kbIndex = aliasIndexFrom(ids, vocabulary, fromJson(index.alias, index.words.length), index.aliasSize, digest);
  const kb: KnowledgeBase = {
    get entities() {
      return records.entitiesList();
    },
    byId: records,
    lookup: (surface: string) => lookupSurface(kbIndex, surface),
  };
  return { kb, kbIndex };
}
