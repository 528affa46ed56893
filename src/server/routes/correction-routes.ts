import { Hono } from 'hono';
import { z } from 'zod';
import { resolveEntity } from '../../graph/queries.js';
import type { CorrectionKind } from '../../store/store.js';
import { type ApiDeps, jsonBody } from '../api-deps.js';
import { ApiError } from '../api-error.js';
import type { AppEnv } from '../app-env.js';
import { parseBody } from './analyze-routes.js';

const name = z.string().min(1).max(500);
const why = z.string().min(1, 'why: say why (kept in the audit log)').max(2000);
const by = z.string().min(1).max(200).optional();

/** The kinds of `dossier correct`, with the same arguments (entities by name, alias or id). */
export const CorrectionBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('merge'), keep: name, drop: name, why, by }).strict(),
  z.object({ kind: z.literal('split-alias'), entity: name, alias: name, why, by }).strict(),
  z.object({ kind: z.literal('reject-event'), id: name, why, by }).strict(),
  z.object({ kind: z.literal('reject-finding'), id: name, why, by }).strict(),
]);

async function entityId(deps: ApiDeps, ref: string): Promise<string> {
  const r = await resolveEntity(deps.store, ref);
  if (!r) throw new ApiError(404, 'not-found', `no entity matches ${JSON.stringify(ref)}`);
  return r.entity.id;
}

/**
 * `GET /api/corrections` (the audit log) and `POST /api/corrections` (token
 * needed): record a correction and apply it to the stored rows, as `dossier
 * correct` does. Who made it: `by`, else the name of the token used.
 */
export function correctionRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/corrections', async (c) => c.json({ items: await deps.store.corrections() }))
    .post('/corrections', async (c) => {
      const body = parseBody(CorrectionBodySchema, await jsonBody(c));
      const kind: CorrectionKind = body.kind;
      let args: string[];
      if (body.kind === 'merge') {
        const keep = await entityId(deps, body.keep);
        const drop = await entityId(deps, body.drop);
        if (keep === drop) throw new ApiError(400, 'bad-request', `${body.keep} and ${body.drop} are the same entity (${keep})`);
        args = [keep, drop];
      } else if (body.kind === 'split-alias') args = [await entityId(deps, body.entity), body.alias];
      else args = [body.id];
      const correction = await deps.store.addCorrection({ kind, args, why: body.why, who: body.by ?? `token:${c.get('tokenName')}`, at: deps.now() });
      await deps.store.applyCorrection(correction);
      deps.version.changed();
      return c.json({ correction }, 201);
    });
}
