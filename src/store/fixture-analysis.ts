import { createDocument } from '../document/document.js';
import type { Analysis, EntityType } from '../schema/analysis.js';
import { SCHEMA_ID } from '../schema/vocabulary.js';
import type { DocumentRecord } from './store.js';

/**
 * Hand-built analyses for the store and graph tests: spans are found with
 * `indexOf` in the text, so every offset is exact without running the pipeline.
 */
export interface FixtureSpec {
  text: string;
  title?: string;
  published?: string;
  source?: string;
  url?: string;
  entities?: Array<{ id: string; name: string; type: EntityType; surfaces: string[]; kbId?: string | null }>;
  /** [source, cameo, plover, target, trigger word, date?] */
  events?: Array<{ source: string; target: string; cameo: string; plover: string | null; trigger: string; date?: string; negated?: boolean }>;
  relations?: Array<{ type: Analysis['relations'][number]['type']; source: string; target: string; evidence: string; assertedBy?: string }>;
  /** A quote: its text (found in the document) and its speaker's entity and written name. */
  quotes?: Array<{ text: string; speaker: string | null; speakerText: string }>;
  findings?: Array<{ text: string; technique: Analysis['rhetoric']['findings'][number]['technique']; target?: string }>;
  tones?: Array<{ entity: string; tone: number; mentions: number }>;
}

function spanOf(text: string, needle: string, from = 0): { start: number; end: number; text: string } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not in text`);
  return { start, end: start + needle.length, text: needle };
}

function allSpans(text: string, needle: string): Array<{ start: number; end: number; text: string }> {
  const out = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) out.push({ start: i, end: i + needle.length, text: needle });
  return out;
}

export function fixtureAnalysis(spec: FixtureSpec): Analysis {
  const doc = createDocument(spec.text, { title: spec.title, published: spec.published, source: spec.source, url: spec.url });
  const text = doc.text;
  const sentence = { start: 0, end: text.length, text };
  return {
    schema: SCHEMA_ID,
    document: { id: doc.id, title: doc.title, source: doc.source, published: doc.published, author: null, language: 'en', text, genre: null },
    sentences: [sentence],
    entities: (spec.entities ?? []).map((e) => ({
      id: e.id,
      kbId: e.kbId === undefined ? (e.id.startsWith('local:') ? null : e.id) : e.kbId,
      name: e.name,
      type: e.type,
      cameo: null,
      mentions: e.surfaces.flatMap((s) => allSpans(text, s).map((sp) => ({ ...sp, kind: 'name' as const }))).sort((a, b) => a.start - b.start),
    })),
    times: [],
    quotes: (spec.quotes ?? []).map((q, i) => {
      const sp = spanOf(text, q.text);
      return { id: `q${i + 1}`, ...sp, kind: 'direct' as const, cue: null, speaker: { ...spanOf(text, q.speakerText), entity: q.speaker } };
    }),
    claims: [],
    events: (spec.events ?? []).map((e) => ({
      cameo: e.cameo,
      plover: e.plover,
      goldstein: null,
      sourceCode: null,
      targetCode: null,
      source: e.source,
      target: e.target,
      location: null,
      date: e.date ? { value: e.date, dateSource: 'text' as const } : { value: doc.published, dateSource: 'publication' as const },
      sentence,
      trigger: spanOf(text, e.trigger),
      assertedBy: 'author',
      negated: e.negated ?? false,
      hypothetical: false,
    })),
    relations: (spec.relations ?? []).map((r) => ({
      type: r.type,
      source: r.source,
      target: r.target,
      evidence: [spanOf(text, r.evidence)],
      assertedBy: r.assertedBy ?? 'author',
    })),
    rhetoric: {
      findings: (spec.findings ?? []).map((f) => ({
        ...spanOf(text, f.text),
        technique: f.technique,
        ruleId: 'fixture-rule',
        source: 'rule' as const,
        score: 0.5,
        target: f.target ?? null,
      })),
      tone: null,
      toneByEntity: spec.tones ?? [],
    },
  };
}

/** A DocumentRecord around a fixture analysis, with no source or near-duplicate data unless given. */
export function fixtureRecord(spec: FixtureSpec, extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    analysis: fixtureAnalysis(spec),
    signature: null,
    duplicateOf: null,
    similarity: null,
    source: null,
    circularSourcing: false,
    circularQuotes: [],
    entityFacts: [],
    ingestedAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}
