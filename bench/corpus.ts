import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/analysis.js';
import { normalizeText } from '../src/document/normalize.js';

export const sharedDir = path.resolve(process.env.DOSSIER_SHARED ?? path.join(packageRoot(), '..', 'shared'));
export const ptcDir = path.join(sharedDir, 'eval', 'ptc', 'train-articles');

/** The benchmark corpus: PTC training articles, normalised as Dossier stores them. */
export function benchArticles(): { texts: string[]; words: number } | null {
  if (!existsSync(ptcDir)) return null;
  const texts = readdirSync(ptcDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => normalizeText(readFileSync(path.join(ptcDir, f), 'utf8')));
  return { texts, words: countWords(texts) };
}

/** Words = runs of non-space characters; the same count for every subject. */
export function countWords(texts: string[]): number {
  let n = 0;
  for (const t of texts) {
    const m = t.match(/\S+/g);
    n += m ? m.length : 0;
  }
  return n;
}
