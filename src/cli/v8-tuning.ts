import v8 from 'node:v8';

/**
 * V8 settings for the `dossier` process, applied before any analysis code runs.
 *
 * Why: an ingest runs the models cold in each worker isolate, and V8's
 * optimising compiler spends seconds on background threads compiling our
 * largest functions with everything they call inlined into them (the quote
 * readings, the shallow parse, the NER features: 100–400 ms per compile, more
 * after a deopt). A smaller inlining budget makes those compiles cheaper and
 * their memory smaller, while the hot loops, which call small functions, keep
 * theirs. Measured on the bench ingest (1,136 articles, 2 cores, two runs
 * each): process CPU 43.1–46.7 s → 39.5–40.4 s, peak RSS 414 → 399–403 MB.
 *
 * Flags are process-wide, so the worker threads started later get them too.
 * Library users (`import { analyse } from 'dossier'`) keep V8's defaults.
 */
export const V8_FLAGS = ['--max-inlined-bytecode-size=100', '--max-inlined-bytecode-size-cumulative=200'] as const;

for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
