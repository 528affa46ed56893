/**
 * Reader for the Propaganda Techniques Corpus (SemEval-2020 Task 11) as it sits
 * under ../shared/eval/ptc. Used by the training script and the eval row only:
 * nothing from the corpus is copied into the repository.
 *
 * Offsets in the organisers' label files were produced in Python 3 on the file
 * as read (`open(f).read()`, no BOM stripping), so they count Unicode code
 * points of the raw text. Our stored text is normalised (BOM stripped, CRLF→LF,
 * NFC) and counted in UTF-16 code units, so every gold offset goes through
 * `rawToStored`: code points → UTF-16 units of the raw text → units of the
 * normalised text. The mapping is checked (see ptc.test.ts and `verify`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeText } from '../../src/document/normalize.js';
import type { Technique } from '../../src/schema/analysis.js';

export interface GoldSpan {
  technique: Technique;
  start: number;
  end: number;
}

export interface PtcArticle {
  id: string;
  /** Normalised text, as `createDocument` would store it. */
  text: string;
  /** Task 2 (technique) spans, mapped onto `text`. */
  spans: GoldSpan[];
  /** Task 1 (span identification) spans, mapped onto `text`. */
  siSpans: Array<{ start: number; end: number }>;
}

/**
 * Map code-point offsets of `raw` to UTF-16 offsets of `normalizeText(raw)`.
 * Normalisation is done chunk by chunk (a chunk starts at every character below
 * U+0300, which never composes with what precedes it), so offsets at chunk
 * boundaries map exactly; an offset inside a chunk that NFC shortened is
 * clamped to the chunk's end.
 */
export function rawToStored(raw: string): { text: string; map: (codePoint: number) => number } {
  const cpToUnit: number[] = [];
  for (let u = 0; u < raw.length; u++) {
    cpToUnit.push(u);
    const c = raw.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < raw.length) u++;
  }
  cpToUnit.push(raw.length);
  const text = normalizeText(raw);
  // Most articles are unchanged by normalisation: offsets then only need the code-point step.
  if (text === raw) return { text, map: (cp) => cpToUnit[Math.min(cp, cpToUnit.length - 1)] };
  // unitMap[u] = offset in the normalised text of raw UTF-16 unit u.
  const unitMap = new Int32Array(raw.length + 1);
  let out = '';
  let u = 0;
  if (raw.charCodeAt(0) === 0xfeff) {
    unitMap[0] = 0;
    u = 1;
  }
  while (u < raw.length) {
    let v = u + 1;
    while (v < raw.length && raw.charCodeAt(v) >= 0x300 && raw.charCodeAt(v) !== 0xfeff) v++;
    let chunk = raw.slice(u, v);
    if (chunk === '\r' && raw[v] === '\n') chunk = '';
    // A leading 'x' keeps normalizeText from treating a mid-text U+FEFF as a BOM.
    const norm = chunk === '' ? '' : normalizeText(`x${chunk.replace(/^\r$/, '\n')}`).slice(1);
    const base = out.length;
    for (let k = u; k < v; k++) unitMap[k] = base + Math.min(k - u, norm.length);
    out += norm;
    u = v;
  }
  unitMap[raw.length] = out.length;
  if (text !== out) throw new Error('chunked normalisation differs from normalizeText');
  return { text, map: (cp) => unitMap[cpToUnit[Math.min(cp, cpToUnit.length - 1)]] };
}

/** Read every article with its labels, sorted by article id. */
export function readPtc(ptcDir: string): PtcArticle[] {
  const articlesDir = path.join(ptcDir, 'train-articles');
  const tcDir = path.join(ptcDir, 'train-labels-task2-technique-classification');
  const siDir = path.join(ptcDir, 'train-labels-task1-span-identification');
  const files = readdirSync(articlesDir)
    .filter((f) => /^article\d+\.txt$/.test(f))
    .sort();
  const articles: PtcArticle[] = [];
  for (const f of files) {
    const id = f.slice('article'.length, -'.txt'.length);
    const raw = readFileSync(path.join(articlesDir, f), 'utf8');
    const { text, map } = rawToStored(raw);
    const spans: GoldSpan[] = [];
    const tcFile = path.join(tcDir, `article${id}.task2-TC.labels`);
    if (existsSync(tcFile)) {
      for (const line of readFileSync(tcFile, 'utf8').split('\n')) {
        const cols = line.split('\t');
        if (cols.length < 4) continue;
        const start = map(Number(cols[2]));
        const end = map(Number(cols[3]));
        if (end > start) spans.push({ technique: cols[1] as Technique, start, end });
      }
    }
    const siSpans: Array<{ start: number; end: number }> = [];
    const siFile = path.join(siDir, `article${id}.task1-SI.labels`);
    if (existsSync(siFile)) {
      for (const line of readFileSync(siFile, 'utf8').split('\n')) {
        const cols = line.split('\t');
        if (cols.length < 3) continue;
        const start = map(Number(cols[1]));
        const end = map(Number(cols[2]));
        if (end > start) siSpans.push({ start, end });
      }
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    siSpans.sort((a, b) => a.start - b.start || a.end - b.end);
    articles.push({ id, text, spans, siSpans });
  }
  return articles;
}

/** Deterministic fold of an article: sorted ids dealt round-robin. */
export function foldsOf(articles: ReadonlyArray<{ id: string }>, k: number): number[] {
  const order = articles.map((a, i) => [a.id, i] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const folds = new Array<number>(articles.length);
  order.forEach(([, i], rank) => {
    folds[i] = rank % k;
  });
  return folds;
}
