/**
 * PolNeAR articles segmented by the real pipeline segmenter (wink-nlp), for the
 * learning scripts. Segmenting all of train takes about half a minute; set
 * QUOTES_SEGMENT_CACHE=path to reuse a cache file between runs (a scratch path,
 * never inside the repository's data).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadResources } from '../../src/analysis.js';
import type { Sentence, Token } from '../../src/document/segment.js';
import { segment } from '../../src/document/segment.js';
import { segmentStage } from '../../src/pipeline/segment-stage.js';
import { type PolnearArticle, readPolnear } from './polnear.js';

export interface SegmentedArticle extends PolnearArticle {
  tokens: Token[];
  sentences: Sentence[];
}

export function sharedDir(): string {
  return process.env.DOSSIER_SHARED ?? path.resolve('..', 'shared');
}

export async function readSegmented(split: 'train' | 'dev'): Promise<SegmentedArticle[]> {
  const { articles } = readPolnear(path.join(sharedDir(), 'eval', 'polnear', split));
  const cache = process.env.QUOTES_SEGMENT_CACHE ? `${process.env.QUOTES_SEGMENT_CACHE}.${split}.json` : null;
  if (cache && existsSync(cache)) {
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, Segmented>;
    return articles.map((a) => ({ ...a, ...stored[a.name] }));
  }
  const res = await loadResources({}, [segmentStage]);
  const out = articles.map((a) => ({ ...a, ...segment(a.doc.text, res.nlp) }));
  if (cache) writeFileSync(cache, JSON.stringify(Object.fromEntries(out.map((a) => [a.name, { tokens: a.tokens, sentences: a.sentences }]))));
  return out;
}

interface Segmented {
  tokens: Token[];
  sentences: Sentence[];
}

/** The fixed train slice used as our own dev set for choices: every 5th train article. */
export function isSliceDev(index: number): boolean {
  return index % 5 === 0;
}
