import type { Redis } from 'ioredis';
import {
  DEFAULT_BANDS,
  DEFAULT_ROWS_PER_BAND,
  NEAR_DUPLICATE_THRESHOLD,
  scoreNearDuplicate,
  signatureFromString,
  signatureToString,
} from '../ingest/near-dup.js';
import type { Store } from '../store/store.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Claim: atomically read the members of the document's LSH buckets and add
 * the document to them, recording its signature and a claim number. Because
 * read and add are one step, of two near-duplicates analysed at the same
 * moment on two workers the second always sees the first.
 * KEYS: bucket sets…, signature hash, claim counter. ARGV: id, "<signature>".
 * Returns [id, "<claim>:<signature>", …] of the other members.
 */
const CLAIM_SCRIPT = `
local n = #KEYS - 2
local sigs = KEYS[n + 1]
local seen = {}
local out = {}
for i = 1, n do
  local members = redis.call('SMEMBERS', KEYS[i])
  for _, m in ipairs(members) do
    if m ~= ARGV[1] and not seen[m] then
      seen[m] = true
      local v = redis.call('HGET', sigs, m)
      if v then out[#out + 1] = m; out[#out + 1] = v end
    end
  end
  redis.call('SADD', KEYS[i], ARGV[1])
end
if redis.call('HEXISTS', sigs, ARGV[1]) == 0 then
  local claim = redis.call('INCR', KEYS[n + 2])
  redis.call('HSET', sigs, ARGV[1], claim .. ':' .. ARGV[2])
end
return out
`;

export interface SharedNearDuplicate {
  /** The original this document copies, or null when it is an original. */
  duplicateOf: string | null;
  similarity: number | null;
}

/**
 * The near-duplicate index of `dossier ingest`, shared by every worker through
 * Redis: LSH bucket sets (42 bands × 3 rows, as the in-process index) and the
 * MinHash signatures, under `<prefix>:lsh:`.
 *
 * Protocol per document: `claim` (atomic read + add), decide, store, then
 * `release` when it turned out to be a copy (only originals stay indexed, as
 * in ingest). A copy links to the matching candidate that was claimed FIRST:
 * the original always precedes its copies, so a copy still waiting to be
 * released is never preferred to its original. The bounded difference from
 * one process: a document that matches only such a not-yet-released copy
 * links to the copy (one process would have called it an original).
 *
 * @example
 * const nd = await index.claim(doc.id, signature); // {duplicateOf: 'ab12…', similarity: 0.93}
 * if (nd.duplicateOf) await index.release(doc.id, signature);
 */
export class SharedNearDuplicateIndex {
  private readonly sigKey: string;
  private readonly counterKey: string;
  private readonly seededKey: string;
  private readonly seedLockKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.sigKey = `${prefix}:lsh:sig`;
    this.counterKey = `${prefix}:lsh:claims`;
    this.seededKey = `${prefix}:lsh:seeded`;
    this.seedLockKey = `${prefix}:lsh:seeding`;
    if (!(redis as unknown as { dossierClaim?: unknown }).dossierClaim) redis.defineCommand('dossierClaim', { lua: CLAIM_SCRIPT });
  }

  /** Add the document to the index and return the original it copies, if any. */
  async claim(id: string, signature: string): Promise<SharedNearDuplicate> {
    const sig = signatureFromString(signature);
    if (sig[sig.length - 1] === 0) return { duplicateOf: null, similarity: null }; // no shingles: never a candidate
    const keys = [...this.bucketKeys(sig), this.sigKey, this.counterKey];
    const raw = (await (this.redis as unknown as { dossierClaim(n: number, ...args: string[]): Promise<string[]> }).dossierClaim(
      keys.length,
      ...keys,
      id,
      signature,
    )) as string[];
    let best: { id: string; claim: number; similarity: number } | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const value = raw[i + 1];
      const colon = value.indexOf(':');
      const claim = Number(value.slice(0, colon));
      const score = scoreNearDuplicate(sig, signatureFromString(value.slice(colon + 1)));
      if (score.similarity < NEAR_DUPLICATE_THRESHOLD) continue;
      if (!best || claim < best.claim) best = { id: raw[i], claim, similarity: score.similarity };
    }
    return best ? { duplicateOf: best.id, similarity: Math.round(best.similarity * 1000) / 1000 } : { duplicateOf: null, similarity: null };
  }

  /** Take a document out of the index (it is a copy, or it will never be stored). */
  async release(id: string, signature: string): Promise<void> {
    const sig = signatureFromString(signature);
    const pipe = this.redis.multi();
    if (sig[sig.length - 1] !== 0) for (const key of this.bucketKeys(sig)) pipe.srem(key, id);
    pipe.hdel(this.sigKey, id);
    await pipe.exec();
  }

  /**
   * Fill the index once from the originals already in the store (a corpus
   * ingested before the workers, or after Redis lost its data). One worker
   * seeds under a lock; the others wait for it.
   */
  async seedFrom(store: Store, log: (m: string) => void = () => undefined): Promise<void> {
    for (;;) {
      if ((await this.redis.exists(this.seededKey)) === 1) return;
      const locked = await this.redis.set(this.seedLockKey, String(process.pid), 'EX', 600, 'NX');
      if (locked === 'OK') {
        try {
          const originals = await store.originalSignatures();
          for (let i = 0; i < originals.length; i += 500) {
            const pipe = this.redis.pipeline();
            for (const o of originals.slice(i, i + 500)) {
              const sig = signatureFromString(o.signature);
              if (sig[sig.length - 1] === 0) continue;
              const keys = [...this.bucketKeys(sig), this.sigKey, this.counterKey];
              (pipe as unknown as { dossierClaim(n: number, ...args: string[]): void }).dossierClaim(keys.length, ...keys, o.id, signatureToString(sig));
            }
            await pipe.exec();
          }
          await this.redis.set(this.seededKey, String(originals.length));
          if (originals.length > 0) log(`near-duplicate index seeded with ${originals.length} stored originals`);
        } finally {
          await this.redis.del(this.seedLockKey);
        }
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private bucketKeys(sig: Uint32Array): string[] {
    const keys: string[] = [];
    for (let band = 0; band < DEFAULT_BANDS; band++) {
      // The same band hash as the in-process index (FNV-1a over the band's rows).
      let h = FNV_OFFSET;
      const start = band * DEFAULT_ROWS_PER_BAND;
      for (let r = 0; r < DEFAULT_ROWS_PER_BAND; r++) h = Math.imul(h ^ sig[start + r], FNV_PRIME);
      keys.push(`${this.prefix}:lsh:b${band}:${(h >>> 0).toString(36)}`);
    }
    return keys;
  }
}
