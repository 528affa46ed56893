import type { Analysis } from '../schema/analysis.js';

export interface TextReportOptions {
  color: boolean;
  /** Longest excerpt shown for quotes, claims and sentences. */
  width?: number;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39] } as const;
type Style = keyof typeof CODES;

/** A readable report of one Analysis for a terminal or a text file. */
export function formatTextReport(a: Analysis, options: TextReportOptions): string {
  const paint = (style: Style, s: string) => (options.color ? `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m` : s);
  const width = options.width ?? 100;
  const cut = (s: string) => {
    const one = s.replace(/\s+/g, ' ');
    return one.length > width ? `${one.slice(0, width - 1)}…` : one;
  };
  const at = (x: { start: number; end: number }) => paint('dim', `[${x.start},${x.end})`);
  const name = new Map(a.entities.map((e) => [e.id, e.name]));
  const who = (id: string | null | undefined) => (id === null || id === undefined ? '?' : id === 'author' ? 'the author' : (name.get(id) ?? id));
  const out: string[] = [];
  const d = a.document;
  out.push(paint('bold', d.title ?? '(untitled)'));
  out.push(
    [
      `source ${d.source.name ?? '?'}`,
      `published ${d.published ?? '?'}`,
      d.author ? `by ${d.author}` : null,
      d.genre ? `genre ${d.genre.label} (${d.genre.score.toFixed(2)})` : null,
      `${a.sentences.length} sentences`,
      `${d.text.length} chars`,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  out.push(paint('dim', `id ${d.id}`));
  const section = (title: string, count: number) => {
    out.push('');
    out.push(paint('cyan', `${title} (${count})`));
  };
  section('Entities', a.entities.length);
  for (const e of [...a.entities].sort((x, y) => y.mentions.length - x.mentions.length || x.name.localeCompare(y.name))) {
    const kinds = [...new Set(e.mentions.map((m) => m.kind))].join(',');
    const surfaces = [...new Set(e.mentions.map((m) => m.text))].slice(0, 5).join(' | ');
    out.push(
      `  ${paint('bold', e.name)} ${paint('dim', e.type)} ${e.kbId ? paint('green', e.kbId) : paint('yellow', 'unlinked')} ×${e.mentions.length} ${paint('dim', kinds)}  ${cut(surfaces)}`,
    );
  }
  section('Times', a.times.length);
  for (const t of a.times)
    out.push(
      `  ${at(t)} "${t.text}" → ${paint('bold', t.value)} ${paint('dim', t.type + (t.mod ? ` ${t.mod}` : '') + (t.anchored ? ` anchor ${t.anchor}` : ' unanchored'))}`,
    );
  section('Quotes', a.quotes.length);
  for (const q of a.quotes) {
    out.push(
      `  ${at(q)} ${paint('magenta', who(q.speaker?.entity ?? null))}${q.speaker ? ` ("${q.speaker.text}")` : ''} ${q.cue ? `${q.cue.lemma}${q.cue.stance && q.cue.stance !== 'neutral' ? ` (${q.cue.stance})` : ''}` : ''} ${q.kind}: “${cut(q.text)}”`,
    );
  }
  section('Claims', a.claims.length);
  for (const c of a.claims)
    out.push(`  ${at(c)} ${paint('magenta', who(c.assertedBy))} ${paint('dim', `checkworthiness ${c.checkworthiness.toFixed(2)}`)}: ${cut(c.text)}`);
  section('Events', a.events.length);
  for (const e of a.events) {
    const flags = [e.negated && 'negated', e.hypothetical && 'hypothetical', e.historical && 'historical', e.reported && 'reported'].filter(Boolean).join(',');
    out.push(
      `  ${at(e.trigger)} ${paint('bold', `${e.cameo}${e.plover ? ` ${e.plover}` : ''}`)} ${who(e.source)} (${e.sourceCode ?? '-'}) → ${who(e.target)} (${e.targetCode ?? '-'})${e.date?.value ? ` on ${e.date.value}` : ''} ${paint('dim', `asserted by ${who(e.assertedBy)}${flags ? `; ${flags}` : ''}`)}: "${e.trigger.text}"`,
    );
  }
  section('Relations', a.relations.length);
  for (const r of a.relations) {
    out.push(
      `  ${who(r.source)} ${paint('bold', r.type)}${r.role ? ` "${r.role}"` : ''} ${who(r.target)} ${paint('dim', `asserted by ${who(r.assertedBy)}`)} ${r.evidence.map(at).join(' ')}`,
    );
    if (r.kbConflict) out.push(`    ${paint('red', `KB conflict: ${r.kbConflict}`)}`);
  }
  section('Rhetoric', a.rhetoric.findings.length);
  if (a.rhetoric.tone !== null) out.push(`  tone ${a.rhetoric.tone.toFixed(2)}`);
  for (const t of a.rhetoric.toneByEntity) out.push(`  tone toward ${who(t.entity)}: ${t.tone.toFixed(2)} over ${t.mentions} mentions`);
  for (const f of a.rhetoric.findings)
    out.push(
      `  ${at(f)} ${paint('yellow', f.technique)} ${paint('dim', `${f.ruleId} ${f.score.toFixed(2)}${f.target ? ` → ${who(f.target)}` : ''}`)}: "${cut(f.text)}"`,
    );
  return `${out.join('\n')}\n`;
}
