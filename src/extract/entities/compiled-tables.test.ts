import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../analysis.js';
import { COMPILED_DIR, compileKnowledgeBase, loadCompiledKnowledgeBase, sourceDigest } from '../../kb/compiled-kb.js';
import { loadKnowledgeBase, surfacesOf } from '../../kb/load-kb.js';
import { compileEntityTables, loadEntityTables } from './compiled-tables.js';
import { buildEntityResources } from './entity-resources.js';
import { looseKey } from './fold.js';

const DATA = path.join(packageRoot(), 'data');
const sources = loadKnowledgeBase(DATA, { sources: true });
const digest = sourceDigest(DATA);
const derived = buildEntityResources(sources, () => [], null, null as never);

test('the committed entity tables are what scripts/kb/compile.ts writes (re-run it after editing data/kb or the folding)', () => {
  const { aliasIndex } = compileKnowledgeBase(sources, digest);
  const committed = readFileSync(path.join(DATA, COMPILED_DIR, 'entity-tables.json'), 'utf8');
  assert.ok(committed === compileEntityTables(sources, aliasIndex, digest), 'data/kb/compiled/entity-tables.json is stale: npx tsx scripts/kb/compile.ts');
});

test('the compiled tables answer like the ones derived from the KB', () => {
  const compiled = loadCompiledKnowledgeBase(DATA, digest);
  assert.ok(compiled);
  const tables = loadEntityTables(DATA, compiled.kbIndex);
  assert.ok(tables);
  const loose = derived.looseNames as Map<string, string[]>;
  for (const [key, ids] of loose) assert.deepEqual(tables.looseNames.get(key), ids, key);
  // Keys that are no name: unknown words, a prefix of a name, the empty key.
  for (const key of ['hadi ameri', 'hadi', 'zzzz', '', 'islamic revolutionary guard corps x'])
    assert.deepEqual(tables.looseNames.get(key), loose.get(key), key);
  assert.deepEqual(tables.looseNames.get(looseKey('Hadi-al Ameri')), loose.get(looseKey('Hadi-al Ameri')));
  assert.ok(tables.looseNames.get(looseKey('Hadi-al Ameri'))?.includes('person.hadi-al-amiri'));
  for (const e of sources.entities.slice(0, 2000))
    for (const { surface } of surfacesOf(e)) assert.deepEqual(tables.looseNames.get(looseKey(surface)), loose.get(looseKey(surface)));
  assert.deepEqual(tables.surnames, derived.surnames);
  assert.deepEqual([...tables.governmentOf], [...derived.governmentOf]);
  assert.deepEqual(tables.governments, derived.governments);
  assert.equal(JSON.stringify([...tables.titleHolders]), JSON.stringify([...derived.titleHolders]));
  assert.equal(tables.governmentOf.get('iran'), 'iran.gov');
});
