/**
 * Generate the broad KB layer, data/kb/generated/phoenix.jsonl, from the
 * Phoenix actor dictionaries of PETRARCH2 (MIT, Open Event Data Alliance).
 *
 *   npx tsx scripts/kb/generate-phoenix.ts [--cameo-dir ../shared/data/cameo]
 *
 * Deterministic: same dictionaries + same curated YAML → byte-identical output.
 * The output holds one header line, then "extends" lines (aliases and codes a
 * Phoenix entry adds to the curated record it duplicates — the curated record
 * wins), then one record per line, sorted by id. Refuses (drops and lists)
 * names with characters outside the allowed set; throws on duplicate ids.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldName } from '../../src/kb/fold.js';
import { readCuratedRecords, surfacesOf } from '../../src/kb/load-kb.js';
import { KB_ID, KbRecordSchema } from '../../src/kb/record-schema.js';
import type { KbEntity } from '../../src/kb/types.js';
import type { EntityType } from '../../src/schema/analysis.js';
import { type PhoenixCode, parseActorDictionary } from './phoenix-dictionary.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = [
  { file: 'Phoenix.Countries.actors.txt', kind: 'countries' },
  { file: 'Phoenix.International.actors.txt', kind: 'international' },
  { file: 'Phoenix.MilNonState.actors.txt', kind: 'nonstate' },
] as const;

/** Characters a generated name may hold once the dictionary quirks are cleaned. */
const ALLOWED_NAME = /^[\p{L}\p{N}][\p{L}\p{N} .'&/,-]*$/u;
const SMALL_WORDS = new Set([
  'of',
  'the',
  'and',
  'for',
  'in',
  'on',
  'at',
  'to',
  'de',
  'du',
  'des',
  'la',
  'le',
  'el',
  'al',
  'bin',
  'ibn',
  'da',
  'do',
  'dos',
  'von',
  'van',
  'der',
  'y',
  'e',
]);
const ORG_WORDS =
  /\b(?:ORGANI[SZ]ATION|COUNCIL|PARTY|MINISTRY|ARMY|FRONT|MOVEMENT|BRIGADES?|UNION|ASSOCIATION|COMMITTEE|BANK|FUND|AGENCY|COMMISSION|INSTITUTE|FOUNDATION|CORP(?:ORATION)?|INC|LTD|COMPANY|GROUP|FORCES?|ASSEMBLY|PARLIAMENT|CONGRESS|COURT|POLICE|GUARDS?|SOCIETY|LEAGUE|OFFICE|DEPARTMENT|GOVERNMENT|AUTHORITY|CENTER|CENTRE|NETWORK|ALLIANCE|FEDERATION|PROGRAMME|PROGRAM|SERVICE|BUREAU|TRIBUNAL|SECRETARIAT|CABINET|SENATE|NAVY|AIR|MILITIA|REBELS?|CHURCH|UNIVERSITY|COALITION|BOARD|CONFERENCE|INTERNATIONAL|NATIONS)\b/;
const MEDIA_WORDS = /\b(?:NEWS|TIMES|TELEVISION|RADIO|PRESS|GAZETTE|TRIBUNE|HERALD|JOURNAL|BROADCASTING|TV|POST|DAILY)\b/;

interface Draft {
  id: string;
  name: string;
  aliases: string[];
  type: EntityType;
  country?: string;
  cameo: PhoenixCode[];
  affiliations?: Array<{ type: 'PART_OF'; target: string }>;
  source: string;
}

interface Refusal {
  file: string;
  line: number;
  phrase: string;
  reason: string;
}

/** Title-case one dictionary phrase, keeping acronyms upper case. */
function titleCase(words: string[]): string {
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (w.includes('.') || !/[AEIOUY]/.test(w) || (words.length === 1 && w.length <= 3)) return w;
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.replace(/(^|[-'/])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
    })
    .join(' ');
}

/** Clean one dictionary phrase into a display name (+ an acronym found in parentheses). */
export function cleanPhrase(phrase: string): { name: string; acronym?: string } | { refused: string } {
  if (phrase.includes('\uFFFD')) return { refused: 'replacement character (bad encoding in the source)' };
  let s = phrase
    .replace(/`/g, "'")
    .replace(/"[^"]*"/g, ' ')
    .replace(/"/g, '');
  let acronym: string | undefined;
  s = s.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    const a = inner.replace(/_/g, '').trim();
    if (/^[A-Z][A-Z0-9.-]{1,9}$/.test(a)) acronym = a;
    return ' ';
  });
  s = s
    .replace(/\(.*$/, ' ')
    .replace(/[!?*:]/g, ' ')
    .replace(/\+/g, ' ');
  const words = s.split(/[_\s]+/).filter((w) => w !== '' && w !== '-' && w !== ',');
  if (words.length === 0) return { refused: 'empty after cleaning' };
  const name = titleCase(words)
    .replace(/[,.-]+$/, '')
    .replace(/^[-,]+/, '');
  if (!ALLOWED_NAME.test(name)) return { refused: `bad character in "${name}"` };
  if (name.length > 120) return { refused: 'longer than 120 characters' };
  if (foldName(name) === '') return { refused: 'no letters' };
  return acronym ? { name, acronym } : { name };
}

function slug(name: string): string {
  return foldName(name)
    .normalize('NFKD')
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

const TYPE_PREFIX: Record<string, string> = {
  COUNTRY: 'country',
  LOCATION: 'place',
  PERSON: 'person',
  ORGANIZATION: 'org',
  MEDIA: 'media',
  GROUP: 'group',
  EVENT: 'event',
};

function isDated(c: PhoenixCode): boolean {
  return c.from !== undefined || c.to !== undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const dirArg = args.indexOf('--cameo-dir');
  const cameoDir = dirArg >= 0 ? args[dirArg + 1] : path.resolve(ROOT, '../shared/data/cameo');
  const outFile = path.join(ROOT, 'data/kb/generated/phoenix.jsonl');

  const curated = readCuratedRecords(path.join(ROOT, 'data/kb/curated')).map((r) => r.entity);
  const curatedKeys = new Map<string, Array<{ entity: KbEntity; kind: string }>>();
  for (const e of curated) {
    for (const { surface, kind } of surfacesOf(e)) {
      const key = foldName(surface);
      let list = curatedKeys.get(key);
      if (!list) curatedKeys.set(key, (list = []));
      list.push({ entity: e, kind });
    }
  }

  const refusals: Refusal[] = [];
  const drafts: Draft[] = [];
  const countryCodes = new Map<string, string>(); // 3-letter CAMEO code → draft id

  for (const { file, kind } of SOURCES) {
    const blocks = parseActorDictionary(readFileSync(path.join(cameoDir, file), 'utf8'));
    for (const block of blocks) {
      const codes = dedupeCodes(block.codes);
      for (const actor of block.actors) {
        const names: string[] = [];
        for (const phrase of actor.phrases) {
          const cleaned = cleanPhrase(phrase);
          if ('refused' in cleaned) {
            refusals.push({ file, line: actor.line, phrase, reason: cleaned.refused });
            continue;
          }
          names.push(cleaned.name);
          if (cleaned.acronym) names.push(cleaned.acronym);
        }
        if (names.length === 0) continue;
        const upperName = actor.phrases[0].toUpperCase();
        const leaderList = /countryinfo|rulers/i.test(actor.comment);
        const bare3 = codes.some((c) => c.code.length === 3);
        const prefix3 = codes[0]?.code.slice(0, 3);
        let type: EntityType;
        if (
          kind === 'countries' &&
          !leaderList &&
          bare3 &&
          codes.every((c) => c.code.length === 3 || c.code.endsWith('OCC')) &&
          prefix3 &&
          !countryCodes.has(prefix3)
        )
          type = 'COUNTRY';
        else if (kind === 'countries' && !leaderList && codes.length > 0 && codes.every((c) => c.code.length === 3)) type = 'LOCATION';
        else if (ORG_WORDS.test(upperName.replace(/_/g, ' ')))
          type = MEDIA_WORDS.test(upperName.replace(/_/g, ' ')) && codes.some((c) => c.code.endsWith('MED')) ? 'MEDIA' : 'ORGANIZATION';
        else if (leaderList || codes.some(isDated) || codes.some((c) => c.code.endsWith('ELI'))) type = 'PERSON';
        else if (MEDIA_WORDS.test(upperName.replace(/_/g, ' ')) && codes.some((c) => c.code.includes('MED'))) type = 'MEDIA';
        else type = 'ORGANIZATION';

        let country: string | undefined;
        if (kind !== 'international' && prefix3 && /^[A-Z]{3}$/.test(prefix3)) country = prefix3;
        const draft: Draft = { id: '', name: names[0], aliases: names.slice(1), type, cameo: codes, source: file };
        if (country) draft.country = country;
        if (type === 'COUNTRY' && prefix3) countryCodes.set(prefix3, '');
        // A country entry's synonyms mix other names ("Persia", "Iranian") with its cities and
        // provinces ("Mashhad"); the cities become LOCATION records PART_OF the country.
        if (type === 'COUNTRY') {
          const keep: string[] = [];
          for (const alias of draft.aliases) {
            if (looksLikeVariant(alias, draft.name)) keep.push(alias);
            else
              drafts.push({
                id: '',
                name: alias,
                aliases: [],
                type: 'LOCATION',
                country,
                cameo: codes.filter((c) => c.code.length === 3),
                source: file,
                affiliations: [{ type: 'PART_OF', target: `@country:${prefix3}` }],
              });
          }
          draft.aliases = keep;
        }
        drafts.push(draft);
      }
    }
  }
  // Countries only count as such for codes that name a country in the Countries file.
  for (const d of drafts) if (d.country && !countryCodes.has(d.country)) delete d.country;

  // Ids: phoenix.<type>.<slug>; clashes merge identical entries, else take a code suffix.
  const byId = new Map<string, Draft>();
  const out: Draft[] = [];
  for (const d of drafts) {
    const base = slug(d.name);
    if (base === '') {
      refusals.push({ file: d.source, line: 0, phrase: d.name, reason: 'no ASCII letters for an id' });
      continue;
    }
    let id = `phoenix.${TYPE_PREFIX[d.type]}.${base}`;
    const prev = byId.get(id);
    if (prev && prev.type === d.type && sameCodes(prev.cameo, d.cameo)) {
      for (const a of d.aliases) if (!prev.aliases.includes(a)) prev.aliases.push(a);
      continue;
    }
    if (prev) id = `${id}.${(d.cameo[0]?.code ?? 'x').toLowerCase()}`;
    for (let k = 2; byId.has(id); k++) id = `${id.replace(/-\d+$/, '')}-${k}`;
    d.id = id;
    byId.set(id, d);
    out.push(d);
  }
  for (const d of out) if (d.type === 'COUNTRY' && d.cameo[0]) countryCodes.set(d.cameo[0].code.slice(0, 3), d.id);

  // Dedupe against the curated layer: the curated record wins and absorbs the aliases.
  const FAMILY: Record<string, string> = {
    COUNTRY: 'place',
    LOCATION: 'place',
    PERSON: 'person',
    ORGANIZATION: 'org',
    MEDIA: 'org',
    GROUP: 'org',
    EVENT: 'event',
  };
  const extensions = new Map<string, { aliases: Set<string>; cameo: PhoenixCode[] }>();
  const redirect = new Map<string, string>(); // generated id → curated id
  const records: Draft[] = [];
  for (const d of out) {
    const own = [d.name, ...d.aliases];
    let target: KbEntity | undefined;
    for (const [i, surface] of own.entries()) {
      for (const hit of curatedKeys.get(foldName(surface)) ?? []) {
        if (hit.kind !== 'name' && hit.kind !== 'alias') continue;
        if (FAMILY[hit.entity.type] === FAMILY[d.type] || (i === 0 && hit.kind === 'name')) {
          target = hit.entity;
          break;
        }
      }
      if (target) break;
    }
    const fresh = own.filter((s) => !curatedKeys.has(foldName(s)));
    if (target) {
      redirect.set(d.id, target.id);
      let ext = extensions.get(target.id);
      if (!ext) extensions.set(target.id, (ext = { aliases: new Set(), cameo: [] }));
      for (const s of fresh) ext.aliases.add(s);
      if (!target.cameo?.length) ext.cameo = dedupeCodes([...ext.cameo, ...d.cameo]);
      continue;
    }
    // Not a duplicate, but names the curated layer already uses stay with the curated record.
    if (fresh.length === 0) continue;
    const keys = new Set<string>();
    const names = fresh.filter((s) => {
      const k = foldName(s);
      if (keys.has(k)) return false;
      keys.add(k);
      return true;
    });
    records.push({ ...d, name: names[0], aliases: names.slice(1) });
  }
  for (const r of records) {
    if (!r.affiliations) continue;
    r.affiliations = r.affiliations
      .map((a) => {
        const gen = countryCodes.get(a.target.replace('@country:', '')) ?? '';
        return { ...a, target: redirect.get(gen) ?? gen };
      })
      .filter((a) => a.target !== '');
    if (r.affiliations.length === 0) delete r.affiliations;
  }

  // Write: header, extensions, records — each sorted, each validated.
  const lines: string[] = [JSON.stringify({ $generated: 'by scripts/kb/generate-phoenix.ts from PETRARCH2 Phoenix actor dictionaries (MIT); do not edit' })];
  const seen = new Set<string>(curated.map((e) => e.id));
  for (const id of [...extensions.keys()].sort()) {
    const ext = extensions.get(id)!;
    const line: Record<string, unknown> = { extends: id, aliases: [...ext.aliases].sort() };
    if (ext.cameo.length) line.cameo = ext.cameo;
    if ((line.aliases as string[]).length || ext.cameo.length) lines.push(JSON.stringify(line));
  }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of records) {
    if (seen.has(r.id)) throw new Error(`duplicate id ${r.id}`);
    if (!KB_ID.test(r.id)) throw new Error(`bad id ${r.id}`);
    seen.add(r.id);
    const rec: Record<string, unknown> = { id: r.id, name: r.name, aliases: r.aliases, type: r.type };
    if (r.country) rec.country = r.country;
    if (r.cameo.length) rec.cameo = r.cameo;
    if (r.affiliations) rec.affiliations = r.affiliations;
    const parsed = KbRecordSchema.safeParse(rec);
    if (!parsed.success) throw new Error(`generated record ${r.id} is invalid: ${parsed.error.message}`);
    lines.push(JSON.stringify(rec));
  }
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${lines.join('\n')}\n`);
  for (const r of refusals) process.stderr.write(`refused ${r.file}:${r.line} ${JSON.stringify(r.phrase)}: ${r.reason}\n`);
  process.stdout.write(
    `wrote ${records.length} records and ${extensions.size} curated extensions to ${path.relative(ROOT, outFile)} (${refusals.length} names refused)\n`,
  );
}

/** A country synonym that is another name of the country, not a place in it. */
function looksLikeVariant(alias: string, name: string): boolean {
  const a = foldName(alias).split(' ');
  const n = foldName(name).split(' ');
  const stems = n.filter((w) => w.length >= 4).map((w) => w.slice(0, 4));
  if (a.some((w) => stems.some((s) => w.startsWith(s)))) return true;
  return a[0].slice(0, 3) === n[0].slice(0, 3);
}

function dedupeCodes(codes: readonly PhoenixCode[]): PhoenixCode[] {
  const seen = new Set<string>();
  const out: PhoenixCode[] = [];
  for (const c of codes) {
    const k = `${c.code}|${c.from ?? ''}|${c.to ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}

function sameCodes(a: readonly PhoenixCode[], b: readonly PhoenixCode[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

main();
