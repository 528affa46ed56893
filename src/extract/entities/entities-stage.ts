import path from 'node:path';
import type { Token } from '../../document/segment.js';
import type { AnalysisContext, ResourceOptions, Resources, Stage } from '../../pipeline/context.js';
import './context-extras.js';
import { loadEntityTables } from './compiled-tables.js';
import { documentSurnames, linkSurname, linkTitle, mergeParenthesisedAcronyms, resolvePronounSubjects, salientGovernment } from './coreference.js';
import { DocEntities } from './doc-entities.js';
import { buildEntityResources, titleKey } from './entity-resources.js';
import { isAcronym } from './fold.js';
import { loadKbForEntities } from './kb-bridge.js';
import { loadEntityLexicons } from './lexicons.js';
import { type DocContext, linkKbSlot, linkLooseName, localType } from './linker.js';
import { buildMentionIndex } from './mention-index.js';
import { loadNerForEntities } from './ner-bridge.js';
import { propnRuns } from './propn-runs.js';
import { extractRelations } from './relations.js';
import { chooseSlots, detectSlots, type Slot } from './slots.js';
import type { EntityResources, ResolvedMention } from './types.js';

/**
 * The entity stage: finds mentions (KB names, NER or proper-noun runs, titles,
 * group nouns, government phrases), links them to the KB or to document-local
 * entities, resolves metonymy and in-document coreference, and reads relations
 * off appositions and modifiers. Fills `out.entities`, `out.relations` and
 * `ctx.mentionIndex`.
 */
export const entitiesStage: Stage = {
  name: 'entities',
  async load(options: ResourceOptions): Promise<Partial<Resources>> {
    const kb = await loadKbForEntities(options);
    const ner = loadNerForEntities(options);
    const lex = loadEntityLexicons(options.dataDir);
    // The KB tables come compiled with the KB (scripts/kb/compile.ts); derived here only when that is missing or stale.
    const tables = loadEntityTables(path.resolve(options.dataDir), kb.index);
    const entities: EntityResources = tables
      ? { kb: kb.kb, matchAliases: kb.matchAliases, tagNames: ner.tagNames, lex, ...tables }
      : buildEntityResources(kb.kb, kb.matchAliases, ner.tagNames, lex);
    return { ...kb.resources, ...ner.resources, entities } as Partial<Resources>;
  },
  run(ctx) {
    runEntities(ctx, ctx.res.entities);
  },
};

/** The stage body with its resources passed in (tests give a fixture KB). */
export function runEntities(ctx: AnalysisContext, res: EntityResources): void {
  const { tokens, sentences } = ctx;
  const text = ctx.doc.text;
  const doc = new DocEntities(tokens, sentences, text, ctx.doc.published, res);
  if (tokens.length > 0) {
    const fromNer = res.tagNames !== null;
    const nameSpans = res.tagNames ? res.tagNames(tokens, sentences) : propnRuns(tokens, sentences, res.lex);
    const slots = chooseSlots(detectSlots(tokens, doc.words, sentences, text, res, nameSpans, fromNer), tokens.length);
    resolveSlots(doc, slots);
    mergeParenthesisedAcronyms(doc);
    resolvePronounSubjects(doc);
  }
  ctx.out.relations.push(...extractRelations(doc));
  const entities = doc.toEntities();
  ctx.out.entities.push(...entities);
  ctx.mentionIndex = buildMentionIndex(ctx.out.entities);
}

function resolveSlots(doc: DocEntities, slots: Slot[]): void {
  const { tokens, res } = doc;
  const context: DocContext = { ids: new Set(), countries: new Set() };
  for (const s of slots) {
    if (s.kind !== 'kb') continue;
    const first = s.match.candidates[0]?.id;
    if (!first || s.match.candidates.some((c) => c.id !== first)) continue;
    const e = res.kb.byId.get(first);
    if (!e) continue;
    context.ids.add(e.id);
    if (e.country) context.countries.add(e.country);
  }
  const deferred: Slot[] = [];
  // Pass 1: KB names, full names, groups and government phrases.
  for (const s of slots) {
    if (s.kind === 'kb') {
      // "the regime", "the mullahs": the KB's reading holds only if no other state is more salient here.
      if (res.lex.salientStateLabels.matchAt(tokens, s.tokenStart, s.tokenEnd, doc.words) === s.tokenEnd - s.tokenStart) {
        deferred.push(s);
        continue;
      }
      const m = linkKbSlot(s, doc, context);
      if (m) doc.add(m);
    } else if (s.kind === 'name') {
      const single = s.tokenEnd - s.tokenStart === 1;
      const loose = linkLooseName(s, doc, context);
      if (loose && !(single && loose.confidence < 0.75)) doc.add(loose);
      else if (single || isInitialCommonWord(doc, s)) deferred.push(s);
      else addLocal(doc, s);
    } else if (s.kind === 'group') {
      const name = doc.text.slice(tokens[s.tokenStart].start, tokens[s.tokenEnd - 1].end);
      doc.add(slotMention(tokens, s, doc.local(name, 'GROUP'), 'name', 0.7, ['group-noun']));
    } else if (s.kind === 'government') {
      const gov = res.governmentOf.get(s.country);
      if (gov) doc.add(slotMention(tokens, s, gov, 'metonym', 0.85, ['government-noun']));
    } else deferred.push(s);
  }
  // Pass 2: surnames, titles and labels, which need the names found in pass 1.
  const surnames = documentSurnames(doc);
  const titleHolders = new Map<string, string>();
  const holderLinks: ResolvedMention[] = [];
  for (const s of deferred) {
    if (s.kind === 'name') {
      const m = linkSurname(doc, s.tokenStart, s.tokenEnd, surnames);
      if (m) doc.add(m);
      else if (!isInitialCommonWord(doc, s)) addLocal(doc, s);
    } else if (s.kind === 'title') {
      if (s.honorific) continue;
      const m = linkTitle(doc, s.tokenStart, s.tokenEnd, titleHolders);
      if (!m) continue;
      doc.add(m);
      holderLinks.push(m);
      titleHolders.set(titleKey(doc.text.slice(m.start, m.end)), m.entityId);
      // "the minister" after "Minister of Labor X": the head word names the holder too.
      const head = titleKey(doc.text.slice(m.start, m.end)).split(' of ')[0];
      if (!titleHolders.has(head)) titleHolders.set(head, m.entityId);
    } else if (s.kind === 'salient-state' || s.kind === 'kb') {
      const gov = salientGovernment(doc);
      const kbReading = s.kind === 'kb' ? linkKbSlot(s, doc, context) : null;
      if (gov && kbReading && kbReading.entityId === gov)
        doc.add(withReadingChanged(kbReading, kbReading.confidence, [...kbReading.reasons, 'salient-state-label']));
      else if (gov) doc.add(slotMention(tokens, s, gov, 'metonym', 0.6, ['salient-state-label']));
      else if (kbReading) doc.add(withReadingChanged(kbReading, Math.min(kbReading.confidence, 0.6), kbReading.reasons));
    }
  }
}

/** A mention spanning a slot's tokens (fields in the order the stage has always written them). */
function slotMention(
  tokens: readonly Token[],
  s: Slot,
  entityId: string,
  kind: ResolvedMention['kind'],
  confidence: number,
  reasons: ResolvedMention['reasons'],
): ResolvedMention {
  return {
    start: tokens[s.tokenStart].start,
    end: tokens[s.tokenEnd - 1].end,
    tokenStart: s.tokenStart,
    tokenEnd: s.tokenEnd,
    entityId,
    kind,
    confidence,
    reasons,
  };
}

/** A copy of `m` with another confidence and reasons, its fields in the one order of every mention. */
function withReadingChanged(m: ResolvedMention, confidence: number, reasons: ResolvedMention['reasons']): ResolvedMention {
  return { start: m.start, end: m.end, tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, entityId: m.entityId, kind: m.kind, confidence, reasons };
}

function addLocal(doc: DocEntities, s: Extract<Slot, { kind: 'name' }>): void {
  const { tokens, res } = doc;
  let t0 = s.tokenStart;
  if (tokens[t0].lower === 'the' && s.tokenEnd - t0 > 1) t0++;
  const start = tokens[t0].start;
  const end = tokens[s.tokenEnd - 1].end;
  const name = doc.text.slice(start, end);
  const type = localType(tokens, t0, s.tokenEnd, s.nerType, res.lex);
  const id = doc.local(name, type);
  doc.add({
    start,
    end,
    tokenStart: t0,
    tokenEnd: s.tokenEnd,
    entityId: id,
    kind: 'name',
    confidence: s.fromNer ? 0.7 : 0.5,
    reasons: [s.fromNer ? 'ner' : 'propn-run', 'local-entity'],
  });
}

/**
 * A lone capitalised word opening a sentence that the fallback detector took
 * for a name ("Major protests …"): kept only when the word also appears
 * capitalised mid-sentence. The NER model decides by itself.
 */
function isInitialCommonWord(doc: DocEntities, s: Extract<Slot, { kind: 'name' }>): boolean {
  if (s.fromNer || s.tokenEnd - s.tokenStart !== 1) return false;
  const { tokens, sentences } = doc;
  const t = tokens[s.tokenStart];
  if (sentences[t.sentence].tokenStart !== s.tokenStart || isAcronym(t.value)) return false;
  return !doc.capitalisedMidSentence().has(t.value);
}
