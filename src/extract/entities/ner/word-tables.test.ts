import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CLUSTER_CAP,
  CLUSTER_NEXT,
  CLUSTER_OWN,
  CLUSTER_PREV,
  ClusterFeatureTable,
  clusterFeatureIds,
  ShortStringTable,
  SLOT_LONG_SHAPE,
  SLOT_NEXT_LEFT,
  SLOT_NEXT_RIGHT,
  SLOT_PREV_LEFT,
  SLOT_PREV_RIGHT,
  SLOT_SHORT_SHAPE,
  SLOT_SHORT_SHAPE_OFFSET,
  SLOT_W,
  SLOT_W_OFFSET,
  StringFeatureTable,
} from './word-tables.js';

const NAMES = [
  'b',
  'w=iran',
  'w-1=iran',
  'w2=iran',
  'p2=ir',
  's3=ran',
  'p3=ira',
  'sh=Xxxx',
  'ss=Xx',
  'ss1=Xx',
  'w-1|w0=the|iran',
  'w0|w+1=a|b|c',
  'p2=abc',
  's1=😀',
];
const index = new Map(NAMES.map((n, i) => [n, i]));
const id = (name: string) => index.get(name) ?? -1;

test('a string row gives the id of every family the string takes part in', () => {
  const t = new StringFeatureTable(NAMES, id);
  const iran = t.row('iran');
  assert.equal(t.slot(iran, SLOT_W), id('w=iran'));
  assert.equal(t.slot(iran, SLOT_W_OFFSET + 1), id('w-1=iran'));
  assert.equal(t.slot(iran, SLOT_W_OFFSET + 3), id('w2=iran'));
  assert.equal(t.slot(iran, SLOT_W_OFFSET + 0), -1);
  assert.equal(t.slot(t.row('Xxxx'), SLOT_LONG_SHAPE), id('sh=Xxxx'));
  assert.equal(t.slot(t.row('Xx'), SLOT_SHORT_SHAPE), id('ss=Xx'));
  assert.equal(t.slot(t.row('Xx'), SLOT_SHORT_SHAPE_OFFSET + 2), id('ss1=Xx'));
  assert.equal(t.row('tehran'), -1);
  assert.equal(t.slot(-1, SLOT_W), -1);
});

test('prefixes and suffixes are found without cutting the word, and only at their own length', () => {
  const t = new StringFeatureTable(NAMES, id);
  assert.equal(t.prefixId('iran', 2), id('p2=ir'));
  assert.equal(t.prefixId('iran', 3), id('p3=ira'));
  assert.equal(t.suffixId('iran', 3), id('s3=ran'));
  assert.equal(t.suffixId('iran', 2), -1);
  // "p2=abc" has three characters after a length of 2: no word's prefix can ask for it.
  assert.equal(t.prefixId('abcd', 3), -1);
  assert.equal(t.prefixId('abcd', 2), -1);
});

test('bigram members get small ids, and a word holding "|" is registered at every split', () => {
  const t = new StringFeatureTable(NAMES, id);
  const the = t.slot(t.row('the'), SLOT_PREV_LEFT);
  const iran = t.slot(t.row('iran'), SLOT_PREV_RIGHT);
  assert.equal(t.prevPair(the, iran), id('w-1|w0=the|iran'));
  // "the" is a left member of the prev family only.
  assert.equal(t.slot(t.row('the'), SLOT_NEXT_LEFT), -1);
  // w0|w+1=a|b|c: ("a", "b|c") and ("a|b", "c").
  const a = t.slot(t.row('a'), SLOT_NEXT_LEFT);
  assert.equal(t.nextPair(a, t.slot(t.row('b|c'), SLOT_NEXT_RIGHT)), id('w0|w+1=a|b|c'));
  assert.equal(t.nextPair(t.slot(t.row('a|b'), SLOT_NEXT_LEFT), t.slot(t.row('c'), SLOT_NEXT_RIGHT)), id('w0|w+1=a|b|c'));
});

test('the short-string table tells lengths and high code units apart, and grows', () => {
  const t = new ShortStringTable(2);
  const keys = ['a', 'a\u0000', 'ab', '\uffff\u8000', '中文', 'abcd', 'abc\u0000', '\u0000'];
  for (const [i, k] of keys.entries()) t.set(k, i);
  for (let i = 0; i < 300; i++) t.set(`x${i.toString(36)}`, 100 + i);
  for (const [i, k] of keys.entries()) assert.equal(t.get(k, 0, k.length), i, JSON.stringify(k));
  assert.equal(t.get('xyzabcd', 3, 4), 5);
  assert.equal(t.get('x7', 0, 2), 107);
  assert.equal(t.get('abce', 0, 4), -1);
  assert.equal(t.get('b', 0, 1), -1);
  assert.throws(() => t.set('abcde', 1));
});

test('cluster feature ids come from the names the training path builds', () => {
  const names = ['c0=0110', 'c1=011010', 'c-1.2=0110101101', 'c1.3=0110101101110001', 'c1&cap=011010|1'];
  const ix = new Map(names.map((n, i) => [n, i]));
  const ids = clusterFeatureIds(['0110', '011010', '0110101101', '0110101101110001'], (n) => ix.get(n) ?? -1);
  assert.deepEqual([...ids.subarray(CLUSTER_OWN, CLUSTER_OWN + 4)], [0, 1, -1, -1]);
  assert.equal(ids[CLUSTER_CAP + 1], 4);
  assert.equal(ids[CLUSTER_CAP + 0], -1);
  assert.equal(ids[CLUSTER_PREV + 2], 2);
  assert.equal(ids[CLUSTER_NEXT + 3], 3);
});

test('the cluster table gives the ids the built names give, also when prefixes coincide', () => {
  const names = [
    'c0=0110',
    'c1=0110',
    'c3=0110',
    'c-1.2=0110',
    'c1.0=0110',
    'c1&cap=0110|3',
    'c1&cap=0110|7',
    'c1&cap=011010|1',
    'c2=0110101101',
    'cap=1',
    'c=none|2',
    'c1&cap=|3',
  ];
  const ix = new Map(names.map((n, i) => [n, i]));
  const index = (n: string) => ix.get(n) ?? -1;
  const table = new ClusterFeatureTable(names, index);
  for (const prefixes of [
    ['0110', '0110', '0110', '0110'],
    ['0110', '011010', '0110101101', '0110101101110001'],
    ['1111', '111100', '1111000000', '1111000000000000'],
  ]) {
    assert.deepEqual(table.idsOf(prefixes), clusterFeatureIds(prefixes, index), prefixes.join());
  }
  assert.equal(table.idsOf(['0110', '0110', '0110', '0110'])[CLUSTER_CAP + 7], 6);
});
