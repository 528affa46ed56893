/**
 * One row of `npm run eval`: an extractor scored against gold data under
 * ../shared/eval that others wrote. Rows live one per file in eval/rows/ and are
 * discovered by eval/run.ts; a row never trains or tunes on what it reports.
 */
export interface EvalRow {
  /** Stable id, e.g. 'ner-conll2003'. */
  id: string;
  /** Which extractor: 'entities', 'time', 'quotes', 'events', 'rhetoric', … */
  extractor: string;
  /** Sort key in the table (pipeline order). */
  order: number;
  /** What is measured, e.g. 'CoNLL-2003 eng.testb PER/LOC/ORG exact-span F1'. */
  title: string;
  /** Gold files the row needs, relative to the shared dir (row is skipped when absent). */
  needs: string[];
  run(ctx: EvalContext): Promise<EvalResult[]>;
}

export interface EvalContext {
  /** Absolute path of ../shared. */
  sharedDir: string;
  /** Absolute path of the package root. */
  root: string;
  /** Print progress lines to stderr. */
  log(message: string): void;
}

export interface EvalResult {
  /** Sub-label, e.g. 'F1', 'precision', 'FLC F1 (5-fold)'. */
  metric: string;
  score: number;
  /** The acceptance threshold, if the issue sets one. */
  target?: number;
  /** Peer systems measured in the same run, or published reference points (say which in the name). */
  baselines?: Array<{ name: string; score: number }>;
  /** Extra lines printed under the table (per-class scores, counts). */
  details?: string[];
}
