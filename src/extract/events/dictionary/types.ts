/**
 * CAMEO dictionaries in the PETRARCH format, as read by `read-petrarch.ts` and
 * stored (converted) under data/cameo/. Words are lower-case; a phrase is a list of
 * words that must follow each other.
 */

/** One element of a verb pattern such as `- SAID $ * TO_ + [123]`. */
export type PatternItem =
  | { kind: 'word'; word: string }
  | { kind: 'synset'; name: string }
  /** `$`: the source actor sits here. */
  | { kind: 'source' }
  /** `+`: the target actor sits here. */
  | { kind: 'target' }
  /** `%`: a compound actor (both source and target) sits here. */
  | { kind: 'compound' }
  /** `^`: skip one noun phrase. */
  | { kind: 'skip' };

/** A pattern item plus whether it must follow the previous item directly (`_` in the file). */
export type PatternElement = PatternItem & { adjacent: boolean };

export interface VerbPattern {
  /** Items before the verb `*`, left to right. */
  before: PatternElement[];
  /** Items after the verb, left to right; `after[0].adjacent` means "right after the verb". */
  after: PatternElement[];
  /** CAMEO code, or null for the null code `---`. */
  code: string | null;
  /** Second code of `[A:B]`: an event with source and target swapped. */
  reverse: string | null;
  /** The pattern as written, for `reasons`. */
  text: string;
}

/** One verb (or multi-word verb) of a block. */
export interface VerbEntry {
  /** Lower-case head word as written ("restore", "tap" in WIRE_+TAP). */
  head: string;
  /** All inflected forms of the head (explicit `{…}` forms plus generated regular ones). */
  forms: string[];
  /** Words that must come right before / after the head ("wire" tap, break "down"). */
  pre: string[];
  post: string[];
  /** The verb's own code when it has one, else the block's. */
  code: string | null;
  reverse: string | null;
}

export interface VerbBlock {
  name: string;
  code: string | null;
  reverse: string | null;
  verbs: VerbEntry[];
  patterns: VerbPattern[];
}

export interface VerbDictionary {
  /** Synset name (without `&`) → phrases (each a word list), plurals included. */
  synsets: Record<string, string[][]>;
  blocks: VerbBlock[];
}

/** A code valid within a date range (`YYYYMMDD`, inclusive); open ends are absent. */
export interface DatedCode {
  code: string;
  from?: string;
  to?: string;
}

export interface ActorEntry {
  /** Primary phrase first, then synonyms. */
  phrases: string[][];
  /** Default code (used when no dated code applies), or null. */
  code: string | null;
  /** Date-restricted codes, in file order: the first that applies wins. */
  dated: DatedCode[];
}

export interface AgentEntry {
  phrases: string[][];
  code: string;
  /** `~GOV` adds after the actor code (suffix), `NGO~` before it (prefix). */
  position: 'suffix' | 'prefix';
}

export interface DiscardEntry {
  phrase: string[];
  /** `+` in the file: the whole story is not coded. */
  story: boolean;
}

export interface CameoDictionaries {
  verbs: VerbDictionary;
  actors: ActorEntry[];
  agents: AgentEntry[];
  discards: DiscardEntry[];
}
