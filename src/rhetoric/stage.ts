/**
 * The rhetoric stage: persuasion techniques (rules + the learned span model),
 * their targets, genre and tone. Runs after entities (it reads
 * `ctx.out.entities` for targets and tone by entity; an empty list is fine).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResourceOptions, Stage } from '../pipeline/context.js';
import { combineFindings } from './combine.js';
import { classifyGenre, type GenreModel, genreFeatures, loadGenreModel } from './genre.js';
import { type CompiledLexicons, loadLexicons } from './lexicon.js';
import { documentSpans, loadSpanModel, type SpanModel } from './models/span-model.js';
import { buildRuleContext } from './rule-kit.js';
import { runRules } from './rules/index.js';
import { assignTargets, mentionIndex } from './targets.js';
import { computeTone } from './tone.js';
import { readToneLexicon, type ToneLexicon } from './tone-lexicon.js';

export interface RhetoricResources {
  lexicons: CompiledLexicons;
  tone: ToneLexicon;
  genre: GenreModel;
  /** Null when the model file is absent: rules only. */
  spanModel: SpanModel | null;
}

declare module '../pipeline/context.js' {
  interface Resources {
    rhetoric: RhetoricResources;
  }
}

export const SPAN_MODEL_FILE = path.join('models', 'rhetoric', 'span-model.tsv');

export function loadRhetoric(options: Pick<ResourceOptions, 'dataDir'>): RhetoricResources {
  const modelFile = path.join(options.dataDir, SPAN_MODEL_FILE);
  return {
    lexicons: loadLexicons(path.join(options.dataDir, 'lexicons', 'rhetoric')),
    tone: readToneLexicon(path.join(options.dataDir, 'lexicons', 'tone', 'tone.yaml')),
    genre: loadGenreModel(path.join(options.dataDir, 'models', 'rhetoric', 'genre.json')),
    spanModel: existsSync(modelFile) ? loadSpanModel(modelFile, { scoringOnly: true }) : null,
  };
}

export const rhetoricStage: Stage = {
  name: 'rhetoric',
  load: (options) => ({ rhetoric: loadRhetoric(options) }),
  run(ctx) {
    const res = ctx.res.rhetoric;
    const text = ctx.doc.text;
    // The same rule context and findings as prepareRhetoric (training), without building feature lists.
    const rctx = buildRuleContext(text, ctx.tokens, ctx.sentences, res.lexicons);
    const ruleFindings = runRules(rctx);
    const modelSpans = res.spanModel ? documentSpans(res.spanModel, rctx, ruleFindings) : [];
    const model = res.spanModel;
    const findings = combineFindings(
      text,
      ctx.tokens,
      modelSpans,
      ruleFindings,
      model ? (t) => model.decode[model.labels.indexOf(t)]?.rules ?? true : undefined,
    );
    assignTargets(text, ctx.sentences, findings, mentionIndex(ctx.out.entities));
    const { tone, toneByEntity } = computeTone(res.tone, ctx.tokens, ctx.sentences, rctx.keys, findings, ctx.out.entities, rctx);
    ctx.out.rhetoric = { findings, tone, toneByEntity };
    ctx.out.document.genre = ctx.tokens.length === 0 ? null : classifyGenre(res.genre, genreFeatures(rctx));
  },
};
