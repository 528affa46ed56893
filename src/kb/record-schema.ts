import { z } from 'zod';
import { ENTITY_TYPES } from '../schema/vocabulary.js';
import type { KbEntity } from './types.js';

/** Record ids: lower-case, readable, dot/hyphen separated (`iran.gov`, `person.ali-khamenei`). */
export const KB_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
/** A date bound: a year, a year-month or a full ISO date. */
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
// Names must be printable text: no control characters, no markup, no dictionary underscores.
const BAD_NAME_CHARS = /[\u0000-\u001F\u007F-\u009F_<>{}[\]\\|\u200B-\u200F\u2028\u2029\uFEFF]/;

const name = z
  .string()
  .min(1)
  .max(120)
  .refine((s) => s.trim() === s && !/\s{2,}/.test(s), 'no leading, trailing or doubled spaces')
  .refine((s) => !BAD_NAME_CHARS.test(s), 'bad character (control, markup, bracket or underscore)');
const id = z.string().regex(KB_ID, 'ids are lower-case words joined by "." or "-"');
const date = z.string().regex(DATE, 'dates are YYYY, YYYY-MM or YYYY-MM-DD');
const dated = { from: date.optional(), to: date.optional() };

const cameo = z.union([
  z
    .string()
    .regex(/^[A-Z0-9]{3,15}$/)
    .transform((code) => ({ code })),
  z.object({ code: z.string().regex(/^[A-Z0-9]{3,15}$/), ...dated }).strict(),
]);

const role = z.object({ title: name, of: id.optional(), note: z.string().optional(), ...dated }).strict();

const affiliation = z
  .object({
    type: z.enum(['PART_OF', 'LEADER_OF', 'MEMBER_OF', 'PROXY_OF', 'MOUTHPIECE_OF', 'AFFILIATED_WITH', 'SUPPORTS', 'OPPOSES', 'FUNDS']),
    target: id,
    note: z.string().optional(),
    ...dated,
  })
  .strict();

/** One KB record as written in data/kb (curated YAML or generated JSONL). */
export const KbRecordSchema = z
  .object({
    id,
    qid: z
      .string()
      .regex(/^Q[1-9]\d*$/)
      .optional(),
    name,
    aliases: z.array(name).default([]),
    metonyms: z.array(name).optional(),
    titles: z.array(name).optional(),
    type: z.enum(ENTITY_TYPES),
    country: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    cameo: z.array(cameo).optional(),
    roles: z.array(role).optional(),
    affiliations: z.array(affiliation).optional(),
    description: z.string().optional(),
    note: z.string().optional(),
    neverHeld: z.array(name).optional(),
  })
  .strict();

/** Parse one raw record; throws an Error naming `where` (file and record) and every problem. */
export function parseKbRecord(raw: unknown, origin: KbEntity['origin'], where: string): KbEntity {
  const result = KbRecordSchema.safeParse(raw);
  if (!result.success) {
    const label = typeof raw === 'object' && raw !== null && 'id' in raw ? ` (id ${String((raw as { id: unknown }).id)})` : '';
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
    throw new Error(`${where}${label}: invalid KB record: ${problems}`);
  }
  return { ...result.data, origin } as KbEntity;
}
