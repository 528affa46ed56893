// The highlight layers of the article view and how each one looks and is named.

export const LAYERS = ['entity', 'time', 'quote', 'claim', 'event', 'rhetoric'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_LABELS: Record<Layer, string> = {
  entity: 'Entities',
  time: 'Times',
  quote: 'Quotes',
  claim: 'Claims',
  event: 'Events',
  rhetoric: 'Rhetoric',
};

/** Nesting order when spans coincide: long, sentence-like layers outside. */
export const LAYER_RANK: Record<Layer | 'focus', number> = {
  focus: 0,
  claim: 1,
  quote: 2,
  event: 3,
  rhetoric: 4,
  entity: 5,
  time: 6,
};

/** Claims are whole sentences: off by default so the article stays readable. */
export const LAYERS_OFF_BY_DEFAULT: ReadonlySet<Layer> = new Set(['claim']);

/** One colour per SemEval-2020 technique (rhetoric highlights and the filter swatches). */
export const TECHNIQUE_COLORS: Record<string, string> = {
  Loaded_Language: '#f7c948',
  'Name_Calling,Labeling': '#f08a5d',
  Repetition: '#b8de6f',
  'Exaggeration,Minimisation': '#f9a8d4',
  Doubt: '#a5b4fc',
  'Appeal_to_fear-prejudice': '#fca5a5',
  'Flag-Waving': '#93c5fd',
  Causal_Oversimplification: '#c4b5fd',
  Slogans: '#fdba74',
  Appeal_to_Authority: '#99f6e4',
  'Black-and-White_Fallacy': '#d6d3d1',
  'Thought-terminating_Cliches': '#fde68a',
  'Whataboutism,Straw_Men,Red_Herring': '#e9d5ff',
  'Bandwagon,Reductio_ad_hitlerum': '#fecdd3',
};

export const ENTITY_COLORS: Record<string, string> = {
  PERSON: '#2563eb',
  ORGANIZATION: '#7c3aed',
  COUNTRY: '#059669',
  LOCATION: '#0d9488',
  GROUP: '#d97706',
  MEDIA: '#db2777',
  EVENT: '#64748b',
};

export function techniqueLabel(technique: string): string {
  return technique.replaceAll('_', ' ').replaceAll(',', ', ');
}
