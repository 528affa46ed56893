import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Event nouns ("protests against X", "a drone strike on X"), which PETRARCH's
 * verb-only coding misses, as data from data/lexicons/events/nominal-events.json.
 */
export interface NominalEventNoun {
  id: string;
  phrases: string[][];
  preps: string[];
  code: string;
}

export interface NominalLexicon {
  lightVerbs: ReadonlySet<string>;
  /** Head (last) word → entries whose phrase ends with it. */
  byHead: ReadonlyMap<string, ReadonlyArray<{ noun: NominalEventNoun; phrase: string[] }>>;
  /**
   * Bit n set when some head has n characters (n < 32; bit 0 stands for "some head is longer"):
   * most words fail this test, which is cheaper than a look-up in `byHead`.
   */
  headLengths: number;
}

/** Could `word` be a key of `byHead`? (false only when it certainly is not) */
export function mayBeHead(lex: NominalLexicon, word: string): boolean {
  const n = word.length;
  return n < 32 ? ((lex.headLengths >>> n) & 1) === 1 : (lex.headLengths & 1) === 1;
}

function headLengthBits(heads: Iterable<string>): number {
  let bits = 0;
  for (const h of heads) bits |= h.length < 32 && h.length > 0 ? 1 << h.length : 1;
  return bits;
}

export function compileNominalLexicon(raw: { lightVerbs: string[]; nouns: NominalEventNoun[] }): NominalLexicon {
  const byHead = new Map<string, Array<{ noun: NominalEventNoun; phrase: string[] }>>();
  for (const noun of raw.nouns) {
    for (const phrase of noun.phrases) {
      const head = phrase[phrase.length - 1];
      const list = byHead.get(head) ?? [];
      list.push({ noun, phrase });
      // longer phrases first: "drone strike" before "strike"
      list.sort((a, b) => b.phrase.length - a.phrase.length);
      byHead.set(head, list);
    }
  }
  return { lightVerbs: new Set(raw.lightVerbs), byHead, headLengths: headLengthBits(byHead.keys()) };
}

export const EMPTY_NOMINAL_LEXICON: NominalLexicon = { lightVerbs: new Set(), byHead: new Map(), headLengths: 0 };

export function loadNominalLexicon(dataDir: string): NominalLexicon {
  const file = path.join(dataDir, 'lexicons', 'events', 'nominal-events.json');
  return compileNominalLexicon(JSON.parse(readFileSync(file, 'utf8')) as { lightVerbs: string[]; nouns: NominalEventNoun[] });
}
