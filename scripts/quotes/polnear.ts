/**
 * Reading PolNeAR (Newell et al., LREC 2018) for scoring and tuning: texts in
 * `text/NAME.txt`, brat standoff in `attributions/NAME_ANNOTATOR.ann` with
 * Source, Cue and Content spans linked by `E` lines. Offsets in the .ann files
 * count code points of the raw file; Dossier spans count UTF-16 code units of
 * the normalised text, so every offset is mapped through both.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDocument, type Document } from '../../src/document/document.js';
import type { Span } from '../../src/document/span.js';

/** One gold attribution; a part list is the union of its (possibly discontinuous) fragments. */
export interface GoldAttribution {
  content: Span[];
  source: Span[] | null;
  cue: Span[] | null;
}

export interface PolnearArticle {
  name: string;
  annotator: string;
  doc: Document;
  gold: GoldAttribution[];
}

// C0/C1 controls removed by normalisation (see src/document/normalize.ts).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Map raw code-point offsets to offsets in `createDocument(raw).text`. The raw
 * text is normalised cluster by cluster (a base character and its combining
 * marks), which is what NFC changes; returns null when that does not reproduce
 * the document text (the article is then skipped and counted).
 */
export function offsetMapper(raw: string, normalised: string): ((cp: number) => number) | null {
  const cpToNorm: number[] = [];
  let out = '';
  let i = 0;
  if (raw.charCodeAt(0) === 0xfeff) {
    cpToNorm.push(0);
    i = 1;
  }
  const cluster = /\P{M}\p{M}*|\p{M}+/uy;
  while (i < raw.length) {
    cluster.lastIndex = i;
    const m = cluster.exec(raw);
    const piece = m ? m[0] : raw[i];
    let norm = piece;
    if (piece === '\r') norm = raw[i + 1] === '\n' ? '' : '\n';
    else if (CONTROL.test(piece)) norm = '';
    else norm = piece.toWellFormed().normalize('NFC');
    const at = out.length;
    for (const _ of piece) cpToNorm.push(at);
    out += norm;
    i += piece.length;
  }
  cpToNorm.push(out.length);
  if (out !== normalised) return null;
  return (c: number) => cpToNorm[Math.min(Math.max(c, 0), cpToNorm.length - 1)];
}

function parseFragments(field: string, map: (cp: number) => number): Span[] {
  const [, ...rest] = field.split(' ');
  return rest
    .join(' ')
    .split(';')
    .map((f) => f.trim().split(/\s+/).map(Number))
    .filter((p) => p.length === 2 && p.every(Number.isFinite))
    .map(([a, b]) => ({ start: map(a), end: map(b) }));
}

/** Parse one .ann file into attributions (E lines); Discard and Discuss annotations are ignored. */
export function parseAnn(ann: string, map: (cp: number) => number): GoldAttribution[] {
  const spans = new Map<string, { type: string; spans: Span[] }>();
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (/^T\d+$/.test(cols[0]) && cols[1]) {
      spans.set(cols[0], { type: cols[1].split(' ')[0], spans: parseFragments(cols[1], map) });
    } else if (/^E\d+$/.test(cols[0]) && cols[1]) {
      events.push(cols[1].trim().split(/\s+/));
    }
  }
  const gold: GoldAttribution[] = [];
  for (const args of events) {
    const content: Span[] = [];
    let source: Span[] | null = null;
    let cue: Span[] | null = null;
    for (const arg of args) {
      const [role, id] = arg.split(':');
      const t = spans.get(id);
      if (!t) continue;
      if (role.startsWith('Content')) content.push(...t.spans);
      else if (role === 'Source') source = t.spans;
      else if (role === 'Cue') cue = t.spans;
    }
    if (content.length > 0) gold.push({ content, source, cue });
  }
  return gold;
}

/**
 * The articles of one PolNeAR split. When several annotators annotated an
 * article, the first annotator id in alphabetical order is used.
 */
export function readPolnear(splitDir: string): { articles: PolnearArticle[]; skipped: string[] } {
  const annDir = path.join(splitDir, 'attributions');
  const byArticle = new Map<string, string[]>();
  for (const f of readdirSync(annDir).sort()) {
    const m = /^(.*)_([^_]+)\.ann$/.exec(f);
    if (!m) continue;
    const list = byArticle.get(m[1]) ?? [];
    list.push(m[2]);
    byArticle.set(m[1], list);
  }
  const articles: PolnearArticle[] = [];
  const skipped: string[] = [];
  for (const [name, annotators] of [...byArticle].sort((a, b) => a[0].localeCompare(b[0]))) {
    const annotator = [...annotators].sort()[0];
    const textFile = path.join(splitDir, 'text', `${name}.txt`);
    if (!existsSync(textFile)) {
      skipped.push(name);
      continue;
    }
    const raw = readFileSync(textFile, 'utf8');
    const doc = createDocument(raw);
    const map = offsetMapper(raw, doc.text);
    if (!map) {
      skipped.push(name);
      continue;
    }
    const gold = parseAnn(readFileSync(path.join(annDir, `${name}_${annotator}.ann`), 'utf8'), map);
    articles.push({ name, annotator, doc, gold });
  }
  return { articles, skipped };
}

/** Characters shared by two span sets (each a union of disjoint fragments). */
export function intersection(a: readonly Span[], b: readonly Span[]): number {
  let n = 0;
  for (const x of merge(a)) for (const y of merge(b)) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
}

export function size(a: readonly Span[]): number {
  return merge(a).reduce((n, s) => n + s.end - s.start, 0);
}

/** |∩| / |∪| of two span sets. */
export function overlapRatio(a: readonly Span[], b: readonly Span[]): number {
  const inter = intersection(a, b);
  const union = size(a) + size(b) - inter;
  return union > 0 ? inter / union : 0;
}

function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((x, y) => x.start - y.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
