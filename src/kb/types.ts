import type { EntityType } from '../schema/analysis.js';

/** Affiliation kinds a KB record may state about another record. */
export type AffiliationType = 'PART_OF' | 'LEADER_OF' | 'MEMBER_OF' | 'PROXY_OF' | 'MOUTHPIECE_OF' | 'AFFILIATED_WITH' | 'SUPPORTS' | 'OPPOSES' | 'FUNDS';

/** A dated statement; `from`/`to` are ISO dates or years, open when absent. */
export interface Dated {
  from?: string;
  to?: string;
}

export interface KbRole extends Dated {
  /** The role as usually written: "Supreme Leader", "Minister of Labor", "commander". */
  title: string;
  /** The organisation or state the role is held in (KB id). */
  of?: string;
  /** Caveats a reviewer should know (uncertain dates, commonly misreported roles). */
  note?: string;
}

export interface KbAffiliation extends Dated {
  type: AffiliationType;
  /** KB id of the other party. */
  target: string;
  /** Why we believe it (a short note, or a reference). */
  note?: string;
}

export interface KbCameoCode extends Dated {
  code: string;
}

/**
 * One actor of the knowledge base, as reviewed in data/kb/. Ids are stable,
 * lower-case and readable: `iran.gov`, `person.ali-khamenei`, `org.irgc`.
 */
export interface KbEntity {
  id: string;
  /** Wikidata QID where known (Q… ), else absent. */
  qid?: string;
  name: string;
  /** Other names, acronyms and transliteration variants (Ameri/Amiri). Matched as names. */
  aliases: string[];
  /**
   * Words that stand for this actor without naming it: capitals and seats for a
   * government ("Tehran", "the Kremlin"), labels ("the ayatollahs", "the mullahs").
   * Mentions found through these get kind `metonym`.
   */
  metonyms?: string[];
  /** Titles that refer to the holder when used alone ("the Supreme Leader"). Mention kind `title`. */
  titles?: string[];
  type: EntityType;
  /** ISO 3166-1 alpha-3 of the actor's country, when it has one. */
  country?: string;
  cameo?: KbCameoCode[];
  roles?: KbRole[];
  affiliations?: KbAffiliation[];
  description?: string;
  /**
   * Caveats about the record (uncertain facts, commonly misreported roles such as
   * "never Minister of Labor"); the entity stage may use them for `kbConflict` notes.
   */
  note?: string;
  /**
   * Roles the actor is sometimes said to hold but never held (e.g. Hadi al-Amiri:
   * "Minister of Labor"); a text that states one of these gets a `kbConflict` note.
   */
  neverHeld?: string[];
  /** Where the record comes from: 'curated' or 'phoenix' (generated). */
  origin: 'curated' | 'phoenix';
}

export type MatchKind = 'name' | 'alias' | 'metonym' | 'title';

/** A KB name found in the text, over whole tokens. */
export interface AliasMatch {
  start: number;
  end: number;
  /** `[tokenStart, tokenEnd)` token indices. */
  tokenStart: number;
  tokenEnd: number;
  candidates: Array<{ id: string; kind: MatchKind }>;
}

export interface KnowledgeBase {
  readonly entities: readonly KbEntity[];
  readonly byId: ReadonlyMap<string, KbEntity>;
  /** Records whose normalised name/alias/metonym/title equals `surface` (case- and diacritic-folded). */
  lookup(surface: string): Array<{ id: string; kind: MatchKind }>;
}
