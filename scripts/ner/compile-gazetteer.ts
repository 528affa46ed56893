/**
 * Compile data/models/ner/gazetteer.tsv into gazetteer.compiled.json (the trie
 * as flat arrays, which the tagger loads without building anything). Re-run
 * after the gazetteer changes (scripts/ner/train.ts does it itself):
 *
 *   npx tsx scripts/ner/compile-gazetteer.ts
 *
 * Deterministic; the NER test fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGazetteer } from '../../src/extract/entities/ner/gazetteer.js';
import { GAZETTEER_COMPILED, MODEL_DIR } from '../../src/extract/entities/ner/model.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data', MODEL_DIR);
writeFileSync(path.join(dir, GAZETTEER_COMPILED), compileGazetteer(readFileSync(path.join(dir, 'gazetteer.tsv'), 'utf8')));
console.log(`wrote ${path.join(dir, GAZETTEER_COMPILED)}`);
