import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { packageRoot } from '../../../analysis.js';
import type { CoderWord } from '../shallow-parse.js';
import { findNames } from '../shallow-parse.js';
import { compileDictionaries } from './compile.js';
import { CONVERTED_FILES } from './load.js';
import { buildNameData, decodeInts, encodeInts, nameTableFrom } from './name-table.js';
import { compiledNamesText } from './name-table-file.js';
import { readActors, readAgents } from './read-petrarch.js';

test('data/cameo/names.compiled.json is what scripts/cameo/compile-names.ts makes of actors.jsonl and agents.jsonl', () => {
  const dir = path.join(packageRoot(), 'data', 'cameo');
  const committed = readFileSync(path.join(dir, CONVERTED_FILES.names), 'utf8');
  assert.ok(committed === compiledNamesText(dir), 'names.compiled.json is stale: run npx tsx scripts/cameo/compile-names.ts');
});

test('integer arrays survive base64 at both widths (-1 as 0xffff at 16 bits)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -1, max: 0xfffe })), (xs) => {
      assert.deepEqual(
        [...decodeInts(encodeInts(xs, 16), 16)],
        xs.map((x) => (x < 0 ? 0xffff : x)),
      );
      assert.deepEqual([...decodeInts(encodeInts(xs, 32), 32)], xs);
    }),
  );
  assert.throws(() => encodeInts([70000], 16), /does not fit/);
});

// Hand-made words (the segmenter is not under test): start/end are character offsets of "text".
function wordsOf(text: string): CoderWord[] {
  const out: CoderWord[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const raw = m[0].toLowerCase();
    const c = m[0].charCodeAt(0);
    out.push({ start: m.index, end: m.index + m[0].length, raw, norm: raw, pos: 'PROPN', cap: c >= 65 && c <= 90, spaceBefore: m.index > 0 });
  }
  return out;
}

const dict = compileDictionaries({
  verbs: { synsets: {}, blocks: [] },
  actors: readActors(`
NORTH MARK [NRT]
NORTH [NTH]
+NORTH MARK HARBOUR
OLD KING [KNG]
\t[NRTGOV 19900101-19991231]
NORTH MARK [DUP]
`),
  agents: readAgents('POLICE [~COP]\nNORTH [~XXX]\n'),
  discards: [],
});

test('longest name wins; the first actor in file order wins among equal phrases', () => {
  const text = 'North Mark Harbour police met North Mark';
  const names = findNames(wordsOf(text), dict, null);
  assert.deepEqual(
    names.map((n) => [text.slice(wordsOf(text)[n.start].start, wordsOf(text)[n.end - 1].end), n.codes, n.agent?.code ?? null]),
    [
      ['North Mark Harbour', ['NTH'], null],
      ['police', [], 'COP'],
      ['North Mark', ['NRT'], null],
    ],
  );
});

test('actors need a capital, agents do not; dated codes follow the date', () => {
  assert.deepEqual(
    findNames(wordsOf('north police'), dict, null).map((n) => n.agent?.code),
    ['XXX', 'COP'],
  );
  assert.deepEqual(findNames(wordsOf('Old King'), dict, '19950601')[0].codes, ['NRTGOV']);
  assert.deepEqual(findNames(wordsOf('Old King'), dict, '20050601')[0].codes, ['KNG']);
});

test('the table built from data equals the one rebuilt from its own encoding', () => {
  const data = buildNameData(readActors('NORTH [NTH]\nSOUTH WIND [STH]\n'), readAgents('POLICE [~COP]\n'));
  const table = nameTableFrom(JSON.parse(JSON.stringify(data)));
  // words sorted: north, police, polices (the agent's generated plural), south, wind
  assert.equal(table.wordId.get('south'), 3);
  // root → north, police, polices, south; south → wind
  assert.deepEqual([...table.childStart], [1, 5, 5, 5, 5, 6, 6]);
  assert.deepEqual([...table.edgeWord], [0xffff, 0, 1, 2, 3, 4]);
  assert.equal(table.firstAgent[3], 0);
  assert.equal(table.firstActor[5], 1);
  assert.equal(table.actorCode(1, null), 'STH');
});
