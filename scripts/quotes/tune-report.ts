/**
 * Tuning aid for the quote lexicons and rules, on PolNeAR **train** only (never
 * dev): prints attribution and content P/R/F1, the cue words of missed gold
 * attributions by frequency, and, with --show N, N missed and N wrong examples.
 *
 *   npx tsx scripts/quotes/tune-report.ts [--limit 200] [--show 20]
 */
import path from 'node:path';
import { stagesThroughQuotes } from '../../eval/rows/quotes-polnear.js';
import { analyse, loadResources } from '../../src/analysis.js';
import { match, predictionsOf, prf } from './attribution-score.js';
import { readPolnear } from './polnear.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const limit = opt('--limit', 300);
const show = opt('--show', 0);
const shared = process.env.DOSSIER_SHARED ?? path.resolve('..', 'shared');
const { articles } = readPolnear(path.join(shared, 'eval', 'polnear', 'train'));
const stages = stagesThroughQuotes();
const res = await loadResources({}, stages);
let predicted = 0;
let gold = 0;
let content = 0;
let right = 0;
const missedCues = new Map<string, number>();
const missed: string[] = [];
const wrong: string[] = [];
const wrongSpeaker: string[] = [];
for (const a of articles.slice(0, limit)) {
  const analysis = analyse(a.doc, res, { stages });
  const preds = predictionsOf(analysis);
  predicted += preds.length;
  gold += a.gold.length;
  const cm = match(preds, a.gold, false);
  const am = match(preds, a.gold, true);
  content += cm.length;
  right += am.length;
  const t = a.doc.text;
  const gotG = new Set(cm.map(([, g]) => g));
  const gotP = new Set(cm.map(([p]) => p));
  const rightP = new Set(am.map(([p]) => p));
  a.gold.forEach((g, gi) => {
    if (gotG.has(gi)) return;
    const cue = g.cue
      ? g.cue
          .map((s) => t.slice(s.start, s.end))
          .join(' ')
          .toLowerCase()
      : '(none)';
    missedCues.set(cue, (missedCues.get(cue) ?? 0) + 1);
    if (missed.length < show * 5) {
      const src = g.source ? g.source.map((s) => t.slice(s.start, s.end)).join(' ') : '-';
      missed.push(
        `MISS [${src}] <${cue}> ${g.content
          .map((s) => t.slice(s.start, s.end))
          .join(' … ')
          .slice(0, 160)}`,
      );
    }
  });
  preds.forEach((p, pi) => {
    const ctext = p.content
      .map((s) => t.slice(s.start, s.end))
      .join(' … ')
      .slice(0, 160);
    if (!gotP.has(pi) && wrong.length < show * 5) wrong.push(`FP [${p.speakerText}] <${p.cueText}> ${ctext}`);
    if (gotP.has(pi) && !rightP.has(pi) && wrongSpeaker.length < show * 5) {
      const g = a.gold[cm.find(([x]) => x === pi)?.[1] ?? 0];
      const src = g.source ? g.source.map((s) => t.slice(s.start, s.end)).join(' ') : '-';
      wrongSpeaker.push(`SPK pred [${p.speakerText}] gold [${src}] <${p.cueText}> ${ctext.slice(0, 80)}`);
    }
  });
}
const att = prf(right, predicted, gold);
const con = prf(content, predicted, gold);
console.log(`train articles ${Math.min(limit, articles.length)}: gold ${gold} predicted ${predicted}`);
console.log(
  `attribution P ${att.p.toFixed(3)} R ${att.r.toFixed(3)} F1 ${att.f.toFixed(3)}; content P ${con.p.toFixed(3)} R ${con.r.toFixed(3)} F1 ${con.f.toFixed(3)}`,
);
console.log(
  'missed gold by cue:',
  [...missedCues]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 60)
    .map(([c, n]) => `${c}:${n}`)
    .join('  '),
);
const pick = (xs: string[]) => xs.filter((_, i) => i % 5 === 0).slice(0, show);
for (const l of [...pick(missed), ...pick(wrong), ...pick(wrongSpeaker)]) console.log(l);
