import type { KnowledgeBase } from '../../kb/types.js';
import { foldWord, looseKey } from './fold.js';
import type { EntityLexicons } from './lexicons.js';
import type { AliasMatcher, EntityResources, NerTagger, TitleHolder } from './types.js';

/**
 * Derive the look-up tables the stage needs from the KB, once per process:
 * loose name keys, surnames of curated people, title holders with dates, and
 * each country's government.
 */
export function buildEntityResources(kb: KnowledgeBase, matchAliases: AliasMatcher, tagNames: NerTagger | null, lex: EntityLexicons): EntityResources {
  const looseNames = new Map<string, string[]>();
  const surnames = new Map<string, string[]>();
  const titleHolders = new Map<string, TitleHolder[]>();
  const governmentOf = new Map<string, string>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T, same: (a: T) => boolean) => {
    if (k.length === 0) return;
    const list = m.get(k) ?? [];
    if (!list.some(same)) list.push(v);
    m.set(k, list);
  };
  for (const e of kb.entities) {
    for (const s of [e.name, ...e.aliases]) push(looseNames, looseKey(s), e.id, (x) => x === e.id);
    if (e.type === 'PERSON' && e.origin === 'curated') {
      const words = looseKey(e.name).split(' ');
      if (words.length >= 2) push(surnames, words[words.length - 1], e.id, (x) => x === e.id);
    }
    for (const r of e.roles ?? []) {
      const holder: TitleHolder = { id: e.id, from: r.from, to: r.to, of: r.of };
      push(titleHolders, titleKey(r.title), holder, (x) => x.id === e.id && x.of === r.of && x.from === r.from);
    }
    for (const t of e.titles ?? []) push(titleHolders, titleKey(t), { id: e.id }, (x) => x.id === e.id && !x.from);
    const isGov = e.id.endsWith('.gov') || (e.cameo ?? []).some((c) => /^[A-Z]{3}GOV$/.test(c.code));
    if (isGov && e.country && !governmentOf.has(e.country)) governmentOf.set(e.country, e.id);
  }
  // Countries map to their government through the shared ISO3 code.
  for (const e of kb.entities) {
    if (e.type === 'COUNTRY' && e.country && governmentOf.has(e.country)) governmentOf.set(e.id, governmentOf.get(e.country) as string);
  }
  return { kb, matchAliases, tagNames, lex, looseNames, surnames, titleHolders, governmentOf, governments: new Set(governmentOf.values()) };
}

/** "the Supreme Leader" and "supreme leader" share a key; hyphens count as spaces. */
export function titleKey(title: string): string {
  return foldWord(title)
    .replace(/^the\s+/, '')
    .replace(/[-\s]+/g, ' ')
    .trim();
}
