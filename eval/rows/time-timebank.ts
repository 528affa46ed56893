/**
 * Time row: TimeBank 1.2 (TempEval-3 TBAQ-cleaned), 183 TimeML documents. The
 * document creation time (DCT) is the publication date and is not scored. A
 * prediction matches a gold TIMEX3 when the spans overlap; it scores when the
 * values are equal. Rules were designed looking at TimeBank, so every 5th file
 * (sorted by name) is also reported alone as a held-out check. chrono-node is
 * measured in the same run as a baseline (value accuracy over gold DATEs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { analyseTimed, loadResources } from '../../src/analysis.js';
import { createDocument } from '../../src/document/document.js';
import { timeStage } from '../../src/extract/time/time-stage.js';
import { segmentStage } from '../../src/pipeline/segment-stage.js';
import type { TimeExpression } from '../../src/schema/analysis.js';
import type { EvalResult, EvalRow } from '../types.js';

interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

interface TimeBankDoc {
  name: string;
  text: string;
  dct: string;
  gold: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Strip the TimeML tags of the <TEXT> body, keeping offsets of the TIMEX3 spans in the stripped text. */
export function parseTimeML(name: string, xml: string): TimeBankDoc | null {
  const dct = /<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"/.exec(xml)?.[1];
  const open = xml.indexOf('<TEXT>');
  const close = xml.lastIndexOf('</TEXT>');
  if (!dct || open < 0 || close < 0) return null;
  const body = xml.slice(open + 6, close);
  let text = '';
  const gold: GoldTimex[] = [];
  const stack: Array<{ start: number; type: string; value: string } | null> = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === '<') {
      const j = body.indexOf('>', i);
      const tag = body.slice(i, j + 1);
      if (tag.startsWith('<TIMEX3')) {
        const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? '';
        const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '';
        if (tag.endsWith('/>')) {
          // empty TIMEX3 (implicit times) have no span to score
        } else stack.push({ start: text.length, type, value });
      } else if (tag.startsWith('</TIMEX3')) {
        const t = stack.pop();
        if (t) gold.push({ start: t.start, end: text.length, type: t.type, value: t.value });
      }
      i = j + 1;
    } else if (c === '&') {
      const j = body.indexOf(';', i);
      const ent = body.slice(i + 1, j);
      text += ENTITIES[ent] ?? (ent.startsWith('#') ? String.fromCodePoint(Number(ent.replace(/^#x?/, ent.startsWith('#x') ? '0x' : ''))) : `&${ent};`);
      i = j + 1;
    } else {
      text += c;
      i++;
    }
  }
  return { name, text, dct, gold };
}

export function loadTimeBank(dir: string): TimeBankDoc[] {
  const docs: TimeBankDoc[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.tml') || f.startsWith('.')) continue; // skips macOS "._" resource forks
    const d = parseTimeML(f, readFileSync(path.join(dir, f), 'utf8'));
    if (d) docs.push(d);
  }
  return docs;
}

interface Counts {
  pred: number;
  predOk: number;
  predSpan: number;
  gold: number;
  goldOk: number;
  goldSpan: number;
}

const zero = (): Counts => ({ pred: 0, predOk: 0, predSpan: 0, gold: 0, goldOk: 0, goldSpan: 0 });
const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function score(c: Counts): { p: number; r: number; f: number; sp: number; sr: number; sf: number } {
  const p = ratio(c.predOk, c.pred);
  const r = ratio(c.goldOk, c.gold);
  const sp = ratio(c.predSpan, c.pred);
  const sr = ratio(c.goldSpan, c.gold);
  return { p, r, f: f1(p, r), sp, sr, sf: f1(sp, sr) };
}

function add(into: Counts, c: Counts): void {
  for (const k of Object.keys(into) as Array<keyof Counts>) into[k] += c[k];
}

/** chrono-node's value at the granularity of a gold calendar value, or null when it cannot express it. */
function chronoValue(r: { start: { get(c: string): number | null } }, gold: string): string | null {
  const y = r.start.get('year');
  const m = r.start.get('month');
  const d = r.start.get('day');
  const p = (n: number | null) => String(n ?? 0).padStart(2, '0');
  if (/^\d{4}$/.test(gold)) return String(y);
  if (/^\d{4}-\d{2}$/.test(gold)) return `${y}-${p(m)}`;
  if (/^\d{4}-\d{2}-\d{2}/.test(gold)) return `${y}-${p(m)}-${p(d)}`;
  return null;
}

const row: EvalRow = {
  id: 'time-timebank',
  extractor: 'time',
  order: 20,
  title: 'TimeBank 1.2 TIMEX3 (183 docs, DCT anchor)',
  needs: ['eval/timebank'],
  async run(ctx) {
    const docs = loadTimeBank(path.join(ctx.sharedDir, 'eval', 'timebank'));
    const stages = [segmentStage, timeStage];
    const res = await loadResources({ dataDir: path.join(ctx.root, 'data') }, stages);
    const require = createRequire(import.meta.url);
    const chrono = require('chrono-node') as {
      parse(text: string, ref: Date): Array<{ index: number; text: string; start: { get(c: string): number | null } }>;
    };
    const all = zero();
    const held = zero();
    const byGoldType = new Map<string, Counts>();
    const byPredType = new Map<string, Counts>();
    let chronoGold = 0;
    let chronoOk = 0;
    let mismatched = 0;
    const errors: string[] = [];
    for (const [k, d] of docs.entries()) {
      const doc = createDocument(d.text, { published: d.dct });
      if (doc.text !== d.text) {
        mismatched++;
        continue;
      }
      const { analysis } = analyseTimed(doc, res, { stages });
      const pred: TimeExpression[] = analysis.times;
      const c = zero();
      c.pred = pred.length;
      c.gold = d.gold.length;
      for (const p of pred) {
        const pc = byPredType.get(p.type) ?? zero();
        pc.pred++;
        const hits = d.gold.filter((g) => overlap(g, p));
        if (hits.length > 0) c.predSpan++;
        if (hits.some((g) => g.value === p.value)) {
          c.predOk++;
          pc.predOk++;
        } else if (process.env.TIME_EVAL_ERRORS)
          errors.push(
            `FP ${d.name}\t${JSON.stringify(p.text)}\t${p.type} ${p.value}\tgold: ${hits.map((g) => `${JSON.stringify(d.text.slice(g.start, g.end))} ${g.type} ${g.value}`).join('; ')}\tdct ${d.dct}`,
          );
        byPredType.set(p.type, pc);
      }
      for (const g of d.gold) {
        const gc = byGoldType.get(g.type) ?? zero();
        gc.gold++;
        const hits = pred.filter((p) => overlap(g, p));
        if (hits.length > 0) c.goldSpan++;
        if (hits.some((p) => p.value === g.value)) {
          c.goldOk++;
          gc.goldOk++;
        } else if (process.env.TIME_EVAL_ERRORS && hits.length === 0)
          errors.push(
            `FN ${d.name}\t${JSON.stringify(d.text.slice(g.start, g.end))}\t${g.type} ${g.value}\tdct ${d.dct}\t…${JSON.stringify(d.text.slice(Math.max(0, g.start - 40), g.end + 20))}`,
          );
        byGoldType.set(g.type, gc);
      }
      add(all, c);
      if (k % 5 === 4) add(held, c);
      // chrono-node baseline on gold DATEs
      const ref = new Date(`${d.dct.slice(0, 10)}T12:00:00`);
      const found = chrono.parse(d.text, ref);
      for (const g of d.gold) {
        if (g.type !== 'DATE') continue;
        chronoGold++;
        const r = found.find((x) => overlap(g, { start: x.index, end: x.index + x.text.length }));
        if (r && chronoValue(r, g.value) === g.value) chronoOk++;
      }
    }
    if (errors.length > 0) for (const e of errors) ctx.log(e);
    const s = score(all);
    const h = score(held);
    const fmt = (n: number) => n.toFixed(3);
    const types = ['DATE', 'TIME', 'DURATION', 'SET'];
    const details = [
      `documents ${docs.length} (${mismatched} skipped: text changed by normalisation); gold TIMEX3 ${all.gold} (DCT excluded), predicted ${all.pred}`,
      `value P ${fmt(s.p)} R ${fmt(s.r)} F1 ${fmt(s.f)}; span (overlap) P ${fmt(s.sp)} R ${fmt(s.sr)} F1 ${fmt(s.sf)}`,
      `held-out (every 5th file, ${held.gold} gold): value P ${fmt(h.p)} R ${fmt(h.r)} F1 ${fmt(h.f)}; span F1 ${fmt(h.sf)}`,
      `per type — value recall by gold type: ${types.map((t) => `${t} ${fmt(ratio(byGoldType.get(t)?.goldOk ?? 0, byGoldType.get(t)?.gold ?? 0))}/${byGoldType.get(t)?.gold ?? 0}`).join(', ')}`,
      `per type — value precision by predicted type: ${types.map((t) => `${t} ${fmt(ratio(byPredType.get(t)?.predOk ?? 0, byPredType.get(t)?.pred ?? 0))}/${byPredType.get(t)?.pred ?? 0}`).join(', ')}`,
      `chrono-node 2 baseline: value accuracy over gold DATEs ${fmt(ratio(chronoOk, chronoGold))} (${chronoOk}/${chronoGold}), chrono.parse(text, DCT) per document`,
      'anchor conventions: DCT = publication date; "last October" = most recent October strictly before the anchor month; bare weekday = most recent on or before the anchor (next one after it in future-tense clauses); bare quarter/half = latest begun; bare month, month-day, season = nearer of previous/next occurrence, the tense-agreeing one counting its distance once and the other twice, unless a past verb stands right before the date ("ended Jan. 31"), which decides; "set to"/"due to" mark the future; "N units ago" = anchor − N at the unit granularity (weeks → day); "a year earlier" after a named quarter = that quarter a year before (the year before when a year or nine-month period was named since); "that year", "the following month" = narrative time, from the last date the text named at that granularity; inside a quote dated by a reporting sentence, the speech date is the anchor',
    ];
    const throughput = measureThroughput(ctx.sharedDir, res);
    if (throughput) details.push(throughput);
    const results: EvalResult[] = [
      {
        metric: 'value F1',
        score: s.f,
        target: 0.85,
        baselines: [
          { name: 'chrono-node (DATE value acc.)', score: ratio(chronoOk, chronoGold) },
          { name: 'HeidelTime TempEval-3 (published)', score: 0.78 },
        ],
        details,
      },
      { metric: 'value F1 held-out (every 5th file)', score: h.f },
      { metric: 'span F1 (overlap)', score: s.sf },
    ];
    return results;
  },
};

/** Words per second of the time stage alone, over the PTC training articles (when present). */
function measureThroughput(sharedDir: string, res: Awaited<ReturnType<typeof loadResources>>): string | null {
  const dir = path.join(sharedDir, 'eval', 'ptc', 'train-articles');
  if (!existsSync(dir)) return null;
  let words = 0;
  let ms = 0;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    const doc = createDocument(readFileSync(path.join(dir, f), 'utf8'), { published: '2019-06-01' });
    words += doc.text.split(/\s+/).filter(Boolean).length;
    const { timings } = analyseTimed(doc, res, { stages: [segmentStage, timeStage] });
    ms += timings.time ?? 0;
  }
  return `time stage throughput: ${Math.round(words / (ms / 1000)).toLocaleString('en-US')} words/s over ptc/train-articles (${words.toLocaleString('en-US')} words, ${ms.toFixed(0)} ms, segmentation excluded)`;
}

export default row;
