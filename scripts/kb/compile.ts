/**
 * Compile the knowledge base for fast loading: writes data/kb/compiled/
 * (records.jsonl, index.json) from data/kb/curated/*.yaml and
 * data/kb/generated/*.jsonl, and the entity stage's KB tables
 * (data/kb/compiled/entity-tables.json). Re-run after editing the KB:
 *
 *   npx tsx scripts/kb/compile.ts
 *
 * Deterministic: same sources → byte-identical files. The KB and entity tests
 * fail when the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileEntityTables } from '../../src/extract/entities/compiled-tables.js';
import { COMPILED_DIR, compileKnowledgeBase, sourceDigest } from '../../src/kb/compiled-kb.js';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
const out = path.join(DATA, COMPILED_DIR);
mkdirSync(out, { recursive: true });
const digest = sourceDigest(DATA);
const kb = loadKnowledgeBase(DATA, { sources: true });
const compiled = compileKnowledgeBase(kb, digest);
writeFileSync(path.join(out, 'records.jsonl'), compiled.records);
writeFileSync(path.join(out, 'index.json'), compiled.index);
writeFileSync(path.join(out, 'entity-tables.json'), compileEntityTables(kb, compiled.aliasIndex, digest));
console.log(
  `${kb.entities.length} records, ${compiled.aliasIndex.size} surfaces, ${compiled.aliasIndex.vocabulary.words.length} words → ${path.relative(process.cwd(), out)}`,
);
