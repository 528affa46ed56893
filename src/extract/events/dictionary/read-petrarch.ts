import type {
  ActorEntry,
  AgentEntry,
  DatedCode,
  DiscardEntry,
  PatternElement,
  PatternItem,
  VerbBlock,
  VerbDictionary,
  VerbEntry,
  VerbPattern,
} from './types.js';
import { pluralOf, verbForms } from './verb-forms.js';

/**
 * Readers for the PETRARCH dictionary formats (verbs, actors, agents, discards),
 * written from the format description in the PETRARCH2 documentation
 * (docs/source/dictionaries.rst). They never throw: a line they cannot read is
 * skipped, as PETRARCH itself does.
 */

/** Strip `<!-- … -->` (also over several lines) and `#` comments; returns one string per input line. */
export function stripComments(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let inXml = false;
  for (const raw of lines) {
    let line = raw;
    let kept = '';
    for (;;) {
      if (inXml) {
        const end = line.indexOf('-->');
        if (end < 0) {
          line = '';
          break;
        }
        inXml = false;
        line = line.slice(end + 3);
        continue;
      }
      const start = line.search(/<!/);
      if (start < 0) break;
      kept += line.slice(0, start);
      line = line.slice(start + 2);
      inXml = true;
    }
    kept += line;
    const hash = kept.indexOf('#');
    if (hash >= 0) kept = kept.slice(0, hash);
    out.push(kept.replace(/\s+$/, ''));
  }
  return out;
}

/** "KNOWN_AS" / "PRINCE OF DOL" → ['known','as']; brackets and braces are not words. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[\s_]+/)
    .flatMap((w) => w.split(/(?<=\()|(?=\))/))
    .filter((w) => w.length > 0);
}

interface ParsedCode {
  code: string | null;
  reverse: string | null;
}

/** `[042:043]` → {042, 043}; `[---]` → null codes; `[:173]` → reverse only. */
export function parseCode(inside: string): ParsedCode {
  const s = inside.trim();
  const [a, b] = s.includes(':') ? s.split(':', 2) : [s, ''];
  const norm = (c: string): string | null => {
    const t = c.trim();
    return t === '' || t === '---' ? null : t;
  };
  return { code: norm(a), reverse: norm(b) };
}

// ---------------------------------------------------------------- verbs

const PATTERN_LINE = /^\s*-\s*(.*?)\s*\[([^\]]*)\]\s*$/;
const BLOCK_LINE = /^\s*(?:-{3}|#{3})\s*(.*?)\s*(?:\[([^\]]*)\])?(?:\s*\[[^\]]*\])?\s*(?:-{3}|#{3})\s*$/;

export function readVerbs(text: string): VerbDictionary {
  const lines = stripComments(text);
  const rawSynsets = new Map<string, { phrases: string[]; plural: boolean }>();
  const blocks: VerbBlock[] = [];
  let mode: 'none' | 'synset' | 'block' = 'none';
  let synset: { phrases: string[]; plural: boolean } | null = null;
  let block: VerbBlock | null = null;
  for (const line of lines) {
    const t = line.trim();
    if (t === '') continue;
    if (t.startsWith('&')) {
      const name = t.slice(1).split(/\s+/)[0];
      const plural = !name.endsWith('_');
      synset = { phrases: [], plural };
      rawSynsets.set(normSynsetName(name), synset);
      mode = 'synset';
      continue;
    }
    const header = BLOCK_LINE.exec(t);
    if (header) {
      const { code, reverse } = parseCode(header[2] ?? '');
      block = { name: header[1].trim(), code, reverse, verbs: [], patterns: [] };
      blocks.push(block);
      mode = 'block';
      continue;
    }
    if (mode === 'synset' && synset && t.startsWith('+')) {
      synset.phrases.push(t.slice(1).trim());
      continue;
    }
    if (mode !== 'block' || !block) continue;
    if (t.startsWith('-')) {
      const p = parsePattern(t);
      if (p) block.patterns.push(p);
      continue;
    }
    const verb = parseVerbLine(t, block);
    if (verb) block.verbs.push(verb);
  }
  // Expand synsets (members may name other synsets) and add plurals.
  const synsets: Record<string, string[][]> = {};
  const expand = (name: string, depth: number): string[][] => {
    const s = rawSynsets.get(name);
    if (!s || depth > 4) return [];
    const out: string[][] = [];
    for (const member of s.phrases) {
      if (member.startsWith('&')) {
        out.push(...expand(normSynsetName(member.slice(1)), depth + 1));
        continue;
      }
      const words = phraseWords(member);
      if (words.length === 0) continue;
      out.push(words);
      if (s.plural && !member.endsWith('_')) {
        const pl = [...words.slice(0, -1), pluralOf(words[words.length - 1])];
        out.push(pl);
      }
    }
    return out;
  };
  for (const name of rawSynsets.keys()) synsets[name] = dedupePhrases(expand(name, 0));
  return { synsets, blocks };
}

function normSynsetName(name: string): string {
  return name.trim().toLowerCase().replace(/_+$/, '');
}

function dedupePhrases(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const k = p.join(' ');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `BREAK {BROKE BROKEN} [1717]`, `+BREAK_DOWN {+BROKE_DOWN}`, `WIRE_+TAP`, `LASH OUT`. */
function parseVerbLine(t: string, block: VerbBlock): VerbEntry | null {
  let rest = t;
  let own: ParsedCode | null = null;
  const codeMatch = /\[([^\]]*)\]\s*$/.exec(rest);
  if (codeMatch) {
    own = parseCode(codeMatch[1]);
    rest = rest.slice(0, codeMatch.index).trim();
  }
  let irregular: string[] = [];
  const brace = /\{([^}]*)\}/.exec(rest);
  if (brace) {
    irregular = brace[1].split(/\s+/).filter((x) => x.length > 0);
    rest = (rest.slice(0, brace.index) + rest.slice(brace.index + brace[0].length)).trim();
  }
  const phrase = splitVerbPhrase(rest);
  if (!phrase) return null;
  const forms = new Set<string>(irregular.length > 0 && !/^[a-z]+$/.test(phrase.head) ? [phrase.head] : verbForms(phrase.head));
  for (const f of irregular) {
    const p = splitVerbPhrase(f);
    if (p) forms.add(p.head);
  }
  return {
    head: phrase.head,
    forms: [...forms],
    pre: phrase.pre,
    post: phrase.post,
    code: own ? own.code : block.code,
    reverse: own ? own.reverse : block.reverse,
  };
}

/** Split a verb phrase around its head: the word marked `+`, else the first word. */
function splitVerbPhrase(s: string): { head: string; pre: string[]; post: string[] } | null {
  const parts = s
    .split(/[\s_]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  let at = parts.findIndex((p) => p.startsWith('+'));
  if (at < 0) at = 0;
  const clean = parts.map((p) => p.replace(/^\+/, '').toLowerCase()).filter((p) => p.length > 0);
  if (clean.length !== parts.length || clean[at] === undefined || !/[a-z]/.test(clean[at])) return null;
  return { head: clean[at], pre: clean.slice(0, at), post: clean.slice(at + 1) };
}

/** `- SAID $ * TO_ + [123]` → before/after items around the verb. */
export function parsePattern(line: string): VerbPattern | null {
  const m = PATTERN_LINE.exec(line);
  if (!m) return null;
  const body = m[1].replace(/[{}()]/g, ' ');
  const { code, reverse } = parseCode(m[2]);
  const items: PatternElement[] = [];
  let joinNext = false;
  for (const chunk of body.split(/\s+/).filter((c) => c.length > 0)) {
    const parts = chunk.split('_');
    let first = true;
    for (const part of parts) {
      if (part === '') {
        // a leading or trailing "_" glues this chunk to its neighbour
        if (first) joinNext = true;
        continue;
      }
      const item = patternItem(part);
      if (!item) return null;
      items.push({ ...item, adjacent: first ? joinNext : true });
      first = false;
      joinNext = false;
    }
    if (chunk.endsWith('_')) joinNext = true;
  }
  const v = items.findIndex((i) => i.kind === 'word' && i.word === '*');
  if (v < 0) return null;
  if (items.some((i, k) => k !== v && i.kind === 'word' && i.word === '*')) return null;
  // In `before`, `adjacent` means "directly followed by the next item (or the verb)".
  const before = items.slice(0, v).map((it, k) => ({ ...it, adjacent: items[k + 1].adjacent }));
  const after = items.slice(v + 1);
  return { before, after, code, reverse, text: line.trim() };
}

function patternItem(part: string): PatternItem | null {
  if (part === '*' || part === '**') return { kind: 'word', word: '*' };
  if (part === '$') return { kind: 'source' };
  if (part === '+') return { kind: 'target' };
  if (part === '%') return { kind: 'compound' };
  if (part === '^') return { kind: 'skip' };
  if (part.startsWith('&')) return part.length > 1 ? { kind: 'synset', name: normSynsetName(part.slice(1)) } : null;
  const w = part.toLowerCase().replace(/^\+/, '');
  return w.length > 0 ? { kind: 'word', word: w } : null;
}

// ---------------------------------------------------------------- actors

const CODE_BLOCK = /\[([^\]]*)\]/;

/** `YYYYMMDD` or `YYMMDD` (YY < 30 → 20YY) → `YYYYMMDD`; anything else → null. */
export function normDate(d: string): string | null {
  const s = d.trim();
  if (/^\d{8}$/.test(s)) return s;
  if (/^\d{6}$/.test(s)) return `${Number(s.slice(0, 2)) < 30 ? '20' : '19'}${s}`;
  return null;
}

/** `HOBGOV 19950601 - 19990815`, `HOB < 950601`, `HOBREB >990816`, `ZBW` → a dated code. */
export function parseDatedCode(inside: string): DatedCode | null {
  const m = /^\s*(\S+?)\s*(?:([<>])\s*(\S+)|(\S+)\s*-\s*(\S+))?\s*$/.exec(inside);
  if (!m) return null;
  const code = m[1];
  if (m[2] === '<') {
    const to = normDate(m[3]);
    return to ? { code, to } : null;
  }
  if (m[2] === '>') {
    const from = normDate(m[3]);
    return from ? { code, from } : null;
  }
  if (m[4] !== undefined) {
    const from = normDate(m[4]);
    const to = normDate(m[5]);
    return from && to ? { code, from, to } : null;
  }
  return { code };
}

export function readActors(text: string): ActorEntry[] {
  const out: ActorEntry[] = [];
  let cur: ActorEntry | null = null;
  for (const line of stripComments(text)) {
    if (line.trim() === '') continue;
    const indented = /^\s/.test(line);
    const t = line.trim();
    if (indented && t.startsWith('[')) {
      const m = CODE_BLOCK.exec(t);
      const dc = m ? parseDatedCode(m[1]) : null;
      if (cur && dc) {
        if (dc.from === undefined && dc.to === undefined) cur.dated.push(dc);
        else cur.dated.push(dc);
      }
      continue;
    }
    if (t.startsWith('+')) {
      if (!cur) continue;
      const words = phraseWords(t.slice(1).replace(CODE_BLOCK, ' '));
      if (words.length > 0) cur.phrases.push(words);
      continue;
    }
    const m = CODE_BLOCK.exec(t);
    const phrase = phraseWords(m ? t.slice(0, m.index) : t);
    if (phrase.length === 0) continue;
    const code = m ? parseCode(m[1].split(/\s+/)[0] ?? '').code : null;
    cur = { phrases: [phrase], code, dated: [] };
    // An inline dated code (`GOLLUM [HOB <950601]`) counts as a restriction.
    if (m && /[<>\d]/.test(m[1].replace(/^\S+/, ''))) {
      const dc = parseDatedCode(m[1]);
      cur.code = null;
      if (dc) cur.dated.push(dc);
    }
    out.push(cur);
  }
  return out;
}

/** The code an actor has on `date` (YYYYMMDD): the first dated code that applies, else the default. */
export function actorCodeOn(entry: ActorEntry, date: string | null): string | null {
  for (const dc of entry.dated) {
    if (dc.from === undefined && dc.to === undefined) continue;
    if (date === null) continue;
    if (dc.from !== undefined && date < dc.from) continue;
    if (dc.to !== undefined && date > dc.to) continue;
    return dc.code === '---' ? null : dc.code;
  }
  const undated = entry.dated.find((dc) => dc.from === undefined && dc.to === undefined);
  const code = entry.code ?? undated?.code ?? null;
  return code === '---' ? null : code;
}

// ---------------------------------------------------------------- agents

export function readAgents(text: string): AgentEntry[] {
  const subs = new Map<string, string[]>();
  const out: AgentEntry[] = [];
  for (const line of stripComments(text)) {
    const t = line.trim();
    if (t === '') continue;
    const sub = /^(![A-Za-z0-9]+!)\s*=\s*(.*)$/.exec(t);
    if (sub) {
      subs.set(
        sub[1].toUpperCase(),
        sub[2]
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x.length > 0),
      );
      continue;
    }
    const cm = /\[([^\]]*)\]/.exec(t);
    if (!cm) continue;
    const rawCode = cm[1].replace(/\s+/g, '');
    let position: 'suffix' | 'prefix';
    let code: string;
    if (rawCode.startsWith('~')) {
      position = 'suffix';
      code = rawCode.slice(1);
    } else if (rawCode.endsWith('~')) {
      position = 'prefix';
      code = rawCode.slice(0, -1);
    } else continue;
    if (code === '') continue;
    let head = t.slice(0, cm.index);
    let plurals: string[] | null = null;
    const brace = /\{([^}]*)\}/.exec(head);
    if (brace) {
      plurals = brace[1].split(/\s+/).filter((x) => x.length > 0);
      head = head.slice(0, brace.index) + head.slice(brace.index + brace[0].length);
    }
    head = head.trim();
    if (head === '') continue;
    const variants = expandSubstitutions(head, subs);
    const phrases: string[][] = [];
    for (const v of variants) {
      const words = phraseWords(v);
      if (words.length === 0) continue;
      phrases.push(words);
      if (plurals === null && variants.length === 1 && !v.endsWith('_')) {
        phrases.push([...words.slice(0, -1), pluralOf(words[words.length - 1])]);
      }
    }
    for (const p of plurals ?? []) {
      const words = phraseWords(p);
      if (words.length > 0) phrases.push(words);
    }
    if (phrases.length > 0) out.push({ phrases: dedupePhrases(phrases), code, position });
  }
  return out;
}

function expandSubstitutions(head: string, subs: Map<string, string[]>): string[] {
  const m = /![A-Za-z0-9]+!/.exec(head);
  if (!m) return [head];
  const values = subs.get(m[0].toUpperCase());
  if (!values) return [];
  return values.flatMap((v) => expandSubstitutions(head.slice(0, m.index) + v + head.slice(m.index + m[0].length), subs));
}

// ---------------------------------------------------------------- discards

export function readDiscards(text: string): DiscardEntry[] {
  const out: DiscardEntry[] = [];
  for (const line of stripComments(text)) {
    const t = line.trim();
    if (t === '') continue;
    const story = t.startsWith('+');
    const phrase = phraseWords(story ? t.slice(1) : t);
    if (phrase.length > 0) out.push({ phrase, story });
  }
  return out;
}
