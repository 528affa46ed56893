/**
 * Validate the rhetoric lexicons (`npx tsx scripts/rhetoric/validate-lexicons.ts`):
 * refuses duplicate terms (after the same stemming the matcher uses), empty or
 * badly formed terms and unknown techniques, and prints one line per lexicon.
 * The stage compiles the same files with the same checks at load time, so a
 * lexicon that fails here never loads.
 */
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { readLexiconSources, validateLexicons } from '../../src/rhetoric/lexicon.js';
import { readToneLexicon } from '../../src/rhetoric/tone-lexicon.js';

const root = packageRoot();
const sources = readLexiconSources(path.join(root, 'data', 'lexicons', 'rhetoric'));
const problems = validateLexicons(sources);
for (const s of sources) console.log(`${s.id.padEnd(18)} ${String(s.technique ?? '-').padEnd(36)} ${s.terms.length} terms`);
try {
  const tone = readToneLexicon(path.join(root, 'data', 'lexicons', 'tone', 'tone.yaml'));
  console.log(`tone               ${tone.polarity.size} polar terms, ${tone.neutral.length} neutralised phrases, ${tone.negators.size} negators`);
} catch (err) {
  problems.push(`tone: ${(err as Error).message}`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
