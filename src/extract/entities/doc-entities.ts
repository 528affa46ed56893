import type { Sentence, Token } from '../../document/segment.js';
import type { Entity, EntityType, Mention } from '../../schema/analysis.js';
import { pickDated } from './dated.js';
import { slug } from './fold.js';
import { tokenWord } from './phrase-set.js';
import type { EntityResources, LocalEntity, ResolvedMention } from './types.js';

/**
 * The entity stage's working state for one document: mentions as they are
 * resolved, document-local entities, and merges (an acronym introduced in
 * parentheses redirects one entity id to another). Built fresh per document.
 */
export class DocEntities {
  readonly mentions: ResolvedMention[] = [];
  readonly locals = new Map<string, LocalEntity>();
  private readonly redirects = new Map<string, string>();
  /** Mention index by first token, for the neighbourhood look-ups of coreference and relations. */
  private byTokenStart: Int32Array | null = null;
  private byTokenEnd: Int32Array | null = null;

  /** `tokenWord` of every token, computed once: the lexicon look-ups all read it. */
  readonly words: string[];

  constructor(
    readonly tokens: readonly Token[],
    readonly sentences: readonly Sentence[],
    readonly text: string,
    readonly published: string | null,
    readonly res: EntityResources,
  ) {
    this.words = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) this.words[i] = tokenWord(tokens[i]);
  }

  private midCaps: Set<string> | null = null;

  /** Capitalised words seen after the first token of a sentence (for the fallback's sentence-initial filter). */
  capitalisedMidSentence(): Set<string> {
    if (this.midCaps) return this.midCaps;
    const set = new Set<string>();
    for (let i = 1; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      const c = t.value.charCodeAt(0);
      if (c >= 65 && c <= 90 && t.sentence === this.tokens[i - 1].sentence) set.add(t.value);
    }
    this.midCaps = set;
    return set;
  }

  add(m: ResolvedMention): void {
    this.mentions.push(m);
    this.byTokenStart = null;
    this.byTokenEnd = null;
  }

  private readonly typeVotes = new Map<string, Map<EntityType, number>>();

  /**
   * A document-local entity, created on first use: `local:<slug>`. Each use
   * votes for a type; the entity takes the most voted (taggers type the same
   * name differently from sentence to sentence).
   */
  local(name: string, type: EntityType): string {
    const id = `local:${slug(name)}`;
    const entity = this.locals.get(id);
    if (!entity) {
      this.locals.set(id, { id, name, type });
      this.typeVotes.set(id, new Map([[type, 1]]));
      return id;
    }
    const votes = this.typeVotes.get(id) as Map<EntityType, number>;
    const n = (votes.get(type) ?? 0) + 1;
    votes.set(type, n);
    if (n > (votes.get(entity.type) ?? 0)) entity.type = type;
    return id;
  }

  /** Merge `from` into `into` (both are followed through earlier merges). */
  merge(from: string, into: string): void {
    const a = this.resolve(from);
    const b = this.resolve(into);
    if (a !== b) this.redirects.set(a, b);
  }

  resolve(id: string): string {
    let cur = id;
    for (let guard = 0; guard < 32; guard++) {
      const next = this.redirects.get(cur);
      if (next === undefined) return cur;
      cur = next;
    }
    return cur;
  }

  typeOf(id: string): EntityType | null {
    const r = this.resolve(id);
    return this.res.kb.byId.get(r)?.type ?? this.locals.get(r)?.type ?? null;
  }

  nameOf(id: string): string {
    const r = this.resolve(id);
    return this.res.kb.byId.get(r)?.name ?? this.locals.get(r)?.name ?? r;
  }

  /** The mention whose tokens start at `t`, if any. */
  mentionStartingAt(t: number): ResolvedMention | null {
    this.index();
    const i = (this.byTokenStart as Int32Array)[t];
    return i !== undefined && i >= 0 ? this.mentions[i] : null;
  }

  /** The mention whose tokens end just before `t` (tokenEnd === t), if any. */
  mentionEndingAt(t: number): ResolvedMention | null {
    this.index();
    const i = (this.byTokenEnd as Int32Array)[t];
    return i !== undefined && i >= 0 ? this.mentions[i] : null;
  }

  private index(): void {
    if (this.byTokenStart && this.byTokenEnd) return;
    const n = this.tokens.length + 1;
    const starts = new Int32Array(n).fill(-1);
    const ends = new Int32Array(n).fill(-1);
    this.mentions.forEach((m, i) => {
      if (m.tokenEnd > m.tokenStart) {
        starts[m.tokenStart] = i;
        ends[m.tokenEnd] = i;
      }
    });
    this.byTokenStart = starts;
    this.byTokenEnd = ends;
  }

  /** The Analysis entities: mentions grouped by resolved id, deduplicated by span, in order of first mention. */
  toEntities(): Entity[] {
    const groups = new Map<string, ResolvedMention[]>();
    for (const m of this.mentions) {
      const id = this.resolve(m.entityId);
      const list = groups.get(id) ?? [];
      list.push(m);
      groups.set(id, list);
    }
    const out: Array<{ first: number; entity: Entity }> = [];
    for (const [id, list] of groups) {
      // Sorted by span, so duplicates (the same span found twice) sit side by side: keep the surer one.
      list.sort((a, b) => a.start - b.start || a.end - b.end || b.confidence - a.confidence);
      const ms: ResolvedMention[] = [];
      let best = 0;
      for (const m of list) {
        const prev = ms[ms.length - 1];
        if (prev && prev.start === m.start && prev.end === m.end) continue;
        ms.push(m);
        if (m.confidence > best) best = m.confidence;
      }
      const kb = this.res.kb.byId.get(id);
      const local = this.locals.get(id);
      // A loop rather than map(): map's arrays change elements kind between the engine's tiers,
      // and the later stages that walk `entity.mentions` would be deoptimised on the two shapes.
      const mentions: Mention[] = [];
      for (const m of ms) {
        mentions.push({
          start: m.start,
          end: m.end,
          text: this.text.slice(m.start, m.end),
          kind: m.kind,
          confidence: round(m.confidence),
          reasons: m.reasons,
        });
      }
      out.push({
        first: ms[0].start,
        entity: {
          id,
          kbId: kb ? id : null,
          name: kb?.name ?? local?.name ?? id,
          type: kb?.type ?? local?.type ?? 'ORGANIZATION',
          cameo: kb ? (pickDated(kb.cameo, this.published)?.code ?? null) : null,
          confidence: round(best),
          mentions,
        },
      });
    }
    return out.sort((a, b) => a.first - b.first).map((x) => x.entity);
  }
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
