/**
 * PTC articles turned into training documents: segmented with the pipeline's
 * own segmenter, prepared with the stage's own lexicons, rules and features.
 * Shared by `scripts/rhetoric/train.ts` and the `rhetoric-ptc` eval row.
 */
import path from 'node:path';
import { segment, type WinkLike } from '../../src/document/segment.js';
import type { CompiledLexicons } from '../../src/rhetoric/lexicon.js';
import type { TrainingDocument } from '../../src/rhetoric/models/train-span-model.js';
import { type PreparedRhetoric, prepareRhetoric } from '../../src/rhetoric/prepare.js';
import { readPtc } from './ptc.js';

export interface PtcTrainingDocument extends TrainingDocument {
  text: string;
  prepared: PreparedRhetoric;
}

export function ptcTrainingDocuments(ptcDir: string, nlp: WinkLike, lex: CompiledLexicons): PtcTrainingDocument[] {
  return readPtc(path.resolve(ptcDir)).map((a) => {
    const { tokens, sentences } = segment(a.text, nlp);
    const prepared = prepareRhetoric(a.text, tokens, sentences, lex);
    return {
      id: a.id,
      text: a.text,
      tokens,
      feats: prepared.feats,
      prepared,
      gold: a.spans.map((s) => ({ label: s.technique, start: s.start, end: s.end })),
      rules: prepared.ruleFindings.map((f) => ({ label: f.technique, start: f.start, end: f.end })),
      goldSi: a.siSpans.map((s) => ({ label: 'ANY', start: s.start, end: s.end })),
    };
  });
}
