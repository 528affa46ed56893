/**
 * Tag CoNLL documents with the runtime API exactly as the pipeline would call it:
 * whole-document tokens plus sentence ranges, then map spans back to sentences.
 */
import type { TypedSpan } from '../../src/extract/entities/ner/labels.js';
import { NER_TYPES } from '../../src/extract/entities/ner/labels.js';
import type { NerModel } from '../../src/extract/entities/ner/model.js';
import { tagEntities } from '../../src/extract/entities/ner/tag.js';
import type { ConllDocument } from './conll.js';
import type { DocumentPredictions } from './score.js';

export function documentTokens(doc: ConllDocument): { tokens: Array<{ value: string }>; sentences: Array<{ tokenStart: number; tokenEnd: number }> } {
  const tokens: Array<{ value: string }> = [];
  const sentences: Array<{ tokenStart: number; tokenEnd: number }> = [];
  for (const s of doc.sentences) {
    const tokenStart = tokens.length;
    for (const w of s.words) tokens.push({ value: w });
    sentences.push({ tokenStart, tokenEnd: tokens.length });
  }
  return { tokens, sentences };
}

export function tagConll(model: NerModel, docs: readonly ConllDocument[]): DocumentPredictions[] {
  return docs.map((doc) => {
    const { tokens, sentences } = documentTokens(doc);
    const spans = tagEntities(model, tokens, sentences);
    const out: TypedSpan[][] = sentences.map(() => []);
    let k = 0;
    for (const span of spans) {
      while (sentences[k].tokenEnd <= span.tokenStart) k++;
      const a = sentences[k].tokenStart;
      out[k].push({ start: span.tokenStart - a, end: span.tokenEnd - a, type: NER_TYPES.indexOf(span.type) });
    }
    return out;
  });
}
