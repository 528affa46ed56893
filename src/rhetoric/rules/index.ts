/**
 * The rhetoric rule registry: one rule per file of this folder, keyed by the
 * rule id (= file name). The meta-test checks that keys and files agree and
 * runs every rule's doc examples.
 */
import type { Rule } from '../rule-kit.js';
import { appealToAuthority } from './appeal-to-authority.js';
import { appealToFear } from './appeal-to-fear.js';
import { bandwagonHitler } from './bandwagon-hitler.js';
import { blackAndWhite } from './black-and-white.js';
import { causalOversimplification } from './causal-oversimplification.js';
import { doubt } from './doubt.js';
import { exaggeration } from './exaggeration.js';
import { flagWaving } from './flag-waving.js';
import { loadedLanguage } from './loaded-language.js';
import { nameCalling } from './name-calling.js';
import { repetition } from './repetition.js';
import { slogans } from './slogans.js';
import { thoughtTerminatingCliches } from './thought-terminating-cliches.js';
import { whataboutism } from './whataboutism.js';

export const RULES: Readonly<Record<string, Rule>> = {
  'appeal-to-authority': appealToAuthority,
  'appeal-to-fear': appealToFear,
  'bandwagon-hitler': bandwagonHitler,
  'black-and-white': blackAndWhite,
  'causal-oversimplification': causalOversimplification,
  doubt,
  exaggeration,
  'flag-waving': flagWaving,
  'loaded-language': loadedLanguage,
  'name-calling': nameCalling,
  repetition,
  slogans,
  'thought-terminating-cliches': thoughtTerminatingCliches,
  whataboutism,
};

/** Run every rule over one document, in registry order. */
export function runRules(ctx: Parameters<Rule['detect']>[0]) {
  const out = [];
  for (const rule of Object.values(RULES)) out.push(...rule.detect(ctx));
  return out;
}
