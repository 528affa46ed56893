import type { Command } from 'commander';
import { entityReport, findPath, neighbors, resolveEntity } from '../../graph/queries.js';
import type { GraphEdge } from '../../graph/types.js';
import { CORPUS_EXIT, DB_HELP, datePrefix, printJson, wholeNumber, withStore } from './options.js';

function edgeLine(e: GraphEdge, self?: string): string {
  const arrow = self === undefined ? `${e.source} —${e.type}→ ${e.target}` : e.source === self ? `—${e.type}→ ${e.target}` : `←${e.type}— ${e.source}`;
  const dates = e.firstDate ? ` ${e.firstDate}${e.lastDate && e.lastDate !== e.firstDate ? `…${e.lastDate}` : ''}` : '';
  const tone = e.tone === null ? '' : ` tone ${e.tone >= 0 ? '+' : ''}${e.tone.toFixed(2)}`;
  return `${arrow}  [${e.independentSources} source${e.independentSources === 1 ? '' : 's'}, ${e.documents} doc${e.documents === 1 ? '' : 's'}${dates}${tone}]  “${e.evidence[0]?.text ?? ''}”`;
}

const notFound = (name: string) => {
  process.stderr.write(`dossier: no entity matches ${JSON.stringify(name)}\n`);
  process.exitCode = CORPUS_EXIT.notFound;
};

export function registerQueries(command: (name: string) => Command): void {
  command('entity')
    .description('Everything the store knows about an entity: aliases, KB roles and affiliations, relations, events, quotes, timeline')
    .argument('<name>', 'a name, alias or entity id (e.g. Iran, IRGC, person.ali-khamenei)')
    .option('--db <url>', DB_HELP)
    .option('--limit <n>', 'items per section', wholeNumber, 10)
    .option('--json', 'print JSON', false)
    .action(async (name: string, opts: { db?: string; limit: number; json: boolean }) => {
      await withStore(opts.db, async (store) => {
        const r = await entityReport(store, name, opts.limit);
        if (!r) return notFound(name);
        if (opts.json) return printJson(r);
        const e = r.entity;
        const out: string[] = [`${e.name}  (${e.id}, ${e.type}${e.kb?.country ? `, ${e.kb.country}` : ''})`];
        out.push(`${r.mentions} mentions in ${r.documents} documents`);
        if (r.others.length) out.push(`also matches: ${r.others.map((o) => `${o.name} (${o.id})`).join(', ')}`);
        if (e.aliases.length) out.push(`aliases: ${e.aliases.slice(0, 20).join(', ')}`);
        if (r.surfaceForms.length) out.push(`written as: ${r.surfaceForms.map((s) => `${s.text} ×${s.count}`).join(', ')}`);
        if (e.kb?.description) out.push(`about: ${e.kb.description}`);
        for (const role of (e.kb?.roles ?? []) as Array<{ title: string; of?: string; from?: string; to?: string }>)
          out.push(`role: ${role.title}${role.of ? ` of ${role.of}` : ''}${role.from || role.to ? ` (${role.from ?? '?'}–${role.to ?? ''})` : ''}`);
        for (const a of (e.kb?.affiliations ?? []) as Array<{ type: string; target: string }>) out.push(`affiliation: ${a.type} ${a.target}`);
        const section = (title: string, lines: string[]) => {
          if (lines.length === 0) return;
          out.push('', `${title}:`, ...lines.slice(0, opts.limit).map((l) => `  ${l}`));
        };
        section(
          'relations',
          r.relations.map((x) => edgeLine(x, e.id)),
        );
        section(
          'events',
          r.events.map((x) => edgeLine(x, e.id)),
        );
        section(
          'quotes by',
          r.quotesBy.map((q) => `${q.published ?? '????'} ${q.source ?? ''}: “${q.text}”${q.circularSourcing ? '  [circular sourcing]' : ''}`),
        );
        section(
          'quotes about',
          r.quotesAbout.map((q) => `${q.published ?? '????'} ${q.speakerText ?? '?'}: “${q.text}”`),
        );
        section(
          'timeline',
          r.timeline.map((t) => `${t.date ?? '????'}  ${t.kind}  ${t.detail}  “${t.text}”`),
        );
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  const graph = command('graph').description('Query the cross-article graph of relations and events');
  graph
    .command('neighbors')
    .alias('neighbours')
    .description('Edges touching an entity, best attested first')
    .argument('<entity>', 'a name, alias or entity id')
    .option('--db <url>', DB_HELP)
    .option('--type <type>', 'edge type (PROXY_OF, event:ASSAULT) or "event" for every event class')
    .option('--min-sources <n>', 'at least this many independent sources', wholeNumber, 1)
    .option('--from <date>', 'evidence on or after (YYYY[-MM[-DD]])', datePrefix)
    .option('--to <date>', 'evidence on or before (YYYY[-MM[-DD]])', datePrefix)
    .option('--json', 'print JSON', false)
    .action(async (name: string, opts: { db?: string; type?: string; minSources: number; from?: string; to?: string; json: boolean }) => {
      await withStore(opts.db, async (store) => {
        const resolved = await resolveEntity(store, name);
        if (!resolved) return notFound(name);
        const edges = await neighbors(store, resolved.entity.id, opts);
        if (opts.json) return printJson(edges);
        process.stdout.write(`${resolved.entity.name} (${resolved.entity.id}): ${edges.length} edge${edges.length === 1 ? '' : 's'}\n`);
        for (const e of edges) process.stdout.write(`  ${edgeLine(e, resolved.entity.id)}\n`);
      });
    });
  graph
    .command('path')
    .description('A shortest chain of relations and events between two entities')
    .argument('<a>', 'a name, alias or entity id')
    .argument('<b>', 'a name, alias or entity id')
    .option('--db <url>', DB_HELP)
    .option('--max-hops <n>', 'give up beyond this many edges', wholeNumber, 6)
    .option('--json', 'print JSON', false)
    .action(async (a: string, b: string, opts: { db?: string; maxHops: number; json: boolean }) => {
      await withStore(opts.db, async (store) => {
        const from = await resolveEntity(store, a);
        const to = await resolveEntity(store, b);
        if (!from) return notFound(a);
        if (!to) return notFound(b);
        const path = await findPath(store, from.entity.id, to.entity.id, opts.maxHops);
        if (opts.json) return printJson(path);
        if (!path) {
          process.stdout.write(`no path between ${from.entity.id} and ${to.entity.id} within ${opts.maxHops} hops\n`);
          process.exitCode = CORPUS_EXIT.notFound;
          return;
        }
        for (const s of path) process.stdout.write(`${s.from} → ${s.to}  via ${edgeLine(s.edge)}\n`);
      });
    });

  command('search')
    .description('Full-text search over stored documents')
    .argument('<query>', 'words (all required), "quoted phrases", OR between alternatives')
    .option('--db <url>', DB_HELP)
    .option('--limit <n>', 'hits', wholeNumber, 20)
    .option('--json', 'print JSON', false)
    .action(async (query: string, opts: { db?: string; limit: number; json: boolean }) => {
      await withStore(opts.db, async (store) => {
        const hits = await store.search(query, opts.limit);
        if (opts.json) return printJson(hits);
        for (const h of hits)
          process.stdout.write(`${h.documentId.slice(0, 12)}  ${h.published ?? '????-??-??'}  ${h.source ?? ''}  ${h.title ?? ''}\n    ${h.snippet}\n`);
        if (hits.length === 0) process.exitCode = CORPUS_EXIT.notFound;
      });
    });

  command('timeline')
    .description('Dated events, relations and quotes of an entity, oldest first')
    .argument('<entity>', 'a name, alias or entity id')
    .option('--db <url>', DB_HELP)
    .option('--limit <n>', 'items', wholeNumber, 200)
    .option('--json', 'print JSON', false)
    .action(async (name: string, opts: { db?: string; limit: number; json: boolean }) => {
      await withStore(opts.db, async (store) => {
        const resolved = await resolveEntity(store, name);
        if (!resolved) return notFound(name);
        const rows = await store.timeline(resolved.entity.id, opts.limit);
        if (opts.json) return printJson(rows);
        for (const t of rows)
          process.stdout.write(`${t.date ?? '????'}  ${t.kind.padEnd(8)}  ${t.detail}  “${t.text}”  (${t.id ?? t.documentId.slice(0, 12)})\n`);
      });
    });
}
