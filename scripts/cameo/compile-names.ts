/**
 * Compile the actor and agent names of a converted CAMEO set (data/cameo/actors.jsonl,
 * agents.jsonl) into the flat trie the events stage loads (data/cameo/names.compiled.json).
 * Deterministic; name-table.test.ts fails when the committed file is stale.
 *
 *   npx tsx scripts/cameo/compile-names.ts [DIR]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { CONVERTED_FILES } from '../../src/extract/events/dictionary/load.js';
import { compiledNamesText } from '../../src/extract/events/dictionary/name-table-file.js';

const dir = path.resolve(process.argv[2] ?? path.join(packageRoot(), 'data', 'cameo'));
const text = compiledNamesText(dir);
writeFileSync(path.join(dir, CONVERTED_FILES.names), text);
console.log(`names: ${(text.length / 1e6).toFixed(2)} MB → ${path.join(dir, CONVERTED_FILES.names)}`);
