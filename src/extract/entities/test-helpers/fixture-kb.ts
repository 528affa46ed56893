import type { KbEntity, KnowledgeBase, MatchKind } from '../../../kb/types.js';
import { foldWord } from '../fold.js';

/**
 * A tiny knowledge base written for the tests: the actors of the seed
 * article plus a few that make linking ambiguous (two Tehrans, two Soleimanis,
 * dated ministers). It only implements `KnowledgeBase`; facts are kept short
 * but true to public record.
 */
export const FIXTURE_ENTITIES: KbEntity[] = [
  {
    id: 'iran',
    name: 'Iran',
    aliases: ['Islamic Republic of Iran', 'Iranian', 'Persia'],
    type: 'COUNTRY',
    country: 'IRN',
    cameo: [{ code: 'IRN' }],
    origin: 'curated',
  },
  {
    id: 'iran.gov',
    name: 'Government of Iran',
    aliases: ['Iranian government', 'Iranian regime'],
    metonyms: ['Tehran', 'the ayatollahs', 'the mullahs'],
    type: 'ORGANIZATION',
    country: 'IRN',
    cameo: [{ code: 'IRNGOV' }],
    origin: 'curated',
  },
  { id: 'city.tehran', name: 'Tehran', aliases: ['Teheran'], type: 'LOCATION', country: 'IRN', origin: 'curated' },
  { id: 'iraq', name: 'Iraq', aliases: ['Iraqi', 'Republic of Iraq'], type: 'COUNTRY', country: 'IRQ', cameo: [{ code: 'IRQ' }], origin: 'curated' },
  {
    id: 'iraq.gov',
    name: 'Government of Iraq',
    aliases: [],
    metonyms: ['Baghdad'],
    type: 'ORGANIZATION',
    country: 'IRQ',
    cameo: [{ code: 'IRQGOV' }],
    origin: 'curated',
  },
  { id: 'city.baghdad', name: 'Baghdad', aliases: [], type: 'LOCATION', country: 'IRQ', origin: 'curated' },
  {
    id: 'usa',
    name: 'United States',
    aliases: ['US', 'U.S.', 'America', 'American'],
    type: 'COUNTRY',
    country: 'USA',
    cameo: [{ code: 'USA' }],
    origin: 'curated',
  },
  {
    id: 'usa.gov',
    name: 'Government of the United States',
    aliases: [],
    metonyms: ['Washington', 'the White House'],
    type: 'ORGANIZATION',
    country: 'USA',
    cameo: [{ code: 'USAGOV' }],
    origin: 'curated',
  },
  { id: 'city.washington', name: 'Washington', aliases: ['Washington, D.C.'], type: 'LOCATION', country: 'USA', origin: 'curated' },
  {
    id: 'russia.gov',
    name: 'Government of Russia',
    aliases: [],
    metonyms: ['the Kremlin', 'Moscow'],
    type: 'ORGANIZATION',
    country: 'RUS',
    cameo: [{ code: 'RUSGOV' }],
    origin: 'curated',
  },
  { id: 'syria', name: 'Syria', aliases: ['Syrian'], type: 'COUNTRY', country: 'SYR', cameo: [{ code: 'SYR' }], origin: 'curated' },
  { id: 'lebanon', name: 'Lebanon', aliases: ['Lebanese'], type: 'COUNTRY', country: 'LBN', cameo: [{ code: 'LBN' }], origin: 'curated' },
  { id: 'region.middle-east', name: 'Middle East', aliases: [], type: 'LOCATION', origin: 'curated' },
  {
    id: 'org.irgc',
    name: 'Islamic Revolutionary Guard Corps',
    aliases: ['IRGC', 'Revolutionary Guards', 'Revolutionary Guard', 'Sepah', 'Pasdaran'],
    type: 'ORGANIZATION',
    country: 'IRN',
    cameo: [{ code: 'IRNMIL' }],
    affiliations: [{ type: 'PART_OF', target: 'iran.gov' }],
    origin: 'curated',
  },
  {
    id: 'org.quds-force',
    name: 'Quds Force',
    aliases: ['IRGC-QF', 'Qods Force', 'IRGC Quds Force'],
    type: 'ORGANIZATION',
    country: 'IRN',
    cameo: [{ code: 'IRNMILIRG' }],
    affiliations: [{ type: 'PART_OF', target: 'org.irgc' }],
    origin: 'curated',
  },
  {
    id: 'person.qassem-soleimani',
    name: 'Qassem Soleimani',
    aliases: ['Qasem Soleimani', 'Qassem Suleimani', 'Ghasem Soleimani'],
    type: 'PERSON',
    country: 'IRN',
    roles: [{ title: 'commander', of: 'org.quds-force', from: '1998', to: '2020-01-03' }],
    cameo: [{ code: 'IRNMIL' }],
    origin: 'curated',
  },
  // A second Soleimani, so that a bare surname is ambiguous in the KB.
  {
    id: 'person.gholamreza-soleimani',
    name: 'Gholamreza Soleimani',
    aliases: [],
    type: 'PERSON',
    country: 'IRN',
    roles: [{ title: 'commander', of: 'org.basij', from: '2019-07' }],
    origin: 'curated',
  },
  { id: 'org.basij', name: 'Basij', aliases: ['Basij Resistance Force'], type: 'ORGANIZATION', country: 'IRN', origin: 'curated' },
  {
    id: 'person.ali-khamenei',
    name: 'Ali Khamenei',
    aliases: ['Ayatollah Ali Khamenei', 'Khamenei', 'Ayatollah Khamenei'],
    titles: ['Supreme Leader', 'the Supreme Leader'],
    type: 'PERSON',
    country: 'IRN',
    roles: [
      { title: 'Supreme Leader', of: 'iran.gov', from: '1989-06-04' },
      { title: 'President', of: 'iran.gov', from: '1981', to: '1989' },
    ],
    cameo: [{ code: 'IRNGOVREL' }],
    origin: 'curated',
  },
  {
    id: 'person.hadi-al-amiri',
    name: 'Hadi al-Amiri',
    aliases: ['Hadi al-Ameri', 'Hadi Al-Amiri', 'Amiri'],
    type: 'PERSON',
    country: 'IRQ',
    roles: [
      { title: 'Minister of Transport', of: 'iraq.gov', from: '2010', to: '2014' },
      { title: 'Secretary-General', of: 'org.badr', from: '2003' },
    ],
    affiliations: [{ type: 'LEADER_OF', target: 'org.badr', from: '2003' }],
    cameo: [
      { code: 'IRQGOV', from: '2010', to: '2014' },
      { code: 'IRQREB', from: '2014' },
    ],
    origin: 'curated',
  },
  {
    id: 'org.badr',
    name: 'Badr Organization',
    aliases: ['Badr', 'Badr Brigade', 'Badr Corps'],
    type: 'ORGANIZATION',
    country: 'IRQ',
    affiliations: [{ type: 'PROXY_OF', target: 'iran.gov' }],
    origin: 'curated',
  },
  { id: 'org.ncri', name: 'National Council of Resistance of Iran', aliases: ['NCRI'], type: 'ORGANIZATION', country: 'IRN', origin: 'curated' },
  {
    id: 'media.keyhan',
    name: 'Keyhan',
    aliases: ['Kayhan', 'Kayhan daily', 'Keyhan daily'],
    type: 'MEDIA',
    country: 'IRN',
    affiliations: [{ type: 'MOUTHPIECE_OF', target: 'person.ali-khamenei' }],
    origin: 'curated',
  },
  { id: 'media.iranfocus', name: 'Iran Focus', aliases: ['iranfocus'], type: 'MEDIA', origin: 'curated' },
  {
    id: 'person.hassan-rouhani',
    name: 'Hassan Rouhani',
    aliases: ['Rouhani'],
    titles: ['President of Iran'],
    type: 'PERSON',
    country: 'IRN',
    roles: [{ title: 'President', of: 'iran.gov', from: '2013-08-03', to: '2021-08-03' }],
    origin: 'curated',
  },
  {
    id: 'person.ebrahim-raisi',
    name: 'Ebrahim Raisi',
    aliases: ['Raisi'],
    type: 'PERSON',
    country: 'IRN',
    roles: [{ title: 'President', of: 'iran.gov', from: '2021-08-03', to: '2024-05-19' }],
    origin: 'curated',
  },
];

export function fixtureKb(entities: KbEntity[] = FIXTURE_ENTITIES): KnowledgeBase {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const index = new Map<string, Array<{ id: string; kind: MatchKind }>>();
  const add = (s: string, id: string, kind: MatchKind) => {
    const k = foldWord(s);
    const list = index.get(k) ?? [];
    list.push({ id, kind });
    index.set(k, list);
  };
  for (const e of entities) {
    add(e.name, e.id, 'name');
    for (const a of e.aliases) add(a, e.id, 'alias');
    for (const m of e.metonyms ?? []) add(m, e.id, 'metonym');
    for (const t of e.titles ?? []) add(t, e.id, 'title');
  }
  return { entities, byId, lookup: (s) => index.get(foldWord(s)) ?? [] };
}
