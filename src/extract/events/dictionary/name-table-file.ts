import { loadCameoDictionaries } from './load.js';
import { buildNameData, serializeNameData } from './name-table.js';

const HEADER = {
  generated: 'by scripts/cameo/compile-names.ts from actors.jsonl and agents.jsonl — do not edit; re-run the script',
  licence: 'MIT — PETRARCH2 dictionaries, Copyright (c) 2014-2015 Open Event Data Alliance',
};

/** The text names.compiled.json should have for the converted set in `dir` (the generator, and its staleness test). */
export function compiledNamesText(dir: string): string {
  const d = loadCameoDictionaries(dir);
  return serializeNameData(buildNameData(d.actors, d.agents), HEADER);
}
