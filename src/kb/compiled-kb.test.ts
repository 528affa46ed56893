import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../analysis.js';
import { segment } from '../document/segment.js';
import { loadWink } from '../pipeline/segment-stage.js';
import { matchAliases } from './alias-index.js';
import { COMPILED_DIR, compileKnowledgeBase, loadCompiledKnowledgeBase, sourceDigest } from './compiled-kb.js';
import { loadKnowledgeBase, surfacesOf } from './load-kb.js';

const DATA = path.join(packageRoot(), 'data');
const sources = loadKnowledgeBase(DATA, { sources: true });
const digest = sourceDigest(DATA);

test('the committed compiled KB is what scripts/kb/compile.ts writes from the sources (re-run it after editing data/kb)', () => {
  const fresh = compileKnowledgeBase(sources, digest);
  const dir = path.join(DATA, COMPILED_DIR);
  assert.ok(readFileSync(path.join(dir, 'records.jsonl'), 'utf8') === fresh.records, 'data/kb/compiled/records.jsonl is stale: npx tsx scripts/kb/compile.ts');
  assert.ok(readFileSync(path.join(dir, 'index.json'), 'utf8') === fresh.index, 'data/kb/compiled/index.json is stale: npx tsx scripts/kb/compile.ts');
});

const compiled = loadCompiledKnowledgeBase(DATA, digest);

test('the compiled KB gives the same records and look-ups as the sources', () => {
  assert.ok(compiled, 'compiled KB missing or stale');
  const { kb } = compiled;
  assert.equal(kb.byId.size, sources.byId.size);
  assert.deepEqual(
    [...kb.byId.keys()],
    sources.entities.map((e) => e.id),
  );
  for (const e of sources.entities) {
    const got = kb.byId.get(e.id);
    // Same keys in the same order: the store serialises roles and affiliations as they are.
    assert.deepEqual(Object.keys(got ?? {}), Object.keys(e));
    assert.deepEqual(got, e);
  }
  assert.deepEqual(kb.lookup('Revolutionary Guards'), [{ id: 'org.irgc', kind: 'alias' }]);
  assert.deepEqual(kb.lookup('Kata’ib Hezbollah'), sources.lookup('Kata’ib Hezbollah'));
  assert.deepEqual(kb.lookup('THE KREMLIN'), sources.lookup('the Kremlin'));
  assert.deepEqual(kb.lookup('no such actor anywhere'), []);
  assert.deepEqual(kb.lookup(''), []);
  for (const e of sources.entities.slice(0, 600))
    for (const { surface } of surfacesOf(e)) assert.deepEqual(kb.lookup(surface), sources.lookup(surface), surface);
  assert.equal(kb.byId.get('nobody'), undefined);
  assert.equal(kb.byId.has('org.irgc'), true);
});

test('a stale digest is refused (the loader then falls back to the sources)', () => {
  assert.equal(loadCompiledKnowledgeBase(DATA, 'not-the-digest'), null);
});

test('the compiled alias index matches like the one built from the sources', async () => {
  assert.ok(compiled);
  const { buildAliasIndex } = await import('./alias-index.js');
  const built = buildAliasIndex(sources);
  const text =
    'Minister of Labor Hadi-al Ameri met the Revolutionary Guards (IRGC) in Tehran; the ayatollahs and the UN, IS and al-Qaeda in Iraq watched Kata’ib Hezbollah.';
  const { tokens } = segment(text, loadWink());
  const got = matchAliases(compiled.kbIndex, tokens, text);
  assert.deepEqual(got, matchAliases(built, tokens, text));
  const irgc = got.find((m) => text.slice(m.start, m.end) === 'IRGC');
  assert.deepEqual(irgc && { start: irgc.start, end: irgc.end }, { start: 62, end: 66 });
  assert.ok(irgc?.candidates.some((c) => c.id === 'org.irgc'));
});
