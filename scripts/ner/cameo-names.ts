/**
 * Names from the CAMEO/Phoenix actor dictionaries (PETRARCH2, MIT licence), for
 * the gazetteer. Dictionary entries are `NAME_WITH_UNDERSCORES_ [CODE dates]`
 * with `+ALIAS` lines. Types are read from the codes:
 *  - a bare three-letter country code ([AFG]) on a country block → LOC
 *  - a date-restricted role or a CountryInfo ruler entry → PER
 *  - everything else in the International and MilNonState files → ORG
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FILES = ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt'];
const PER = 1;
const ORG = 2;
const LOC = 4;

/** phrase (lower-case, space-separated) → type mask (bit 0 PER, 1 ORG, 2 LOC). */
export function cameoNames(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of FILES) {
    const full = path.join(dir, file);
    if (!existsSync(full)) continue;
    let group: string[] = [];
    let codes = '';
    const flush = () => {
      if (group.length === 0) return;
      const type = typeOf(file, group[0], codes);
      if (type)
        for (const name of group) {
          const phrase = toPhrase(name);
          if (phrase) out.set(phrase, (out.get(phrase) ?? 0) | type);
        }
      group = [];
      codes = '';
    };
    for (const raw of readFileSync(full, 'utf8').split('\n')) {
      const line = raw.replace(/#.*$/, (m) => (/CountryInfo/.test(m) ? ' {ruler}' : ''));
      if (/^\s*$/.test(line)) continue;
      if (/^\s/.test(line)) {
        codes += line;
        continue;
      }
      if (line.startsWith('+')) {
        group.push(line.slice(1).replace(/\[.*$/, ''));
        codes += line.includes('[') ? line.slice(line.indexOf('[')) : '';
        continue;
      }
      flush();
      group.push(line.replace(/[[{].*$/, ''));
      codes +=
        line.includes('[') || line.includes('{') ? line.slice(Math.min(...['[', '{'].map((c) => (line.includes(c) ? line.indexOf(c) : line.length)))) : '';
    }
    flush();
  }
  return out;
}

const ORG_WORD =
  /_(ARMY|MINISTRY|PARTY|FORCES?|COUNCIL|FRONT|ORGANI[SZ]ATION|ASSEMBLY|PARLIAMENT|COURT|BANK|POLICE|GUARDS?|COMMISSION|AGENCY|UNION|MOVEMENT|CONGRESS|BRIGADES?|COMMITTEE|GROUP|LEAGUE|CORPS|NEWS|TIMES)_/;

function typeOf(file: string, head: string, codes: string): number {
  const list = [...codes.matchAll(/\[([A-Z]{3,})([^\]]*)\]/g)];
  const ruler = /\{ruler\}/.test(codes);
  const dated = list.some((m) => /\d{6}/.test(m[2]) && m[1].length > 3);
  const orgWord = ORG_WORD.test(`_${head.trim()}_`);
  if (file.startsWith('Phoenix.Countries')) {
    if (list.length > 0 && list[0][1].length === 3 && !ruler) return LOC;
    if (ruler || (dated && !orgWord)) return PER;
    return orgWord ? ORG : 0;
  }
  if (ruler || (!orgWord && list.some((m) => m[1].endsWith('ELI') || (/\d{6}/.test(m[2]) && head.includes('_'))))) return PER;
  return ORG;
}

function toPhrase(name: string): string {
  const words = name
    .trim()
    .replace(/_+$/, '')
    .split('_')
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  if (words.length === 0 || words.length > 6) return '';
  if (words.some((w) => !/^[a-z0-9'.-]+$/.test(w))) return '';
  return words.join(' ');
}
