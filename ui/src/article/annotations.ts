// Turns a `dossier.analysis/1` into span annotations (one per highlight) with
// the evidence behind each: rule ids, speakers, asserters, CAMEO codes, TIMEX values.
import type { Analysis } from '../api.js';
import { el, entityRoute, link } from '../dom.js';
import { LAYER_RANK, type Layer, TECHNIQUE_COLORS, techniqueLabel } from './layers.js';
import type { SpanAnnotation, SpanMarker } from './render-spans.js';

export interface ArticleAnnotation extends SpanAnnotation {
  layer: Layer | 'focus';
  /** Short, one-line summary (the tooltip and the list label). */
  summary: string;
  /** Label/value pairs for the evidence panel. */
  detail: Array<[string, Node | string | null | undefined]>;
}

export interface ArticleMarkup {
  annotations: ArticleAnnotation[];
  markers: SpanMarker[];
  /** entity id → display name (for attributions, asserters, targets). */
  names: Map<string, string>;
}

const CLOSING_QUOTES = new Set(['"', '”', '’', "'", '»', '›']);

function fmtScore(x: number | null | undefined): string | null {
  return x === null || x === undefined ? null : x.toFixed(2);
}

function list(values: readonly string[] | undefined): string | null {
  return values?.length ? values.join(', ') : null;
}

/**
 * Build the annotations of one analysis. `focus` (from `?at=start-end`) adds a
 * highlight for evidence the user followed a link to.
 */
export function annotate(analysis: Analysis, focus?: { start: number; end: number }): ArticleMarkup {
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const quoteById = new Map(analysis.quotes.map((q, i) => [q.id ?? `q${i + 1}`, q]));
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : null);
  const entityLink = (id: string | null | undefined): Node | null => (id ? link(entityRoute(id), nameOf(id) ?? id, { 'data-entity-link': id }) : null);
  /** 'author', an entity id, or `speaker:q3` (the speaker of quote q3). */
  const asserter = (by: string): { label: string; entity: string | null } => {
    if (by === 'author') return { label: 'the author', entity: null };
    if (by.startsWith('speaker:')) {
      const q = quoteById.get(by.slice('speaker:'.length));
      const entity = q?.speaker?.entity ?? null;
      return { label: nameOf(entity) ?? q?.speaker?.text ?? 'an unnamed speaker', entity };
    }
    return { label: nameOf(by) ?? by, entity: by };
  };
  const asserterNode = (by: string): Node => {
    const a = asserter(by);
    return a.entity ? (entityLink(a.entity) as Node) : document.createTextNode(a.label);
  };

  const annotations: ArticleAnnotation[] = [];
  const markers: SpanMarker[] = [];
  const add = (
    layer: Layer | 'focus',
    id: string,
    start: number,
    end: number,
    attrs: Record<string, string>,
    summary: string,
    detail: ArticleAnnotation['detail'],
    color?: string,
  ) => {
    annotations.push({
      id,
      layer,
      start,
      end,
      rank: LAYER_RANK[layer],
      summary,
      detail,
      make: () => {
        const node = el('span', { class: `ann ann-${layer}`, 'data-layer': layer, title: summary, ...attrs });
        // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
        if (color) node.style.setProperty('--technique-color', color);
        return node;
      },
    });
  };

  analysis.entities.forEach((entity, ei) => {
    entity.mentions.forEach((m, mi) => {
      add(
        'entity',
        `entity-${ei}-${mi}`,
        m.start,
        m.end,
        { 'data-entity': entity.id, 'data-entity-type': entity.type, 'data-kind': m.kind },
        `${entity.name} · ${entity.type} · ${m.kind}`,
        [
          ['Entity', entityLink(entity.id)],
          ['Type', entity.type],
          ['Mention', `“${m.text}” (${m.kind})`],
          ['KB id', entity.kbId],
          ['CAMEO actor', entity.cameo ?? null],
          ['Confidence', fmtScore(m.confidence ?? entity.confidence)],
          ['Rules', list(m.reasons)],
        ],
      );
    });
  });

  analysis.times.forEach((t, i) => {
    add('time', `time-${i}`, t.start, t.end, { 'data-value': t.value, 'data-time-type': t.type }, `${t.type} ${t.value}${t.mod ? ` (${t.mod})` : ''}`, [
      ['Time', `“${t.text}”`],
      ['Normalised value', t.value],
      ['Type', t.type],
      ['Modifier', t.mod ?? null],
      ['Anchored on', t.anchor ? `${t.anchor}${t.anchorSource ? ` (${t.anchorSource})` : ''}` : null],
      ['Rules', list(t.reasons)],
    ]);
  });

  analysis.quotes.forEach((q, i) => {
    const id = q.id ?? `q${i + 1}`;
    const speakerEntity = q.speaker?.entity ?? null;
    const speakerName = nameOf(speakerEntity) ?? q.speaker?.text ?? null;
    const speakerAttrs: Record<string, string> = speakerEntity ? { 'data-speaker-entity': speakerEntity } : {};
    if (speakerName) speakerAttrs['data-speaker-name'] = speakerName;
    const detail: ArticleAnnotation['detail'] = [
      ['Quote', `${q.kind} speech`],
      ['Speaker', speakerEntity ? entityLink(speakerEntity) : speakerName],
      ['Speaker in text', q.speaker ? `“${q.speaker.text}”` : null],
      ['Cue', q.cue ? `“${q.cue.text}” (${q.cue.lemma}${q.cue.stance ? `, ${q.cue.stance}` : ''})` : null],
      ['Rules', list(q.reasons)],
    ];
    const summary = `${q.kind === 'direct' ? 'Direct' : 'Indirect'} quote — ${speakerName ?? 'unattributed'}`;
    add('quote', `quote-${id}`, q.start, q.end, { 'data-role': 'quote', 'data-quote': id, 'data-kind': q.kind, ...speakerAttrs }, summary, detail);
    if (q.speaker && q.speaker.end > q.speaker.start) {
      add(
        'quote',
        `speaker-${id}`,
        q.speaker.start,
        q.speaker.end,
        { 'data-role': 'speaker', 'data-quote': id, ...speakerAttrs },
        `Speaker of quote ${id}: ${speakerName ?? q.speaker.text}`,
        detail,
      );
    }
    if (q.cue)
      add('quote', `cue-${id}`, q.cue.start, q.cue.end, { 'data-role': 'cue', 'data-quote': id }, `Speech cue “${q.cue.lemma}” of quote ${id}`, detail);
    // The attribution sits after the closing quotation mark when there is one.
    const at = CLOSING_QUOTES.has(analysis.document.text[q.end] ?? '') ? q.end + 1 : q.end;
    markers.push({
      at,
      make: () =>
        el(
          'span',
          { class: 'attribution', 'data-layer': 'quote', 'data-role': 'attribution', 'data-quote': id, ...speakerAttrs, 'data-ann-ref': `quote-${id}` },
          ` — ${speakerName ?? 'unattributed'}`,
        ),
    });
  });

  analysis.claims.forEach((c, i) => {
    const by = asserter(c.assertedBy);
    add(
      'claim',
      `claim-${c.id ?? i}`,
      c.start,
      c.end,
      { 'data-asserted-by': c.assertedBy },
      `Claim asserted by ${by.label} (check-worthiness ${c.checkworthiness.toFixed(2)})`,
      [
        ['Claim asserted by', asserterNode(c.assertedBy)],
        ['Check-worthiness', fmtScore(c.checkworthiness)],
        ['Hedges', list(c.hedges?.map((h) => h.text))],
        ['Certainty', list(c.certainty?.map((h) => h.text))],
        ['Rules', list(c.reasons)],
      ],
    );
  });

  analysis.events.forEach((e, i) => {
    const who = `${nameOf(e.source) ?? '?'} → ${nameOf(e.target) ?? '?'}`;
    const flags = [e.negated && 'negated', e.hypothetical && 'hypothetical', e.historical && 'historical', e.reported && 'reported'].filter(
      Boolean,
    ) as string[];
    add(
      'event',
      `event-${e.id ?? i}`,
      e.trigger.start,
      e.trigger.end,
      { 'data-cameo': e.cameo, 'data-plover': e.plover ?? '' },
      `CAMEO ${e.cameo}${e.plover ? ` ${e.plover}` : ''}: ${who}`,
      [
        ['CAMEO code', e.cameo],
        ['PLOVER', e.plover],
        ['Goldstein', e.goldstein === null ? null : String(e.goldstein)],
        ['Source', entityLink(e.source) ?? (e.sourceCode ? `(${e.sourceCode})` : null)],
        ['Target', entityLink(e.target) ?? (e.targetCode ? `(${e.targetCode})` : null)],
        ['Location', entityLink(e.location)],
        ['Date', e.date?.value ? `${e.date.value} (${e.date.dateSource})` : null],
        ['Asserted by', asserterNode(e.assertedBy)],
        ['Flags', list(flags)],
        ['Sentence', e.sentence.text],
        ['Rules', list(e.reasons)],
      ],
    );
  });

  analysis.rhetoric.findings.forEach((f, i) => {
    const color = TECHNIQUE_COLORS[f.technique] ?? '#e5e7eb';
    add(
      'rhetoric',
      `rhetoric-${i}`,
      f.start,
      f.end,
      { 'data-technique': f.technique, 'data-rule': f.ruleId, ...(f.target ? { 'data-target': f.target } : {}) },
      `${techniqueLabel(f.technique)} · rule ${f.ruleId} · score ${f.score.toFixed(2)}`,
      [
        ['Technique', f.technique],
        ['Rule id', f.ruleId],
        ['Detector', f.source],
        ['Reason', f.reason ?? null],
        ['Score', fmtScore(f.score)],
        ['Aimed at', entityLink(f.target)],
        ['Span', `“${f.text}”`],
      ],
      color,
    );
  });

  if (focus && focus.end > focus.start && focus.end <= analysis.document.text.length) {
    add('focus', 'focus', focus.start, focus.end, {}, 'The evidence you followed', [['Evidence', `“${analysis.document.text.slice(focus.start, focus.end)}”`]]);
  }
  return { annotations, markers, names };
}
