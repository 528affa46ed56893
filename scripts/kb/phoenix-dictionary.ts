/**
 * Reader for PETRARCH / TABARI actor dictionaries (the Phoenix *.actors.txt
 * files). Format, per PETRARCH2 docs/source/dictionaries.rst:
 *
 *   PRIMARY_PHRASE_  [CODE]      # comment     (code optional: the default)
 *   +SYNONYM_PHRASE_                            (more names of the same actor)
 *   \t[CODE restriction]                        (<date, >date, date-date; YYMMDD or YYYYMMDD)
 *
 * The CountryInfo-derived blocks also chain *different* people with "+" lines
 * that carry their own "# CountryInfo.txt" comment (see the ABDUL_QADIR_ /
 * +NUR_MOHAMMAD_TARAKI_ example in the docs); those become separate actors
 * sharing the block's codes.
 */

export interface PhoenixCode {
  code: string;
  from?: string;
  to?: string;
}

export interface PhoenixActor {
  /** Raw phrases as written (primary first). */
  phrases: string[];
  /** The comment after the primary phrase ("CountryInfo.txt", "kkl 21 Mar 13"). */
  comment: string;
  /** 1-based line of the primary phrase. */
  line: number;
}

export interface PhoenixBlock {
  actors: PhoenixActor[];
  codes: PhoenixCode[];
}

const CODE = /^[A-Z0-9]{3,15}$/;

/** A PETRARCH date (YYMMDD or YYYYMMDD) as ISO; two-digit years below 30 are 20xx. Null when malformed. */
export function petrarchDate(raw: string): string | null {
  let y: number;
  let rest: string;
  if (/^\d{8}$/.test(raw)) {
    y = Number(raw.slice(0, 4));
    rest = raw.slice(4);
  } else if (/^\d{6}$/.test(raw)) {
    const yy = Number(raw.slice(0, 2));
    y = yy < 30 ? 2000 + yy : 1900 + yy;
    rest = raw.slice(2);
  } else return null;
  const m = Number(rest.slice(0, 2));
  const d = Number(rest.slice(2, 4));
  const year = String(y).padStart(4, '0');
  if (m < 1 || m > 12) return year;
  if (d < 1 || d > 31) return `${year}-${rest.slice(0, 2)}`;
  return `${year}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

/** Parse the inside of one `[...]` code bracket; null when the code is not a CAMEO code. */
export function parseCodeBracket(inside: string): PhoenixCode | null {
  const [code, restriction] = inside.trim().split(/\s+/, 2);
  if (!code || !CODE.test(code)) return null;
  const out: PhoenixCode = { code };
  if (!restriction) return out;
  let m: RegExpMatchArray | null;
  if ((m = restriction.match(/^<(\d+)$/))) {
    const to = petrarchDate(m[1]);
    if (to) out.to = to;
  } else if ((m = restriction.match(/^>(\d+)$/))) {
    const from = petrarchDate(m[1]);
    if (from) out.from = from;
  } else if ((m = restriction.match(/^(\d+)-(\d+)$/))) {
    const from = petrarchDate(m[1]);
    const to = petrarchDate(m[2]);
    if (from) out.from = from;
    if (to) out.to = to;
  }
  return out;
}

function splitComment(line: string): { body: string; comment: string } {
  const hash = line.indexOf('#');
  return hash < 0 ? { body: line, comment: '' } : { body: line.slice(0, hash), comment: line.slice(hash + 1).trim() };
}

function codesIn(body: string): { phrase: string; codes: PhoenixCode[] } {
  const at = body.indexOf('[');
  if (at < 0) return { phrase: body.trim(), codes: [] };
  const codes: PhoenixCode[] = [];
  for (const m of body.slice(at).matchAll(/\[([^\]]*)\]/g)) {
    const c = parseCodeBracket(m[1]);
    if (c) codes.push(c);
  }
  return { phrase: body.slice(0, at).trim(), codes };
}

/** Parse a whole actor dictionary into blocks (one primary phrase with its synonyms and codes). */
export function parseActorDictionary(source: string): PhoenixBlock[] {
  const blocks: PhoenixBlock[] = [];
  let block: PhoenixBlock | null = null;
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const { body, comment } = splitComment(line);
    if (/^\s/.test(line)) {
      // An indented line holds date restrictions for the current block.
      if (block) block.codes.push(...codesIn(body).codes);
      continue;
    }
    if (line.startsWith('+')) {
      if (!block) continue;
      const { phrase, codes } = codesIn(body.slice(1));
      block.codes.push(...codes);
      if (phrase === '') continue;
      if (/countryinfo/i.test(comment)) block.actors.push({ phrases: [phrase], comment, line: i + 1 });
      else block.actors[block.actors.length - 1].phrases.push(phrase);
      continue;
    }
    const { phrase, codes } = codesIn(body);
    if (phrase === '') continue;
    block = { actors: [{ phrases: [phrase], comment, line: i + 1 }], codes };
    blocks.push(block);
  }
  return blocks;
}
