import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { minhashSignature, signatureToString } from '../ingest/near-dup.js';
import { SharedNearDuplicateIndex } from './shared-near-dup-index.js';

const REDIS = process.env.DOSSIER_TEST_REDIS;

const STORY = [
  'Rockets struck a military base used by the coalition near the airport late on Monday, officials said on Tuesday.',
  'A little-known group claimed the attack in a statement posted online; officials said it was a front for a larger militia.',
  'The base had been targeted twice in the previous month, and the government promised an investigation into the launch site.',
].join('\n\n');
const OTHER = 'Shipping companies rerouted container vessels around the cape after a series of drone attacks in the strait, insurers said.';

describe('SharedNearDuplicateIndex', { skip: REDIS ? false : 'set DOSSIER_TEST_REDIS to run the shared near-duplicate index tests' }, () => {
  let redis: Redis;
  const prefix = `dossier:{nd-test-${process.pid}-${Date.now().toString(36)}}`;
  before(() => {
    redis = new Redis(REDIS as string, { maxRetriesPerRequest: null });
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('of copies claimed at the same moment by separate workers, exactly one is the original and the rest link to it', async () => {
    // Eight "workers" (own connections), each claiming its own copy of the story concurrently.
    const copies = Array.from({ length: 8 }, (_, i) => ({
      id: `copy-${i}`,
      sig: signatureToString(minhashSignature(`${STORY}\n\nSyndicated by outlet ${i}.`)),
    }));
    const clients = copies.map(() => redis.duplicate());
    try {
      const results = await Promise.all(copies.map((c, i) => new SharedNearDuplicateIndex(clients[i], prefix).claim(c.id, c.sig)));
      const originals = copies.filter((_, i) => results[i].duplicateOf === null).map((c) => c.id);
      assert.equal(originals.length, 1, JSON.stringify(results));
      for (const r of results) if (r.duplicateOf !== null) assert.equal(r.duplicateOf, originals[0]);
      for (const r of results) if (r.duplicateOf !== null) assert.ok((r.similarity ?? 0) >= 0.7);
    } finally {
      await Promise.all(clients.map((c) => c.quit()));
    }
  });

  it('keeps only originals after release, and a different story is not a copy', async () => {
    const index = new SharedNearDuplicateIndex(redis, prefix);
    const other = signatureToString(minhashSignature(OTHER));
    assert.deepEqual(await index.claim('other', other), { duplicateOf: null, similarity: null });
    const copy = signatureToString(minhashSignature(`${STORY}\n\nSubscribe to our newsletter.`));
    const first = await index.claim('late-copy', copy);
    assert.match(String(first.duplicateOf), /^copy-\d$/);
    await index.release('late-copy', copy);
    assert.equal(await redis.hexists(`${prefix}:lsh:sig`, 'late-copy'), 0);
    // Claiming again (a retried job) gives the same answer and does not duplicate the entry.
    assert.deepEqual(await index.claim('other', other), { duplicateOf: null, similarity: null });
  });
});
