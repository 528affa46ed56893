import type { Sentence, Token } from '../../document/segment.js';
import type { AliasMatch, KnowledgeBase, MatchKind } from '../../kb/types.js';
import type { EntityType } from '../../schema/analysis.js';
import type { EntityLexicons } from './lexicons.js';

/** The NER types the tagger (or the fallback detector) emits. */
export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** A name span proposed by the NER model, `[tokenStart, tokenEnd)`. */
export interface NerSpan {
  tokenStart: number;
  tokenEnd: number;
  type: NerType;
  score: number;
}

/** Finds KB names in tokenised text (the KB's own matcher, or our fallback trie). */
export type AliasMatcher = (tokens: readonly Token[], text: string) => AliasMatch[];

/** Tags name spans; null when no NER model is loaded (the PROPN fallback runs instead). */
export type NerTagger = (tokens: readonly Token[], sentences: readonly Sentence[]) => NerSpan[];

/** A KB record that holds a title or role, with the dates it held it. */
export interface TitleHolder {
  id: string;
  from?: string;
  to?: string;
  /** KB id of the organisation the role is in, when known. */
  of?: string;
}

/** Loose name key → KB ids (a Map, or the compiled table of compiled-tables.ts). */
export interface LooseNameTable {
  get(key: string): readonly string[] | undefined;
}

/**
 * Everything the entity stage precomputes once per process: the KB and its
 * matcher, the optional NER tagger, compiled lexicons and the look-up tables
 * derived from the KB (loose name keys, surnames, title holders, governments).
 */
export interface EntityResources {
  kb: KnowledgeBase;
  matchAliases: AliasMatcher;
  tagNames: NerTagger | null;
  lex: EntityLexicons;
  /** Loose name key (see `looseKey`) → KB ids, for names the exact matcher missed ("Hadi-al Ameri"). */
  looseNames: LooseNameTable;
  /** Folded surname → KB person ids (curated records only). */
  surnames: Map<string, string[]>;
  /** Folded title ("supreme leader", "minister of labor") → holders from KB roles and titles. */
  titleHolders: Map<string, TitleHolder[]>;
  /** KB id of a country (or its ISO3 code) → KB id of its government. */
  governmentOf: Map<string, string>;
  /** KB ids of governments (the values of `governmentOf`). */
  governments: Set<string>;
}

/** How a mention was found; becomes the mention's `reasons`. */
export type MentionReason =
  | 'kb-name'
  | 'kb-alias'
  | 'kb-metonym'
  | 'kb-title'
  | 'kb-loose-name'
  | 'kb-surname'
  | 'ner'
  | 'propn-run'
  | 'group-noun'
  | 'government-noun'
  | 'salient-state-label'
  | 'metonym-possessive'
  | 'metonym-subject'
  | 'place-after-preposition'
  | 'doc-surname'
  | 'doc-title-holder'
  | 'kb-title-holder'
  | 'acronym-in-parentheses'
  | 'pronoun-subject'
  | 'local-entity';

/** A mention before it is grouped into entities. */
export interface ResolvedMention {
  start: number;
  end: number;
  tokenStart: number;
  tokenEnd: number;
  entityId: string;
  kind: MatchKind | 'pronoun';
  confidence: number;
  reasons: MentionReason[];
}

/** A document-local entity (not in the KB). */
export interface LocalEntity {
  id: string;
  name: string;
  type: EntityType;
}
