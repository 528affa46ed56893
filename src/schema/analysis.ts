import { z } from 'zod';
import { ENTITY_TYPES, GENRES, MENTION_KINDS, RELATION_TYPES, SCHEMA_ID, TECHNIQUES, TIME_MODS, TIME_TYPES } from './vocabulary.js';

/**
 * The `dossier.analysis/1` schema. Spans are `[start, end)` in UTF-16 code units
 * of `document.text`; every spanned item repeats the covered `text`.
 * `reasons` lists the stable ids of the rules or models that produced an item.
 */
export * from './vocabulary.js';

const offset = z.number().int().nonnegative();
const reasons = z.array(z.string()).optional().describe('ids of the rules or models that produced the item');

export const TextSpanSchema = z.object({ start: offset, end: offset, text: z.string() });

/** Who asserts an item: the article's author, or the id of a quoted entity. */
export const AssertedBySchema = z.string().describe("'author' or the id of the entity whose speech contains the item");

export const MentionSchema = TextSpanSchema.extend({
  kind: z.enum(MENTION_KINDS),
  confidence: z.number().min(0).max(1).optional(),
  reasons,
});

export const EntitySchema = z.object({
  id: z.string().describe('KB id when linked, else a document-local id'),
  kbId: z.string().nullable(),
  name: z.string(),
  type: z.enum(ENTITY_TYPES),
  cameo: z.string().nullable().optional().describe('CAMEO actor code from the KB'),
  confidence: z.number().min(0).max(1).optional(),
  mentions: z.array(MentionSchema),
});

export const TimeSchema = TextSpanSchema.extend({
  type: z.enum(TIME_TYPES),
  value: z.string().describe('TIMEX3 value: 2019-10, 2020-10-25, 2020-W44, P17Y, PXY …'),
  mod: z.enum(TIME_MODS).optional(),
  anchor: z.string().nullable().describe('the date the value was resolved against, or null'),
  anchored: z.boolean(),
  anchorSource: z.enum(['publication', 'speech', 'text', 'none']).optional(),
  reasons,
});

export const CueSchema = TextSpanSchema.extend({
  lemma: z.string(),
  stance: z.enum(['neutral', 'endorsing', 'distancing']).optional(),
});

export const SpeakerSchema = TextSpanSchema.extend({ entity: z.string().nullable() });

export const QuoteSchema = TextSpanSchema.extend({
  id: z.string().optional(),
  kind: z.enum(['direct', 'indirect']),
  cue: CueSchema.nullable(),
  speaker: SpeakerSchema.nullable(),
  reasons,
});

export const ClaimSchema = TextSpanSchema.extend({
  id: z.string().optional(),
  assertedBy: AssertedBySchema,
  checkworthiness: z.number().min(0).max(1),
  quote: z.string().nullable().optional().describe('id of the quote the claim sits in'),
  hedges: z.array(TextSpanSchema).optional(),
  certainty: z.array(TextSpanSchema).optional(),
  reasons,
});

export const EventSchema = z.object({
  id: z.string().optional(),
  cameo: z.string(),
  plover: z.string().nullable(),
  goldstein: z.number().nullable(),
  sourceCode: z.string().nullable(),
  targetCode: z.string().nullable(),
  source: z.string().nullable().describe('entity id'),
  target: z.string().nullable().describe('entity id'),
  location: z.string().nullable().describe('entity id'),
  date: z
    .object({
      value: z.string().nullable(),
      dateSource: z.enum(['text', 'speech', 'publication', 'none']),
      time: TextSpanSchema.optional(),
    })
    .nullable(),
  sentence: TextSpanSchema,
  trigger: TextSpanSchema,
  assertedBy: AssertedBySchema,
  negated: z.boolean(),
  hypothetical: z.boolean(),
  historical: z.boolean().optional(),
  reported: z.boolean().optional(),
  genre: z.enum(GENRES).optional(),
  reasons,
});

export const RelationSchema = z.object({
  type: z.enum(RELATION_TYPES),
  source: z.string(),
  target: z.string().nullable(),
  role: z.string().optional().describe('for ROLE: the stated role, e.g. "Minister of Labor"'),
  evidence: z.array(TextSpanSchema).min(1),
  assertedBy: AssertedBySchema,
  kbConflict: z.string().optional().describe('why the knowledge base disagrees with the text'),
  reasons,
});

export const FindingSchema = TextSpanSchema.extend({
  technique: z.enum(TECHNIQUES),
  ruleId: z.string(),
  source: z.enum(['rule', 'model']),
  score: z.number().min(0).max(1),
  target: z.string().nullable().optional().describe('entity id the finding is aimed at'),
  reason: z.string().optional(),
});

export const GenreSchema = z.object({ label: z.enum(GENRES), score: z.number().min(0).max(1) });

export const AnalysisSchema = z.object({
  schema: z.literal(SCHEMA_ID),
  document: z.object({
    id: z.string().regex(/^[0-9a-f]{64}$/),
    title: z.string().nullable(),
    source: z.object({ name: z.string().nullable(), url: z.string().nullable() }),
    published: z.string().nullable(),
    author: z.string().nullable().optional(),
    language: z.string(),
    text: z.string(),
    genre: GenreSchema.nullable(),
  }),
  sentences: z.array(TextSpanSchema),
  entities: z.array(EntitySchema),
  times: z.array(TimeSchema),
  quotes: z.array(QuoteSchema),
  claims: z.array(ClaimSchema),
  events: z.array(EventSchema),
  relations: z.array(RelationSchema),
  rhetoric: z.object({
    findings: z.array(FindingSchema),
    tone: z.number().min(-1).max(1).nullable(),
    toneByEntity: z.array(z.object({ entity: z.string(), tone: z.number().min(-1).max(1), mentions: z.number().int().nonnegative() })),
  }),
});

export type Analysis = z.infer<typeof AnalysisSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Mention = z.infer<typeof MentionSchema>;
export type TimeExpression = z.infer<typeof TimeSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type CodedEvent = z.infer<typeof EventSchema>;
export type Relation = z.infer<typeof RelationSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Technique = (typeof TECHNIQUES)[number];
export type EntityType = (typeof ENTITY_TYPES)[number];
export type Genre = (typeof GENRES)[number];

/** The JSON Schema of `dossier.analysis/1`, generated from the zod schema (`dossier schema`). */
export function analysisJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AnalysisSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: 'https://dossier.invalid/schema/dossier.analysis-1.json', title: SCHEMA_ID, ...schema };
}
