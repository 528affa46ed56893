import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseCache } from './response-cache.js';

/** The cache as text, for readable assertions. */
function textCache(cache: ResponseCache) {
  return async (key: string, version: string, compute: () => Promise<unknown>) => (await cache.get(key, version, compute))?.toString('utf8') ?? null;
}

describe('ResponseCache', () => {
  it('reuses an answer while the version holds and recomputes when it changes', async () => {
    const cache = new ResponseCache();
    const get = textCache(cache);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    assert.equal(await get('/a', 'v1', compute), '{"n":1}');
    assert.equal(await get('/a', 'v1', compute), '{"n":1}');
    assert.equal(await get('/a', 'v2', compute), '{"n":2}');
    assert.deepEqual([cache.hits, cache.misses], [1, 2]);
  });

  it('expires answers after the TTL', async () => {
    let now = 0;
    const cache = new ResponseCache({ ttlMs: 1000, now: () => now });
    const get = textCache(cache);
    let calls = 0;
    const compute = async () => ++calls;
    await get('/a', 'v', compute);
    now = 999;
    assert.equal(await get('/a', 'v', compute), '1');
    now = 1000;
    assert.equal(await get('/a', 'v', compute), '2');
  });

  it('shares one computation between concurrent misses', async () => {
    const cache = new ResponseCache();
    const get = textCache(cache);
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const compute = async () => {
      calls++;
      await gate;
      return { ok: true };
    };
    const all = Promise.all([get('/e', 'v', compute), get('/e', 'v', compute), get('/e', 'v', compute)]);
    release();
    assert.deepEqual(await all, ['{"ok":true}', '{"ok":true}', '{"ok":true}']);
    assert.equal(calls, 1);
  });

  it('evicts the least recently used entry by count and by size, and does not keep null', async () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 20 });
    const get = textCache(cache);
    await get('/a', 'v', async () => 'a');
    await get('/b', 'v', async () => 'b');
    await get('/a', 'v', async () => 'unused'); // touch a
    await get('/c', 'v', async () => 'c'); // evicts b
    assert.equal(await get('/a', 'v', async () => 'a2'), '"a"');
    assert.equal(await get('/b', 'v', async () => 'b2'), '"b2"');
    await get('/big', 'v', async () => 'x'.repeat(30));
    assert.equal(await get('/big', 'v', async () => 'again'), '"again"');
    assert.equal(await get('/none', 'v', async () => null), null);
    assert.equal(await get('/none', 'v', async () => 'now'), '"now"');
    assert.ok(cache.size <= 2);
  });
});
