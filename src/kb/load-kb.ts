import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { loadCompiledKnowledgeBase } from './compiled-kb.js';
import { foldName } from './fold.js';
import { parseKbRecord } from './record-schema.js';
import type { KbEntity, KnowledgeBase, MatchKind } from './types.js';

/** First line of a generated JSONL file: marks it as generated, never a record. */
export interface GeneratedHeader {
  $generated: string;
}

// When one record lists the same folded surface twice, keep the strongest reading.
const KIND_RANK: Record<MatchKind, number> = { name: 0, alias: 1, title: 2, metonym: 3 };

/** Every surface of a record with the kind a mention found through it gets. */
export function surfacesOf(e: KbEntity): Array<{ surface: string; kind: MatchKind }> {
  const out: Array<{ surface: string; kind: MatchKind }> = [{ surface: e.name, kind: 'name' }];
  for (const a of e.aliases) out.push({ surface: a, kind: 'alias' });
  for (const t of e.titles ?? []) out.push({ surface: t, kind: 'title' });
  for (const m of e.metonyms ?? []) out.push({ surface: m, kind: 'metonym' });
  return out;
}

/** Read the curated YAML files of `dir`, sorted by file name; each holds a list of records. */
export function readCuratedRecords(dir: string): Array<{ entity: KbEntity; where: string }> {
  if (!existsSync(dir)) return [];
  const out: Array<{ entity: KbEntity; where: string }> = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()) {
    const full = path.join(dir, file);
    const doc = parseYaml(readFileSync(full, 'utf8')) as unknown;
    if (!Array.isArray(doc)) throw new Error(`${full}: expected a YAML list of KB records`);
    doc.forEach((raw, i) => {
      const where = `${full} record ${i + 1}`;
      out.push({ entity: parseKbRecord(raw, 'curated', where), where });
    });
  }
  return out;
}

/**
 * A generated line that adds names (and codes, when the curated record has none)
 * to the curated record it duplicates: the curated record wins, the aliases merge.
 */
export interface KbExtension {
  extends: string;
  aliases: string[];
  cameo?: KbEntity['cameo'];
  where: string;
}

/**
 * A generated record as its generator wrote it, without re-validating it: the
 * generator validated every record, and `loadKnowledgeBase(dir, { validate: true })`
 * (run by the KB tests) checks them all again. Parsing 29k records with zod at
 * every start would cost more than half a second per worker thread.
 */
function trustedRecord(raw: unknown, where: string): KbEntity {
  const r = raw as Partial<KbEntity> & { cameo?: Array<string | { code: string }> };
  if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.name !== 'string' || typeof r.type !== 'string') {
    throw new Error(`${where}: not a KB record (needs id, name and type)`);
  }
  const cameo = r.cameo?.map((c) => (typeof c === 'string' ? { code: c } : c));
  return { ...(r as KbEntity), aliases: r.aliases ?? [], ...(cameo ? { cameo } : {}), origin: 'phoenix' };
}

/** Read the generated JSONL files of `dir` (first line a `$generated` header). */
export function readGeneratedRecords(dir: string, extensions: KbExtension[] = [], validate = true): Array<{ entity: KbEntity; where: string }> {
  if (!existsSync(dir)) return [];
  const out: Array<{ entity: KbEntity; where: string }> = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const full = path.join(dir, file);
    const lines = readFileSync(full, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === '') continue;
      const where = `${full}:${i + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (err) {
        throw new Error(`${where}: not JSON: ${(err as Error).message}`);
      }
      if (i === 0 && typeof raw === 'object' && raw !== null && '$generated' in raw) continue;
      if (!validate && typeof raw === 'object' && raw !== null && 'extends' in raw) {
        const ext = raw as { extends: string; aliases?: string[]; cameo?: Array<string | { code: string }> };
        extensions.push({ extends: ext.extends, aliases: ext.aliases ?? [], cameo: ext.cameo?.map((c) => (typeof c === 'string' ? { code: c } : c)), where });
        continue;
      }
      if (typeof raw === 'object' && raw !== null && 'extends' in raw) {
        const { extends: target, ...rest } = raw as { extends: unknown };
        const parsed = parseKbRecord({ id: target, name: 'extension', type: 'ORGANIZATION', ...rest }, 'phoenix', where);
        extensions.push({ extends: parsed.id, aliases: parsed.aliases, cameo: parsed.cameo, where });
        continue;
      }
      out.push({ entity: validate ? parseKbRecord(raw, 'phoenix', where) : trustedRecord(raw, where), where });
    }
  }
  return out;
}

/**
 * Build a KnowledgeBase from records: refuses duplicate ids and dangling
 * affiliation/role targets, and indexes every folded surface for `lookup`.
 */
export function buildKnowledgeBase(records: ReadonlyArray<{ entity: KbEntity; where: string }>, extensions: readonly KbExtension[] = []): KnowledgeBase {
  const byId = new Map<string, KbEntity>();
  const whereOf = new Map<string, string>();
  for (const { entity, where } of records) {
    const prev = whereOf.get(entity.id);
    if (prev) throw new Error(`${where}: duplicate KB id "${entity.id}" (first at ${prev})`);
    byId.set(entity.id, entity);
    whereOf.set(entity.id, where);
  }
  for (const ext of extensions) {
    const target = byId.get(ext.extends);
    if (!target || target.origin !== 'curated') throw new Error(`${ext.where}: extends "${ext.extends}", which is not a curated KB id`);
    const have = new Set(surfacesOf(target).map((s) => foldName(s.surface)));
    for (const a of ext.aliases) {
      if (have.has(foldName(a))) continue;
      have.add(foldName(a));
      target.aliases.push(a);
    }
    if (ext.cameo?.length && !target.cameo?.length) target.cameo = ext.cameo;
  }
  for (const { entity, where } of records) {
    for (const a of entity.affiliations ?? []) {
      if (!byId.has(a.target)) throw new Error(`${where} (id ${entity.id}): affiliation target "${a.target}" is not a KB id`);
    }
    for (const r of entity.roles ?? []) {
      if (r.of && !byId.has(r.of)) throw new Error(`${where} (id ${entity.id}): role "${r.title}" is of unknown KB id "${r.of}"`);
    }
  }
  const index = new Map<string, Array<{ id: string; kind: MatchKind }>>();
  for (const entity of byId.values()) {
    for (const { surface, kind } of surfacesOf(entity)) {
      const key = foldName(surface);
      if (key === '') continue;
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      const same = list.find((c) => c.id === entity.id);
      if (!same) list.push({ id: entity.id, kind });
      else if (KIND_RANK[kind] < KIND_RANK[same.kind]) same.kind = kind;
    }
  }
  const entities = [...byId.values()];
  return {
    entities,
    byId,
    lookup: (surface: string) => (index.get(foldName(surface)) ?? []).map((c) => ({ ...c })),
  };
}

/**
 * Load the knowledge base shipped under `<dataDir>/kb`: the curated YAML
 * (`kb/curated/*.yaml`) and the generated broad layer (`kb/generated/*.jsonl`).
 * Curated records are always validated (a bad one throws an error naming its
 * file and record); generated ones only with `validate: true`. Without
 * `validate` or `sources`, the compiled KB (kb/compiled, see compiled-kb.ts)
 * is used when it matches the sources: the same records, loaded lazily.
 *
 * @example
 * const kb = loadKnowledgeBase(path.join(packageRoot(), 'data'));
 * kb.lookup('Revolutionary Guards'); // [{ id: 'org.irgc', kind: 'alias' }]
 */
export function loadKnowledgeBase(dataDir: string, options: { validate?: boolean; sources?: boolean } = {}): KnowledgeBase {
  if (!options.validate && !options.sources) {
    const compiled = loadCompiledKnowledgeBase(dataDir);
    if (compiled) return compiled.kb;
  }
  const root = path.join(dataDir, 'kb');
  const extensions: KbExtension[] = [];
  const generated = readGeneratedRecords(path.join(root, 'generated'), extensions, options.validate ?? false);
  return buildKnowledgeBase([...readCuratedRecords(path.join(root, 'curated')), ...generated], extensions);
}
