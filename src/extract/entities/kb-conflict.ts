import type { KbEntity, KnowledgeBase } from '../../kb/types.js';
import { activeAt, formatDates } from './dated.js';
import { titleKey } from './entity-resources.js';

/**
 * Compare a role the text states with what the KB records, and explain any
 * disagreement from KB data: "KB: Minister of Transport 2010–2014;
 * Secretary-General of the Badr Organization since 2003; no record of Minister of Labor".
 * Returns null when the KB agrees or knows no roles for the person.
 */
export function roleConflict(kb: KnowledgeBase, personId: string, statedRole: string, published: string | null): string | null {
  const person = kb.byId.get(personId);
  if (!person || !(person.roles?.length || person.affiliations?.some((a) => a.type === 'LEADER_OF'))) return null;
  const stated = titleKey(statedRole);
  const matching = (person.roles ?? []).filter((r) => sameTitle(titleKey(r.title), stated));
  if (matching.length > 0) {
    if (matching.some((r) => activeAt(r, published))) return null;
    return `KB: ${describeRoles(kb, person)}; not held at ${published}`;
  }
  return `KB: ${describeRoles(kb, person)}; no record of ${statedRole}`;
}

/** LEADER_OF as stated against the KB's roles and affiliations of the person. */
export function leaderConflict(kb: KnowledgeBase, personId: string, orgId: string): string | null {
  const person = kb.byId.get(personId);
  const org = kb.byId.get(orgId);
  if (!person || !org || !(person.roles?.length || person.affiliations?.length)) return null;
  const known =
    (person.roles ?? []).some((r) => r.of === orgId) ||
    (person.affiliations ?? []).some((a) => a.target === orgId && (a.type === 'LEADER_OF' || a.type === 'MEMBER_OF'));
  if (known) return null;
  return `KB: ${describeRoles(kb, person)}; no record of leading ${withArticle(org)}`;
}

function sameTitle(kbKey: string, stated: string): boolean {
  return kbKey === stated || kbKey.startsWith(`${stated} of `) || stated.startsWith(`${kbKey} of `);
}

function describeRoles(kb: KnowledgeBase, person: KbEntity): string {
  const parts: string[] = [];
  const orgsWithRoles = new Set<string>();
  for (const r of person.roles ?? []) {
    let s = r.title;
    const of = r.of ? kb.byId.get(r.of) : undefined;
    if (r.of) orgsWithRoles.add(r.of);
    if (of && !/\bof\b/i.test(r.title) && of.type !== 'COUNTRY' && !of.id.endsWith('.gov')) s += ` of ${withArticle(of)}`;
    const dates = formatDates(r);
    parts.push(dates ? `${s} ${dates}` : s);
  }
  for (const a of person.affiliations ?? []) {
    if (a.type !== 'LEADER_OF' || orgsWithRoles.has(a.target)) continue;
    const of = kb.byId.get(a.target);
    if (!of) continue;
    const dates = formatDates(a);
    parts.push(`leader of ${withArticle(of)}${dates ? ` ${dates}` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no roles';
}

function withArticle(e: KbEntity): string {
  return e.type === 'ORGANIZATION' &&
    !/^the\s/i.test(e.name) &&
    /\b(Organization|Organisation|Force|Forces|Corps|Council|Party|Army|Brigades?|Movement|Front|Alliance|Coalition)\b/.test(e.name)
    ? `the ${e.name}`
    : e.name;
}
