/**
 * Reader for CoNLL-2003 files (`word POS chunk NER`, blank line between
 * sentences). Only the words and NER tags are kept: at run time the tokens come
 * from wink-nlp, whose POS tags differ from CoNLL's, so the model must not use
 * them. Documents are split at `-DOCSTART-` lines; the copy in ../shared has
 * none, so a document is also started at each headline (detected from the
 * dateline that follows it, e.g. "BRUSSELS 1996-08-22").
 */
import { readFileSync } from 'node:fs';
import { NER_TYPES, type TypedSpan } from '../../src/extract/entities/ner/labels.js';

export interface ConllSentence {
  words: string[];
  /** Gold spans, relative to the sentence (type index into NER_TYPES). */
  spans: TypedSpan[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

export function readConll(file: string): ConllDocument[] {
  const sentences: ConllSentence[] = [];
  const docStarts = new Set<number>();
  let words: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (words.length > 0) sentences.push({ words, spans: spansFromIob(tags) });
    words = [];
    tags = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length === 0) {
      flush();
      continue;
    }
    const cols = trimmed.split(' ');
    if (cols[0] === '-DOCSTART-') {
      flush();
      docStarts.add(sentences.length);
      continue;
    }
    words.push(cols[0]);
    tags.push(cols[cols.length - 1]);
  }
  flush();
  if (docStarts.size === 0) for (const s of headlineStarts(sentences)) docStarts.add(s);
  docStarts.add(0);
  const starts = [...docStarts].sort((a, b) => a - b);
  const docs: ConllDocument[] = [];
  for (let k = 0; k < starts.length; k++) {
    const part = sentences.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : sentences.length);
    if (part.length > 0) docs.push({ sentences: part });
  }
  return docs;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// A dateline is a sentence ending in an ISO date; the headline is the sentence before
// it, or two before when a short byline ("Peter Blackburn") sits in between.
function headlineStarts(sentences: ConllSentence[]): number[] {
  const starts: number[] = [];
  for (let s = 1; s < sentences.length; s++) {
    const w = sentences[s].words;
    if (!DATE.test(w[w.length - 1]) || w.length > 8) continue;
    let h = s - 1;
    const prev = sentences[h].words;
    if (h > 0 && prev.length <= 4 && !/[.?!]$/.test(prev[prev.length - 1]) && sentences[h].spans.length === 1 && sentences[h].spans[0].type === 0) h--;
    starts.push(h);
  }
  return starts;
}

/** IOB1 or IOB2 tags → spans (an I- after a different type opens a new span). */
export function spansFromIob(tags: string[]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let open = -1;
  let type = -1;
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i] : 'O';
    const t = tag === 'O' ? -1 : NER_TYPES.indexOf(tag.slice(2) as (typeof NER_TYPES)[number]);
    const begins = tag.startsWith('B-') || (t >= 0 && t !== type);
    if (open >= 0 && (t < 0 || begins)) {
      spans.push({ start: open, end: i, type });
      open = -1;
      type = -1;
    }
    if (t >= 0 && open < 0) {
      open = i;
      type = t;
    }
  }
  return spans;
}
