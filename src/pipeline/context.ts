import type { Document } from '../document/document.js';
import type { Sentence, Token, WinkLike } from '../document/segment.js';
import type { Analysis } from '../schema/analysis.js';

/**
 * What the stages may use, loaded once per process at the edge (files, models)
 * and then only read. Extractors add their own fields by declaration merging:
 *
 * ```ts
 * declare module '../../pipeline/context.js' {
 *   interface Resources { kb: KnowledgeBase }
 * }
 * ```
 */
export interface Resources {
  nlp: WinkLike;
}

/** Where the loaders find their data; every field has a default. */
export interface ResourceOptions {
  /** The `data/` folder (default: the package's own). */
  dataDir: string;
  /** A PETRARCH-format dictionary folder for the event coder (`--cameo-dir`). */
  cameoDir?: string;
}

/**
 * The one object the stages work on. Stages read earlier stages' output from
 * `out` (and from fields they declare here by declaration merging) and add their
 * own; they do no I/O and keep no state between documents.
 */
export interface AnalysisContext {
  readonly doc: Document;
  readonly res: Resources;
  tokens: Token[];
  sentences: Sentence[];
  readonly out: Analysis;
}

/**
 * One step of the pipeline. `run` must be deterministic and must not throw on
 * any text that `createDocument` accepts (the property test checks this).
 */
export interface Stage {
  /** Stable name, used for timings (`npm run bench`) and `--debug`. */
  readonly name: string;
  /** Load this stage's resources; runs once per process, may do I/O. */
  load?(options: ResourceOptions): Partial<Resources> | Promise<Partial<Resources>>;
  run(ctx: AnalysisContext): void;
}
