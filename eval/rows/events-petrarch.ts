import { readFileSync } from 'node:fs';
import path from 'node:path';
import { segment } from '../../src/document/segment.js';
import { codeWords, findDiscard } from '../../src/extract/events/coder.js';
import { compileDictionaries } from '../../src/extract/events/dictionary/compile.js';
import { loadCameoDictionaries } from '../../src/extract/events/dictionary/load.js';
import { sentenceWords } from '../../src/extract/events/words.js';
import { loadWink } from '../../src/pipeline/segment-stage.js';
import type { EvalRow } from '../types.js';

interface UnitRecord {
  id: string;
  category: string;
  date: string | null;
  text: string;
  expected: Set<string> | 'noevents' | 'error';
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : null;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** The `<Sentence>` records of PETR.UnitTest.records.xml (comments removed; `<Parse>` ignored). */
export function readUnitRecords(xml: string): UnitRecord[] {
  const clean = xml.replace(/<!--[\s\S]*?-->/g, '');
  const out: UnitRecord[] = [];
  for (const m of clean.matchAll(/<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g)) {
    const [, attrs, body] = m;
    const text = /<Text>([\s\S]*?)<\/Text>/.exec(body);
    if (!text) continue;
    const codings = [...body.matchAll(/<EventCoding\b([^>]*)>/g)].map((c) => c[1]);
    let expected: UnitRecord['expected'] = new Set();
    if (codings.some((c) => attr(c, 'error') !== null)) expected = 'error';
    else if (codings.some((c) => attr(c, 'noevents') !== null)) expected = 'noevents';
    else for (const c of codings) expected.add(`${attr(c, 'sourcecode') ?? ''}|${attr(c, 'targetcode') ?? ''}|${attr(c, 'eventcode') ?? ''}`);
    out.push({
      id: attr(attrs, 'id') ?? '?',
      category: attr(attrs, 'category') ?? 'none',
      date: attr(attrs, 'date'),
      text: unescapeXml(text[1].replace(/\s+/g, ' ').trim()),
      expected,
    });
  }
  return out;
}

const row: EvalRow = {
  id: 'events-petrarch',
  extractor: 'events',
  order: 60,
  title: 'PETRARCH2 unit-test records (validation dictionaries), exact triple sets',
  needs: ['eval/petrarch2/PETR.UnitTest.records.xml'],
  async run(ctx) {
    const dir = path.join(ctx.sharedDir, 'eval', 'petrarch2');
    const dict = compileDictionaries(loadCameoDictionaries(dir));
    const nlp = loadWink();
    const isVerbForm = (w: string) => dict.verbsByForm.has(w);
    const records = readUnitRecords(readFileSync(path.join(dir, 'PETR.UnitTest.records.xml'), 'utf8'));
    const byCat = new Map<string, { pass: number; n: number }>();
    const failures: string[] = [];
    let pass = 0;
    let n = 0;
    for (const r of records) {
      if (r.expected === 'error') continue;
      const { tokens, sentences } = segment(r.text, nlp);
      const got = new Set<string>();
      for (const s of sentences) {
        const words = sentenceWords(tokens, s, isVerbForm);
        if (findDiscard(words, dict)) continue;
        for (const e of codeWords(words, dict, { date: r.date, requireBoth: true })) got.add(`${e.sourceCode}|${e.targetCode}|${e.code}`);
      }
      const want = r.expected === 'noevents' ? new Set<string>() : r.expected;
      const ok = got.size === want.size && [...want].every((x) => got.has(x));
      n++;
      if (ok) pass++;
      else failures.push(`${r.id} want {${[...want].join(' ')}} got {${[...got].join(' ')}}`);
      const c = byCat.get(r.category) ?? { pass: 0, n: 0 };
      c.n++;
      if (ok) c.pass++;
      byCat.set(r.category, c);
    }
    if (process.env.DOSSIER_EVAL_VERBOSE) for (const f of failures) ctx.log(f);
    const details = [...byCat.entries()].sort().map(([cat, c]) => `${cat}: ${c.pass}/${c.n} = ${(c.pass / c.n).toFixed(3)}`);
    details.push(`records scored ${n} (error codings excluded); the unit tests are the acceptance set, not held out`);
    return [{ metric: 'record pass rate', score: n === 0 ? 0 : pass / n, target: 0.85, details }];
  },
};

export default row;
