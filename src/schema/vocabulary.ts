/**
 * The closed vocabularies of the `dossier.analysis/1` schema, apart from the zod
 * schema itself: stages, the KB loader and the store read them at run time, and
 * importing them must not load zod into every worker thread.
 */

/** The schema id every analysis carries. */
export const SCHEMA_ID = 'dossier.analysis/1';

export const ENTITY_TYPES = ['PERSON', 'ORGANIZATION', 'COUNTRY', 'LOCATION', 'GROUP', 'MEDIA', 'EVENT'] as const;
export const MENTION_KINDS = ['name', 'alias', 'metonym', 'title', 'pronoun'] as const;
export const GENRES = ['opinion', 'reporting', 'analysis', 'statement', 'satire'] as const;
export const TIME_TYPES = ['DATE', 'TIME', 'DURATION', 'SET'] as const;
export const TIME_MODS = [
  'START',
  'END',
  'MID',
  'EARLY',
  'LATE',
  'APPROX',
  'BEFORE',
  'AFTER',
  'ON_OR_BEFORE',
  'ON_OR_AFTER',
  'LESS_THAN',
  'MORE_THAN',
  'EQUAL_OR_LESS',
  'EQUAL_OR_MORE',
] as const;
export const RELATION_TYPES = [
  'LEADER_OF',
  'MEMBER_OF',
  'PART_OF',
  'PROXY_OF',
  'SUPPORTS',
  'FUNDS',
  'OPPOSES',
  'ATTACKS',
  'MOUTHPIECE_OF',
  'AFFILIATED_WITH',
  'ROLE',
] as const;
export const TECHNIQUES = [
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Repetition',
  'Exaggeration,Minimisation',
  'Doubt',
  'Appeal_to_fear-prejudice',
  'Flag-Waving',
  'Causal_Oversimplification',
  'Slogans',
  'Appeal_to_Authority',
  'Black-and-White_Fallacy',
  'Thought-terminating_Cliches',
  'Whataboutism,Straw_Men,Red_Herring',
  'Bandwagon,Reductio_ad_hitlerum',
] as const;
