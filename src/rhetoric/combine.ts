/**
 * Final findings: the model's technique spans plus the rule findings the
 * model did not already cover. When a rule and the model report the same
 * technique on overlapping text, the model's span is kept (it was trained on
 * annotated extents) and its `reason` names the rule that agrees, so the
 * evidence of both stays visible; `source` says which produced the span.
 */
import type { Token } from '../document/segment.js';
import type { Finding, Technique } from '../schema/analysis.js';
import type { ModelSpan } from './models/span-model.js';

export const MODEL_RULE_ID = 'span-model';

/**
 * Rule findings scored at least this are kept whatever the model says: they
 * are the technique by definition ("so-called", scare quotes → Doubt).
 */
export const DEFINITIONAL = 0.7;

/**
 * `keepRule(technique)` says whether rule findings of a technique that no model
 * span covers are kept (the model's decoding rules decide this per technique,
 * from held-out training data; without a model every rule finding is kept).
 */
export function combineFindings(
  text: string,
  tokens: readonly Token[],
  modelSpans: readonly ModelSpan[],
  ruleFindings: readonly Finding[],
  keepRule: (technique: Technique) => boolean = () => true,
): Finding[] {
  const out: Finding[] = [];
  for (const m of modelSpans) {
    if (m.label === 'ANY') continue;
    const start = tokens[m.tokenStart].start;
    const end = tokens[m.tokenEnd - 1].end;
    out.push({
      technique: m.label as Technique,
      ruleId: MODEL_RULE_ID,
      source: 'model',
      start,
      end,
      text: text.slice(start, end),
      score: Math.round(Math.min(1, Math.max(0, m.score)) * 1000) / 1000,
      reason: `${MODEL_RULE_ID}:${m.label}`,
    });
  }
  const modelCount = out.length;
  for (const r of ruleFindings) {
    let covered = false;
    for (let i = 0; i < modelCount; i++) {
      const m = out[i];
      if (m.technique === r.technique && m.start < r.end && r.start < m.end) {
        covered = true;
        if (!m.reason?.includes(r.ruleId)) m.reason = `${m.reason}+${r.reason ?? r.ruleId}`;
      }
    }
    if (!covered && (r.score >= DEFINITIONAL || keepRule(r.technique))) out.push({ ...r });
  }
  // Two rules of one technique on overlapping text (e.g. a Doubt marker and its scare quotes) keep the longer.
  out.sort((a, b) => a.start - b.start || b.end - a.end || (a.technique < b.technique ? -1 : 1));
  const kept: Finding[] = [];
  const reach = new Map<string, number>();
  for (const f of out) {
    if (f.source === 'rule' && (reach.get(f.technique) ?? -1) >= f.end) continue;
    kept.push(f);
    reach.set(f.technique, Math.max(reach.get(f.technique) ?? -1, f.end));
  }
  return kept;
}
