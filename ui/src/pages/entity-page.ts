// `#/entity/:ref`: the dossier of one actor — aliases, roles, relations, events,
// quotes by and about it, and its timeline.
import { api, type EntityReport, type QuoteRow } from '../api.js';
import { docRoute, el, entityRoute, facts, link, message, replaceChildren } from '../dom.js';
import { edgeTable } from './edge-view.js';
import { timelineList } from './timeline-page.js';

interface KbRole {
  title?: string;
  of?: string;
  from?: string;
  to?: string;
}
interface KbAffiliation {
  type?: string;
  target?: string;
  from?: string;
  to?: string;
  note?: string;
}

function period(x: { from?: string; to?: string }): string {
  return x.from || x.to ? ` (${x.from ?? '?'} – ${x.to ?? 'now'})` : '';
}

export async function entityPage(root: HTMLElement, ref: string): Promise<void> {
  const report: EntityReport = await api.entity(ref);
  const e = report.entity;
  // The report names only this actor; the graph around it names its neighbours.
  const around = await api.graph({ entity: e.id }).catch(() => ({ nodes: [] as Array<{ id: string; label: string }> }));
  const known = new Map<string, string>(around.nodes.map((n) => [n.id, n.label]));
  known.set(e.id, e.name);
  const names = (id: string) => known.get(id) ?? readableId(id);
  const roles = (e.kb?.roles ?? []) as KbRole[];
  const affiliations = (e.kb?.affiliations ?? []) as KbAffiliation[];

  replaceChildren(
    root,
    el(
      'article',
      { class: 'entity-view', 'data-entity-id': e.id },
      el('h1', {}, e.name, ' ', el('span', { class: `type-badge type-${e.type}` }, e.type)),
      e.kb?.description ? el('p', { class: 'lead' }, e.kb.description) : null,
      facts([
        ['Id', e.id],
        ['KB id', e.kbId],
        ['CAMEO actor code', e.cameo],
        ['Country', e.kb?.country ?? null],
        ['Mentions', `${report.mentions} in ${report.documents} document${report.documents === 1 ? '' : 's'}`],
        ['Timeline', link(`/timeline/${encodeURIComponent(e.id)}`, 'Dated items in order')],
        ['Graph', link(`/graph?entity=${encodeURIComponent(e.id)}`, 'Network around this actor')],
      ]),
      report.others.length
        ? el(
            'p',
            { class: 'meta' },
            'The name could also mean: ',
            ...report.others.flatMap((o, i) => [i ? ', ' : '', link(entityRoute(o.id), `${o.name} (${o.type})`)]),
          )
        : null,
      section('Aliases and names in the corpus', [
        e.aliases.length ? el('p', {}, el('strong', {}, 'Known aliases: '), e.aliases.join(' · ')) : null,
        report.surfaceForms.length ? el('ul', { class: 'inline-list' }, ...report.surfaceForms.map((s) => el('li', {}, `${s.text} (${s.count})`))) : null,
      ]),
      roles.length || affiliations.length
        ? section('Roles and affiliations (knowledge base)', [
            el(
              'ul',
              {},
              ...roles.map((r) => el('li', {}, r.title ?? 'Role', r.of ? ' of ' : null, r.of ? link(entityRoute(r.of), names(r.of)) : null, period(r))),
              ...affiliations.map((a) =>
                el(
                  'li',
                  {},
                  `${a.type ?? 'AFFILIATED_WITH'} `,
                  a.target ? link(entityRoute(a.target), names(a.target)) : null,
                  period(a),
                  a.note ? ` — ${a.note}` : null,
                ),
              ),
            ),
          ])
        : null,
      section(`Relations (${report.relations.length})`, [
        report.relations.length ? edgeTable(report.relations, e.id, names, `Relations of ${e.name}`) : message('No relations found in the corpus.'),
      ]),
      section(`Events (${report.events.length})`, [
        report.events.length ? edgeTable(report.events, e.id, names, `Events involving ${e.name}`) : message('No coded events.'),
      ]),
      section(`Quotes by ${e.name} (${report.quotesBy.length})`, [quoteList(report.quotesBy, 'by', names, (id) => known.get(id))]),
      section(`Quotes about ${e.name} (${report.quotesAbout.length})`, [quoteList(report.quotesAbout, 'about', names, (id) => known.get(id))]),
      section('Timeline', [
        report.timeline.length ? timelineList(report.timeline.slice(0, 20)) : message('No dated items.'),
        link(`/timeline/${encodeURIComponent(e.id)}`, 'Full timeline →'),
      ]),
    ),
  );
}

function section(title: string, children: Array<Node | null>): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...children);
}

function quoteList(rows: QuoteRow[], kind: 'by' | 'about', names: (id: string) => string, known: (id: string) => string | undefined): HTMLElement {
  if (!rows.length) return message(kind === 'by' ? 'No quotes attributed to this actor.' : 'No quotes mention this actor.');
  return el(
    'ul',
    { class: 'quote-list' },
    ...rows.map((q) =>
      el(
        'li',
        { 'data-speaker-entity': q.speakerEntity ?? '' },
        el('blockquote', {}, link(docRoute(q.documentId, q), q.text)),
        el(
          'p',
          { class: 'attributed' },
          '— ',
          q.speakerEntity
            ? link(entityRoute(q.speakerEntity), known(q.speakerEntity) ?? q.speakerText ?? names(q.speakerEntity))
            : (q.speakerText ?? 'unattributed'),
          el('span', { class: 'meta' }, ` ${[q.kind, q.source, q.published, q.circularSourcing ? 'circular sourcing' : null].filter(Boolean).join(' · ')}`),
        ),
      ),
    ),
  );
}

/** `person.ali-khamenei` → `ali khamenei` when no name is at hand. */
export function readableId(id: string): string {
  const tail = id.includes(':') ? id.slice(id.lastIndexOf(':') + 1) : id.includes('.') ? id.slice(id.indexOf('.') + 1) : id;
  return tail.replaceAll('-', ' ');
}
