/**
 * Convert a PETRARCH dictionary folder into the reviewable JSON set under
 * data/cameo/ that the events stage loads by default.
 *
 *   npx tsx scripts/cameo/convert.ts [SOURCE_DIR] [OUT_DIR]
 *
 * SOURCE_DIR defaults to ../shared/data/cameo (CAMEO.2.0 verbs, Phoenix actors,
 * agents and discards from openeventdata/petrarch2, MIT licence, © Open Event Data
 * Alliance); OUT_DIR to data/cameo. Deterministic: the same input gives the same
 * bytes. One JSON object per line for actors/agents/discards so diffs stay readable;
 * names.compiled.json (the name trie the stage loads) as scripts/cameo/compile-names.ts writes it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { CONVERTED_FILES, loadCameoDictionaries } from '../../src/extract/events/dictionary/load.js';
import { compiledNamesText } from '../../src/extract/events/dictionary/name-table-file.js';

const root = packageRoot();
const source = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'cameo'));
const outDir = path.resolve(process.argv[3] ?? path.join(root, 'data', 'cameo'));
const header = {
  generated: `by scripts/cameo/convert.ts from the PETRARCH dictionaries in ${path.basename(source)} — do not edit; re-run the script`,
  licence: 'MIT — PETRARCH2 dictionaries, Copyright (c) 2014-2015 Open Event Data Alliance',
};

const d = loadCameoDictionaries(source);
mkdirSync(outDir, { recursive: true });
// One synset and one verb block per line: reviewable in a diff, still plain JSON.
const synsetLines = Object.entries(d.verbs.synsets).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
const blockLines = d.verbs.blocks.map((b) => `    ${JSON.stringify(b)}`);
writeFileSync(
  path.join(outDir, CONVERTED_FILES.verbs),
  `{\n  "generated": ${JSON.stringify(header.generated)},\n  "licence": ${JSON.stringify(header.licence)},\n  "synsets": {\n${synsetLines.join(',\n')}\n  },\n  "blocks": [\n${blockLines.join(',\n')}\n  ]\n}\n`,
);
const jsonl = (rows: unknown[]) => `${[header, ...rows].map((r) => JSON.stringify(r)).join('\n')}\n`;
writeFileSync(path.join(outDir, CONVERTED_FILES.actors), jsonl(d.actors));
writeFileSync(path.join(outDir, CONVERTED_FILES.agents), jsonl(d.agents));
writeFileSync(path.join(outDir, CONVERTED_FILES.discards), jsonl(d.discards));
// The name trie the stage loads, derived from the files just written.
writeFileSync(path.join(outDir, CONVERTED_FILES.names), compiledNamesText(outDir));
console.log(
  `cameo: ${d.verbs.blocks.length} verb blocks, ${Object.keys(d.verbs.synsets).length} synsets, ${d.actors.length} actors, ${d.agents.length} agents, ${d.discards.length} discards → ${outDir}`,
);
