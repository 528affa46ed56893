import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hashKey, hashKeys, hashRange, stringKeys, WeightTable } from './feature-key.js';

test('feature keys: a template hashed in pieces is the number of the whole string', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.integer({ min: -5, max: 40 }), fc.boolean(), fc.string(), (a, b, n, yes, suffix) => {
      const s = stringKeys`p=${a}|${n}|${yes}:${b}`;
      assert.equal(s, `p=${a}|${n}|${yes}:${b}`);
      const h = hashKeys`p=${a}|${n}|${yes}:${b}`;
      assert.equal(h, hashKey(s));
      assert.equal(hashKeys.conj(h, suffix), hashKey(s + suffix));
      assert.equal(hashKeys.conj(s, suffix), hashKey(s + suffix));
      const text = `x\t${s}\ty`;
      assert.equal(hashRange(text, 2, 2 + s.length), h);
      // No value, and the most values a template may hold.
      assert.equal(hashKeys`b`, hashKey('b'));
      assert.equal(hashKeys`${a}${b}|${n}${suffix}`, hashKey(`${a}${b}|${n}${suffix}`));
    }),
  );
});

test('feature keys: near-identical features get different numbers', () => {
  const words = ['said', 'says', 'Said', 'c=said', 'c=said|LA', 'c=said|LB', 'c=sai|dLA', '', 'p1=<s>', 'p1=</s>'];
  assert.equal(new Set(words.map(hashKey)).size, words.length);
});

test('weight table: set, overwrite, absent keys weigh 0, grows past its capacity', () => {
  const t = new WeightTable(2);
  for (let i = 0; i < 1000; i++) t.set(`f=${i}`, i / 10);
  t.set('f=3', -1.5);
  assert.equal(t.size, 1000);
  assert.equal(t.get('f=3'), -1.5);
  assert.equal(t.get(hashKeys`f=${999}`), 99.9);
  assert.equal(t.get('f=1000'), 0);
});

test('weight table: any pair of hashes (up to 2^53) is found again, and a key one apart is not', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0x1fffff })), { minLength: 1, maxLength: 200 }), (pairs) => {
      const keys = pairs.map(([hi, lo]) => hi * 0x200000 + lo);
      const t = new WeightTable(4);
      for (const [i, k] of keys.entries()) t.set(k, i + 1);
      const present = new Set(keys);
      return keys.every((k, i) => t.get(k) === i + 1 && (present.has(k + 1) || t.get(k + 1) === 0));
    }),
  );
});
