import { createHash } from 'node:crypto';
import type { Analysis } from '../../schema/analysis.js';
import { CodePointIndex } from './code-points.js';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3cAnnotationOptions {
  /** The annotated document's IRI; default: its URL, else `urn:dossier:doc:<id>`. */
  documentUri?: string;
  /** Code points of context kept on each side in TextQuoteSelector prefix/suffix (default 32). */
  contextLength?: number;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'identifying' | 'tagging' | 'classifying' | 'commenting' | 'assessing' | 'describing' | 'linking';
  format?: 'text/plain';
}
export interface SpecificResourceBody {
  type: 'SpecificResource';
  source: string;
  purpose: 'identifying' | 'linking';
}
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}
export interface W3cAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'identifying' | 'tagging' | 'classifying' | 'commenting' | 'assessing';
  generator: { type: 'Software'; name: 'Dossier' };
  body: Array<TextualBody | SpecificResourceBody>;
  target: { source: string; selector: [TextQuoteSelector, TextPositionSelector] };
}

/** The IRI Dossier uses for an actor: its KB record, or a document-independent local id. */
export function entityIri(entityId: string): string {
  return `urn:dossier:entity:${encodeURIComponent(entityId)}`;
}

/**
 * Every entity mention, time expression, quote, claim, event trigger and
 * rhetoric finding of one analysis as a W3C Web Annotation (JSON-LD, Web
 * Annotation Data Model). Each target carries two equivalent selectors: a
 * TextQuoteSelector (exact text with prefix and suffix, robust to reflow) and
 * a TextPositionSelector over the document's normalised text.
 *
 * Offsets: Dossier spans count UTF-16 code units; the TextPositionSelector
 * counts Unicode code points as the Data Model requires (§4.2.5), so every
 * astral character (emoji) before a span shifts it by one. Prefix and suffix
 * never split a surrogate pair.
 *
 * Motivations: mentions `identifying` (body: a SpecificResource for the actor
 * plus its name and type), times `identifying` (the TIMEX value), quotes
 * `classifying` (kind, speaker), claims and findings `assessing` (check-worthiness,
 * technique and score), event triggers `classifying` (CAMEO and PLOVER codes,
 * actors). Ids are `urn:dossier:anno:` plus a hash of the document id, the kind
 * and the span, so they are stable across exports.
 *
 * @example for (const anno of toW3cAnnotations(analysis)) out.write(`${JSON.stringify(anno)}\n`);
 */
export function* toW3cAnnotations(analysis: Analysis, options: W3cAnnotationOptions = {}): Generator<W3cAnnotation> {
  const doc = analysis.document;
  const text = doc.text;
  const source = options.documentUri ?? doc.source.url ?? `urn:dossier:doc:${doc.id}`;
  const context = options.contextLength ?? 32;
  const index = new CodePointIndex(text);
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : null);

  const make = (
    kind: string,
    span: { start: number; end: number },
    motivation: W3cAnnotation['motivation'],
    body: W3cAnnotation['body'],
    discriminator = '',
  ): W3cAnnotation => ({
    '@context': ANNO_CONTEXT,
    id: `urn:dossier:anno:${createHash('sha1').update(`${doc.id}\u001f${kind}\u001f${span.start}\u001f${span.end}\u001f${discriminator}`).digest('hex')}`,
    type: 'Annotation',
    motivation,
    generator: { type: 'Software', name: 'Dossier' },
    body,
    target: { source, selector: selectors(text, index, span, context) },
  });

  for (const e of analysis.entities) {
    for (const m of e.mentions) {
      const body: W3cAnnotation['body'] = [
        { type: 'SpecificResource', source: entityIri(e.kbId ?? e.id), purpose: 'identifying' },
        { type: 'TextualBody', value: e.name, purpose: 'identifying', format: 'text/plain' },
        { type: 'TextualBody', value: e.type, purpose: 'classifying', format: 'text/plain' },
        { type: 'TextualBody', value: `mention:${m.kind}`, purpose: 'tagging', format: 'text/plain' },
      ];
      yield make('mention', m, 'identifying', body, e.id);
    }
  }
  for (const t of analysis.times) {
    yield make('time', t, 'identifying', [
      { type: 'TextualBody', value: t.mod ? `${t.value} (${t.mod})` : t.value, purpose: 'identifying', format: 'text/plain' },
      { type: 'TextualBody', value: `TIMEX3 ${t.type}`, purpose: 'classifying', format: 'text/plain' },
    ]);
  }
  for (const q of analysis.quotes) {
    const body: W3cAnnotation['body'] = [{ type: 'TextualBody', value: `${q.kind} quote`, purpose: 'classifying', format: 'text/plain' }];
    const speaker = q.speaker ? (nameOf(q.speaker.entity) ?? q.speaker.text) : null;
    if (speaker)
      body.push({ type: 'TextualBody', value: `Attributed to ${speaker}${q.cue ? ` (“${q.cue.text}”)` : ''}`, purpose: 'commenting', format: 'text/plain' });
    if (q.speaker?.entity) body.push({ type: 'SpecificResource', source: entityIri(q.speaker.entity), purpose: 'linking' });
    yield make('quote', q, 'classifying', body, q.id ?? '');
  }
  for (const c of analysis.claims) {
    yield make(
      'claim',
      c,
      'assessing',
      [
        { type: 'TextualBody', value: `check-worthiness ${c.checkworthiness}`, purpose: 'assessing', format: 'text/plain' },
        {
          type: 'TextualBody',
          value: `Asserted by ${c.assertedBy === 'author' ? 'the author' : nameOf(c.assertedBy)}`,
          purpose: 'commenting',
          format: 'text/plain',
        },
      ],
      c.id ?? '',
    );
  }
  for (let i = 0; i < analysis.events.length; i++) {
    const ev = analysis.events[i];
    const body: W3cAnnotation['body'] = [{ type: 'TextualBody', value: `CAMEO ${ev.cameo}`, purpose: 'classifying', format: 'text/plain' }];
    if (ev.plover) body.push({ type: 'TextualBody', value: `PLOVER ${ev.plover}`, purpose: 'classifying', format: 'text/plain' });
    const flags = [ev.negated ? 'negated' : null, ev.hypothetical ? 'hypothetical' : null].filter(Boolean).join(', ');
    body.push({
      type: 'TextualBody',
      value: `${nameOf(ev.source) ?? '?'} → ${nameOf(ev.target) ?? '?'}${ev.date?.value ? ` on ${ev.date.value}` : ''}${flags ? ` (${flags})` : ''}`,
      purpose: 'commenting',
      format: 'text/plain',
    });
    for (const id of [ev.source, ev.target]) if (id) body.push({ type: 'SpecificResource', source: entityIri(id), purpose: 'linking' });
    yield make('event', ev.trigger, 'classifying', body, `${ev.id ?? i}:${ev.cameo}`);
  }
  for (const f of analysis.rhetoric.findings) {
    const body: W3cAnnotation['body'] = [
      { type: 'TextualBody', value: f.technique, purpose: 'classifying', format: 'text/plain' },
      { type: 'TextualBody', value: `${f.ruleId} (${f.source}), score ${f.score}`, purpose: 'assessing', format: 'text/plain' },
    ];
    if (f.target) body.push({ type: 'SpecificResource', source: entityIri(f.target), purpose: 'linking' });
    yield make('finding', f, 'assessing', body, `${f.technique}:${f.ruleId}`);
  }
}

function selectors(text: string, index: CodePointIndex, span: { start: number; end: number }, context: number): [TextQuoteSelector, TextPositionSelector] {
  const prefixStart = index.toUtf16(Math.max(0, index.toCodePoints(span.start) - context));
  const suffixEnd = index.toUtf16(Math.min(index.toCodePoints(text.length), index.toCodePoints(span.end) + context));
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(span.start, span.end),
      prefix: text.slice(index.snapBack(prefixStart), span.start),
      suffix: text.slice(span.end, index.snapForward(suffixEnd)),
    },
    { type: 'TextPositionSelector', start: index.toCodePoints(span.start), end: index.toCodePoints(span.end) },
  ];
}
