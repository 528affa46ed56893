/**
 * The shared first half of rhetoric analysis, used by the stage and by
 * training alike (so the model sees at training time exactly the features it
 * gets in production): lexicon hits, rule findings, model features.
 */
import type { Sentence, Token } from '../document/segment.js';
import type { Finding } from '../schema/analysis.js';
import type { CompiledLexicons } from './lexicon.js';
import { type DocumentFeatures, documentFeatures } from './models/features.js';
import { buildRuleContext, type RuleContext } from './rule-kit.js';
import { runRules } from './rules/index.js';

export interface PreparedRhetoric {
  ctx: RuleContext;
  ruleFindings: Finding[];
  feats: DocumentFeatures;
}

export function prepareRhetoric(text: string, tokens: readonly Token[], sentences: readonly Sentence[], lex: CompiledLexicons): PreparedRhetoric {
  const ctx = buildRuleContext(text, tokens, sentences, lex);
  const ruleFindings = runRules(ctx);
  return { ctx, ruleFindings, feats: documentFeatures(ctx, ruleFindings) };
}
