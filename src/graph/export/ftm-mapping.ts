import type { EntityType, RelationType } from './ftm-types.js';

/**
 * How Dossier's types map onto FollowTheMoney schemata (followthemoney/schema/*.yaml).
 * A state acting in the news ("Iran", "the United States") is modelled as a
 * PublicBody — FtM has no Country schema, and a country is only a property
 * value there. Places become Address entities so events can point at them by
 * name; a named event (a war, a summit) is an FtM Event.
 */
export const FTM_ENTITY_SCHEMA: Record<EntityType, FtmActorSchema> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  GROUP: 'Organization',
  MEDIA: 'Organization',
  COUNTRY: 'PublicBody',
  LOCATION: 'Address',
  EVENT: 'Event',
};

export type FtmActorSchema = 'Person' | 'Organization' | 'PublicBody' | 'LegalEntity' | 'Address' | 'Event';

/** Schemata whose entities may stand in the `organization` slot of Membership/Directorship (range Organization). */
export const ORGANIZATION_SCHEMATA: ReadonlySet<string> = new Set(['Organization', 'PublicBody']);
/** Schemata in FtM's LegalEntity range (member, director, involved, resolved). */
export const LEGAL_ENTITY_SCHEMATA: ReadonlySet<string> = new Set(['Person', 'Organization', 'PublicBody', 'LegalEntity']);

/**
 * Relations with a precise FtM schema: leadership as a Directorship, membership
 * and being part of something as a Membership. Everything else (proxy,
 * support, funding without an amount, opposition, attacks, mouthpieces) is an
 * UnknownLink ("Other link") whose `role` names the Dossier relation.
 */
export const FTM_RELATION: Partial<Record<RelationType, { schema: 'Directorship' | 'Membership'; source: string; target: string }>> = {
  LEADER_OF: { schema: 'Directorship', source: 'director', target: 'organization' },
  ROLE: { schema: 'Directorship', source: 'director', target: 'organization' },
  MEMBER_OF: { schema: 'Membership', source: 'member', target: 'organization' },
  PART_OF: { schema: 'Membership', source: 'member', target: 'organization' },
};

/** Every FtM schema name this exporter writes (the FtM test checks lines against it). */
export const FTM_SCHEMATA = [
  'Article',
  'Person',
  'Organization',
  'PublicBody',
  'LegalEntity',
  'Address',
  'Event',
  'Mention',
  'Directorship',
  'Membership',
  'UnknownLink',
] as const;
export type FtmSchema = (typeof FTM_SCHEMATA)[number];

/** FtM `language` values are ISO 639-2 codes; Dossier stores ISO 639-1. */
export const ISO639_1_TO_2: Record<string, string> = {
  en: 'eng',
  ar: 'ara',
  fa: 'fas',
  fr: 'fra',
  de: 'deu',
  es: 'spa',
  ru: 'rus',
  tr: 'tur',
  zh: 'zho',
  he: 'heb',
  ku: 'kur',
  ur: 'urd',
};
