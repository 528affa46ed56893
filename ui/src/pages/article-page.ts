// `#/doc/:id`: the article as text with layered, filterable highlights and the
// evidence behind each highlight in a side panel.
import { type Analysis, api, type DocumentItem } from '../api.js';
import { type ArticleAnnotation, annotate } from '../article/annotations.js';
import { LAYER_LABELS, LAYERS, LAYERS_OFF_BY_DEFAULT, type Layer, TECHNIQUE_COLORS, techniqueLabel } from '../article/layers.js';
import { renderSpans } from '../article/render-spans.js';
import { append, docRoute, documentLabel, el, entityRoute, facts, link, replaceChildren } from '../dom.js';

export async function articlePage(root: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  const { document: doc, analysis } = await api.document(id);
  const at = /^(\d+)-(\d+)$/.exec(params.get('at') ?? '');
  // `?at=start-end` comes from graph evidence; `?find=text` from timeline rows, which carry no offsets.
  const find = params.get('find');
  const found = find ? analysis.document.text.indexOf(find) : -1;
  const focus = at ? { start: Number(at[1]), end: Number(at[2]) } : found >= 0 && find ? { start: found, end: found + find.length } : undefined;
  const markup = annotate(analysis, focus);
  const byId = new Map(markup.annotations.map((a) => [a.id, a]));

  const text = el('div', {
    class: 'article-text',
    id: 'article-text',
    role: 'document',
    'aria-label': 'Article text',
    lang: analysis.document.language || 'en',
  });
  const fragments = renderSpans(text, analysis.document.text, markup.annotations, markup.markers);
  for (const parts of fragments.values()) parts[parts.length - 1].classList.add('last');
  for (const l of LAYERS_OFF_BY_DEFAULT) text.classList.add(`hide-${l}`);

  const panel = el('aside', { class: 'evidence-panel', 'aria-label': 'Evidence', 'aria-live': 'polite' });
  const showOverview = () =>
    replaceChildren(
      panel,
      el('h2', {}, 'Evidence'),
      el('p', { class: 'hint' }, 'Select a highlight to see the evidence behind it: rule, speaker, asserter, CAMEO code, normalised time.'),
      overview(doc, analysis, markup.names),
    );

  const select = (chain: ArticleAnnotation[]) => {
    for (const n of text.querySelectorAll('.selected')) n.classList.remove('selected');
    if (chain.length === 0) return showOverview();
    for (const a of chain) for (const n of fragments.get(a.id) ?? []) n.classList.add('selected');
    replaceChildren(
      panel,
      el('h2', {}, 'Evidence'),
      ...chain.map((a) => el('section', { class: `evidence evidence-${a.layer}`, 'data-evidence': a.id }, el('h3', {}, a.summary), facts(a.detail))),
      button('Back to overview', () => select([])),
    );
  };
  const focusAnnotation = (annId: string) => {
    const first = fragments.get(annId)?.[0];
    const a = byId.get(annId);
    if (!first || !a) return;
    first.scrollIntoView({ block: 'center', behavior: 'smooth' });
    select([a]);
  };
  text.addEventListener('click', (ev) => {
    const target = ev.target as Element;
    const ref = target.closest('[data-ann-ref]') as HTMLElement | null;
    if (ref?.dataset.annRef) return focusAnnotation(ref.dataset.annRef);
    const chain: ArticleAnnotation[] = [];
    for (let n: Element | null = target.closest('[data-ann]'); n && n !== text; n = n.parentElement?.closest('[data-ann]') ?? null) {
      const a = byId.get((n as HTMLElement).dataset.ann ?? '');
      if (a && !isHidden(n as HTMLElement, text)) chain.push(a);
    }
    select(chain);
  });

  replaceChildren(
    root,
    el(
      'article',
      { class: 'article-view', 'data-document-id': doc.id },
      header(doc, analysis),
      filterBar(text, analysis, markup.annotations),
      el('div', { class: 'article-layout' }, text, panel),
      lists(analysis, markup.annotations, markup.names, focusAnnotation),
    ),
  );
  if (focus) queueMicrotask(() => focusAnnotation('focus'));
  else showOverview();
}

function isHidden(node: HTMLElement, text: HTMLElement): boolean {
  const layer = node.dataset.layer;
  return (layer !== undefined && text.classList.contains(`hide-${layer}`)) || node.classList.contains('off');
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function header(doc: DocumentItem, analysis: Analysis): HTMLElement {
  const genre = analysis.document.genre;
  const meta = [doc.source.name, doc.published, genre ? `${genre.label} (${genre.score.toFixed(2)})` : null].filter(Boolean).join(' · ');
  return el(
    'header',
    { class: 'article-header' },
    el('h1', { class: 'doc-title' }, documentLabel(doc)),
    el('p', { class: 'meta' }, meta),
    doc.source.url
      ? el('p', { class: 'meta' }, 'Source URL: ', el('a', { href: safeUrl(doc.source.url), rel: 'noopener noreferrer', target: '_blank' }, doc.source.url))
      : null,
    doc.circularSourcing ? el('p', { class: 'meta warning' }, 'Circular sourcing: the outlet quotes an organisation it is affiliated with.') : null,
    doc.duplicateOf ? el('p', { class: 'meta' }, 'Near-duplicate of ', link(docRoute(doc.duplicateOf), doc.duplicateOf.slice(0, 12))) : null,
  );
}

/** Only http(s) links leave the app; anything else (javascript:, data:) becomes inert. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

function filterBar(text: HTMLElement, analysis: Analysis, annotations: ArticleAnnotation[]): HTMLElement {
  const counts = new Map<string, number>();
  for (const a of annotations) if (!a.id.startsWith('speaker-') && !a.id.startsWith('cue-')) counts.set(a.layer, (counts.get(a.layer) ?? 0) + 1);
  const layerBoxes = LAYERS.map((layer: Layer) => {
    const box = el('input', { type: 'checkbox', 'data-filter-layer': layer, checked: !LAYERS_OFF_BY_DEFAULT.has(layer) });
    box.addEventListener('change', () => text.classList.toggle(`hide-${layer}`, !box.checked));
    return el('label', { class: `filter filter-${layer}` }, box, ` ${LAYER_LABELS[layer]} (${counts.get(layer) ?? 0})`);
  });
  const techniques = new Map<string, number>();
  for (const f of analysis.rhetoric.findings) techniques.set(f.technique, (techniques.get(f.technique) ?? 0) + 1);
  const techniqueBoxes = [...techniques]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([technique, n]) => {
      const box = el('input', { type: 'checkbox', 'data-filter-technique': technique, checked: true });
      box.addEventListener('change', () => {
        for (const node of text.querySelectorAll<HTMLElement>('[data-layer="rhetoric"]'))
          if (node.dataset.technique === technique) node.classList.toggle('off', !box.checked);
      });
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.setProperty('--technique-color', TECHNIQUE_COLORS[technique] ?? '#e5e7eb');
      return el('label', { class: 'filter filter-technique' }, box, swatch, ` ${techniqueLabel(technique)} (${n})`);
    });
  return el(
    'div',
    { class: 'filter-bar' },
    el('fieldset', {}, el('legend', {}, 'Layers'), ...layerBoxes),
    techniqueBoxes.length ? el('fieldset', {}, el('legend', {}, 'Rhetoric techniques'), ...techniqueBoxes) : null,
  );
}

function overview(doc: DocumentItem, analysis: Analysis, names: Map<string, string>): HTMLElement {
  const tone = analysis.rhetoric.tone;
  const box = el('div', { class: 'overview' });
  append(
    box,
    facts([
      ['Source', doc.source.name],
      ['Published', doc.published],
      ['Genre', analysis.document.genre ? `${analysis.document.genre.label} (${analysis.document.genre.score.toFixed(2)})` : null],
      ['Overall tone', tone === null ? null : tone.toFixed(2)],
      ['Entities', analysis.entities.length],
      ['Quotes', analysis.quotes.length],
      ['Events', analysis.events.length],
      ['Rhetoric findings', analysis.rhetoric.findings.length],
    ]),
  );
  if (analysis.rhetoric.toneByEntity.length) {
    const rows = [...analysis.rhetoric.toneByEntity].sort((a, b) => a.tone - b.tone);
    append(
      box,
      el('h3', {}, 'Tone toward entities'),
      el(
        'table',
        { class: 'tone-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Entity'), el('th', { scope: 'col' }, 'Tone'), el('th', { scope: 'col' }, 'Mentions'))),
        el(
          'tbody',
          {},
          ...rows.map((t) =>
            el(
              'tr',
              {},
              el('td', {}, link(entityRoute(t.entity), names.get(t.entity) ?? t.entity)),
              el('td', { class: t.tone < 0 ? 'neg' : 'pos' }, t.tone.toFixed(2)),
              el('td', {}, String(t.mentions)),
            ),
          ),
        ),
      ),
    );
  }
  return box;
}

function lists(analysis: Analysis, annotations: ArticleAnnotation[], names: Map<string, string>, focusAnnotation: (id: string) => void): HTMLElement {
  const quotes = annotations.filter((a) => a.id.startsWith('quote-'));
  const quoteList = el(
    'ol',
    { class: 'quote-list' },
    ...analysis.quotes.map((q, i) => {
      const id = q.id ?? `q${i + 1}`;
      const speaker = q.speaker?.entity ?? null;
      const name = (speaker && names.get(speaker)) ?? q.speaker?.text ?? 'unattributed';
      return el(
        'li',
        { 'data-quote': id, ...(speaker ? { 'data-speaker-entity': speaker } : {}) },
        el('blockquote', {}, q.text),
        el(
          'p',
          { class: 'attributed' },
          '— ',
          speaker ? link(entityRoute(speaker), name) : name,
          ` (${q.kind}${q.cue ? `, “${q.cue.text}”` : ''}) `,
          button('Show in text', () => focusAnnotation(`quote-${id}`)),
        ),
      );
    }),
  );
  const findings = annotations.filter((a) => a.layer === 'rhetoric');
  const findingList = el(
    'ul',
    { class: 'finding-list' },
    ...findings.map((a, i) => {
      const f = analysis.rhetoric.findings[i];
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.setProperty('--technique-color', TECHNIQUE_COLORS[f.technique] ?? '#e5e7eb');
      return el(
        'li',
        { 'data-technique': f.technique },
        swatch,
        ` ${techniqueLabel(f.technique)}: “${f.text}” `,
        el('span', { class: 'muted' }, `(${f.ruleId}, ${f.score.toFixed(2)}) `),
        button('Show', () => focusAnnotation(a.id)),
      );
    }),
  );
  const eventList = el(
    'ul',
    { class: 'event-list' },
    ...annotations
      .filter((a) => a.layer === 'event')
      .map((a) =>
        el(
          'li',
          {},
          a.summary,
          ` — “${analysis.document.text.slice(a.start, a.end)}” `,
          button('Show', () => focusAnnotation(a.id)),
        ),
      ),
  );
  return el(
    'div',
    { class: 'article-lists' },
    el('section', { 'aria-labelledby': 'quotes-h' }, el('h2', { id: 'quotes-h' }, `Quotes (${quotes.length})`), quoteList),
    el('section', { 'aria-labelledby': 'findings-h' }, el('h2', { id: 'findings-h' }, `Rhetoric findings (${findings.length})`), findingList),
    el('section', { 'aria-labelledby': 'events-h' }, el('h2', { id: 'events-h' }, `Events (${analysis.events.length})`), eventList),
  );
}
