import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../../pipeline/parse-yaml.js';

/** The compiled word lists of data/lexicons/time/time-words.yml. */
export interface TimeLexicon {
  months: Map<string, number>;
  ambiguousMonths: Set<string>;
  weekdays: Map<string, number>;
  seasons: Map<string, string>;
  dayParts: Map<string, string>;
  units: Map<string, string>;
  numbers: Map<string, number>;
  vagueCounts: Set<string>;
  ordinals: Map<string, number>;
  decadeWords: Map<string, number>;
  /** First word of a holiday → [the holiday's words, MM-DD]. */
  holidays: Map<string, Array<{ words: string[]; monthDay: string }>>;
  reportingVerbs: Set<string>;
  irregularPast: Set<string>;
  futureMarkers: Set<string>;
  /** Words that mark a future only before "to" ("set to resume"). */
  futureBeforeTo: Set<string>;
  /** Lower-cased tokens that can be the core of a time expression (the pre-filter). */
  triggers: Set<string>;
}

export const TIME_LEXICON_FILE = path.join('lexicons', 'time', 'time-words.yml');

// Single-word expressions that are times by themselves; their meaning lives in recognise.ts.
const DEICTIC_TRIGGERS = [
  'now',
  'today',
  'tonight',
  'yesterday',
  'tomorrow',
  'currently',
  'recently',
  'lately',
  'recent',
  'soon',
  'nowadays',
  'presently',
  'current',
  'past',
  'future',
  'annually',
  'yearly',
  'daily',
  'weekly',
  'monthly',
  'noon',
  'midnight',
  'term',
  'nineteen',
  'period',
];

/** Read and compile the time lexicon; throws on duplicates or non-lower-case keys. */
export function loadTimeLexicon(dataDir: string): TimeLexicon {
  const raw = parseYaml(readFileSync(path.join(dataDir, TIME_LEXICON_FILE), 'utf8')) as Record<string, unknown>;
  return compileTimeLexicon(raw);
}

export function compileTimeLexicon(raw: Record<string, unknown>): TimeLexicon {
  const map = <V>(key: string): Map<string, V> => {
    const o = (raw[key] ?? {}) as Record<string, V>;
    const m = new Map<string, V>();
    for (const [k, v] of Object.entries(o)) {
      checkKey(key, k);
      m.set(k, v);
    }
    return m;
  };
  const set = (key: string): Set<string> => {
    const list = (raw[key] ?? []) as string[];
    const s = new Set<string>();
    for (const k of list) {
      checkKey(key, String(k));
      if (s.has(String(k))) throw new Error(`time lexicon: duplicate "${k}" in ${key}`);
      s.add(String(k));
    }
    return s;
  };
  const holidays = new Map<string, Array<{ words: string[]; monthDay: string }>>();
  for (const [name, md] of map<string>('holidays')) {
    if (!/^\d{2}-\d{2}$/.test(md)) throw new Error(`time lexicon: holiday "${name}" needs MM-DD, got ${md}`);
    const words = name.replace(/'s\b/g, " 's").split(/\s+/);
    const list = holidays.get(words[0]) ?? [];
    list.push({ words, monthDay: md });
    holidays.set(words[0], list);
  }
  const lex: TimeLexicon = {
    months: map<number>('months'),
    ambiguousMonths: set('ambiguousMonths'),
    weekdays: map<number>('weekdays'),
    seasons: map<string>('seasons'),
    dayParts: map<string>('dayParts'),
    units: map<string>('units'),
    numbers: map<number>('numbers'),
    vagueCounts: set('vagueCounts'),
    ordinals: map<number>('ordinals'),
    decadeWords: map<number>('decadeWords'),
    holidays,
    reportingVerbs: set('reportingVerbs'),
    irregularPast: set('irregularPast'),
    futureMarkers: set('futureMarkers'),
    futureBeforeTo: set('futureBeforeTo'),
    triggers: new Set(),
  };
  for (const k of lex.ambiguousMonths) if (!lex.months.has(k)) throw new Error(`time lexicon: ambiguous month "${k}" is not a month`);
  for (const src of [lex.months, lex.weekdays, lex.seasons, lex.dayParts, lex.units, lex.decadeWords, lex.holidays]) {
    for (const k of src.keys()) lex.triggers.add(k);
  }
  for (const w of DEICTIC_TRIGGERS) lex.triggers.add(w);
  return lex;
}

function checkKey(list: string, key: string): void {
  if (key !== key.toLowerCase() || key.trim() !== key || key.length === 0) {
    throw new Error(`time lexicon: key "${key}" in ${list} must be lower-case and trimmed`);
  }
}
