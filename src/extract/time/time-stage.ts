import { sentenceAt } from '../../document/segment.js';
import type { Stage } from '../../pipeline/context.js';
import type { TimeExpression } from '../../schema/analysis.js';
import { parseYmd, type Ymd } from './calendar.js';
import { loadTimeLexicon, type TimeLexicon } from './lexicon.js';
import type { Gran } from './meaning.js';
import { recogniseTimes } from './recognise.js';
import { offsetValue, pointOf, resolveMeaning, type Tense } from './resolve.js';
import { type DatedTime, findQuoteSpans, findSpeechAnchors, type SpeechAnchor } from './speech.js';
import { clauseTense, pastVerbGoverns } from './tense.js';

declare module '../../pipeline/context.js' {
  interface Resources {
    timeLexicon: TimeLexicon;
  }
  interface AnalysisContext {
    /** Quotes dated by the text (set by the time stage); `dateOf` uses them. */
    speechAnchors?: SpeechAnchor[];
  }
}

/**
 * The time stage: recognise TIMEX3 expressions, anchor them on the publication date
 * (or, inside a dated quote, on the speech date) and write them to `ctx.out.times`.
 */
export const timeStage: Stage = {
  name: 'time',
  load: (options) => ({ timeLexicon: loadTimeLexicon(options.dataDir) }),
  run(ctx) {
    const lex = ctx.res.timeLexicon;
    const text = ctx.doc.text;
    const raws = recogniseTimes(ctx.tokens, ctx.sentences, lex);
    if (raws.length === 0) {
      ctx.speechAnchors = [];
      return;
    }
    const pub = parseYmd(ctx.doc.published);
    const sentenceOfTok = (tok: number) => ctx.tokens[tok].sentence;
    const tenseOf = (r: (typeof raws)[number]): Tense =>
      r.meaning.kind !== 'cycle' ? null : clauseTense(ctx.tokens, ctx.sentences[sentenceOfTok(r.startTok)], r.startTok, r.endTok, lex);

    const resolveAll = (anchorFor: (start: number) => { ymd: Ymd | null; date: string | null; source: 'publication' | 'speech' }): TimeExpression[] => {
      let lastQuarter: string | null = null;
      // True when the period last named is a year or nine months rather than a quarter.
      let yearPeriodLast = false;
      const out: TimeExpression[] = [];
      for (const r of raws) {
        const start = ctx.tokens[r.startTok].start;
        const end = ctx.tokens[r.endTok - 1].end;
        const anchor = anchorFor(start);
        const governed = r.meaning.kind === 'cycle' && pastVerbGoverns(ctx.tokens, ctx.sentences[sentenceOfTok(r.startTok)], r.startTok, lex);
        const tense = governed ? 'past' : tenseOf(r);
        const res = resolveMeaning(r.meaning, anchor.ymd, tense, governed);
        const reasons = [...r.reasons];
        let value = res.value;
        let anchorDate = res.usedAnchor ? anchor.date : null;
        let anchorSource: TimeExpression['anchorSource'] = res.usedAnchor ? anchor.source : 'none';
        let anchored = res.anchored;
        if (r.meaning.kind === 'narrative') {
          const ref = narrativeReference(out, r.meaning.unit);
          if (ref) {
            value = offsetValue(ref.point, r.meaning.unit, r.meaning.n, r.meaning.unit) + (r.meaning.suffix ?? '');
            anchorDate = ref.value;
            anchorSource = 'text';
            anchored = true;
            reasons.push('time.anchor.narrative');
          }
        }
        // Financial reports: "a year earlier" after "the third quarter" is that quarter a year
        // before, and "the quarter" is the quarter the report is about.
        if (r.meaning.kind === 'offset' && lastQuarter) {
          const namesQuarter = r.reasons[0] === 'time.period-year-ago' || r.reasons[0] === 'time.last-years-period';
          if (r.meaning.yearAgo && (!yearPeriodLast || namesQuarter)) {
            value = `${Number(lastQuarter.slice(0, 4)) - 1}${lastQuarter.slice(4)}`;
            reasons.push('time.year-ago-quarter');
          } else if (r.meaning.unit === 'Q' && r.meaning.n === -1 && (r.reasons[0] === 'time.the-quarter' || r.reasons[0] === 'time.latest-period')) {
            value = lastQuarter;
            reasons.push('time.quarter-in-context');
          }
        }
        if (r.reasons[0] === 'time.year-period' && lastQuarter) {
          value = `${value}${lastQuarter.slice(4)}`;
          reasons.push('time.quarter-in-context');
        }
        if (r.meaning.kind !== 'offset' && r.meaning.kind !== 'narrative' && !reasons.includes('time.quarter-in-context') && /^\d{4}-Q\d$/.test(value)) {
          lastQuarter = value;
          yearPeriodLast = false;
        } else if (/^(?:\d{4}|P9M|P1Y)$/.test(value) && !(r.meaning.kind === 'offset' && r.meaning.yearAgo)) {
          // "the first nine months", "fiscal 1989", "the year": later comparisons are with a year.
          yearPeriodLast = true;
        } else if (/^\d{4}-Q\d$/.test(value)) yearPeriodLast = false;
        if (r.meaning.kind === 'cycle' && r.meaning.rel === 'bare' && res.usedAnchor && tense) reasons.push(`time.tense.${tense}`);
        if (res.usedAnchor && anchor.source === 'speech') reasons.push('time.anchor.speech');
        const item: TimeExpression = {
          start,
          end,
          text: text.slice(start, end),
          type: r.type,
          value,
          anchor: anchorDate,
          anchored,
          anchorSource,
          reasons,
        };
        if (r.mod) item.mod = r.mod;
        out.push(item);
      }
      return out;
    };

    const pubAnchor = { ymd: pub, date: pub ? ctx.doc.published : null, source: 'publication' as const };
    let times = resolveAll(() => pubAnchor);
    let anchors: SpeechAnchor[] = [];
    if (text.includes('"') || text.includes('\u201c')) {
      const quotes = findQuoteSpans(text);
      // A loop rather than map(): map's arrays change elements kind between the engine's tiers,
      // which deoptimises findSpeechAnchors on the two array shapes.
      const dated: DatedTime[] = [];
      for (const t of times) dated.push({ ...t, sentence: sentenceAt(ctx.sentences, t.start) });
      anchors = findSpeechAnchors(quotes, dated, ctx.tokens, ctx.sentences, (o) => sentenceAt(ctx.sentences, o), lex);
      if (anchors.length > 0) {
        times = resolveAll((start) => {
          const a = anchors.find((q) => start >= q.start && start < q.end);
          return a ? { ymd: parseYmd(a.date), date: a.date, source: 'speech' } : pubAnchor;
        });
      }
    }
    ctx.speechAnchors = anchors;
    ctx.out.times = times;
  },
};

/**
 * The narrative reference time for "that year", "the following month": the latest
 * expression before it whose value names a calendar point at least as fine as `unit`.
 */
function narrativeReference(before: readonly TimeExpression[], unit: Gran): { point: Ymd; value: string } | null {
  for (let k = before.length - 1; k >= 0; k--) {
    const t = before[k];
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    const point = pointOf(t.value, unit);
    if (point) return { point, value: t.value };
  }
  return null;
}
