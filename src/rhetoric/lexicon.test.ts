import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { packageRoot } from '../analysis.js';
import { segment } from '../document/segment.js';
import { compileLexicons, type LexiconSource, matchLexicons, stemKey, validateLexicons } from './lexicon.js';
import { testResources } from './test-support.js';

const src = (terms: string[], id = 'test-cues'): LexiconSource => ({ id, technique: 'Doubt', description: 'Cues written for this test.', terms });

describe('lexicon validation', () => {
  it('rejects duplicates after stemming, bad ids and unknown techniques', () => {
    assert.deepEqual(validateLexicons([src(['thug', 'thugs'])]), ['test-cues: duplicate term "thugs" (same as "thug")']);
    assert.deepEqual(validateLexicons([src(['a'], 'Bad_Id')]), ['Bad_Id: id must be kebab-case']);
    assert.deepEqual(validateLexicons([{ ...src(['a']), technique: 'Nope' as never }]), ['test-cues: unknown technique Nope']);
    assert.deepEqual(validateLexicons([src([' padded'])]), ['test-cues: bad term " padded"']);
  });
  it('refuses to compile a bad lexicon', () => {
    assert.throws(() => compileLexicons([src(['x', 'x'])]), /duplicate term/);
  });
  it('ships valid lexicons', () => {
    assert.ok(testResources().rhetoric.lexicons.sources.length >= 14);
  });
  it('reads every shipped lexicon as the yaml package would (it loads them with the faster js-yaml)', () => {
    const root = path.join(packageRoot(), 'data', 'lexicons');
    const files = readdirSync(path.join(root, 'rhetoric'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(root, 'rhetoric', f));
    files.push(path.join(root, 'tone', 'tone.yaml'));
    assert.ok(files.length > 15);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      assert.deepEqual(load(text), parse(text), f);
    }
  });
});

describe('lexicon matching', () => {
  const lex = compileLexicons([src(['so-called', 'thug', 'under the thumb', 'terror*'])]);
  const hits = (text: string) => {
    const { tokens } = segment(text, testResources().nlp);
    return matchLexicons(
      lex,
      tokens,
      tokens.map((t) => stemKey(t.lower)),
    ).map((h) => [text.slice(tokens[h.tokenStart].start, tokens[h.tokenEnd - 1].end), h.term]);
  };
  it('matches hyphenated terms however the tokenizer splits them, plurals and prefixes', () => {
    assert.deepEqual(hits('The so-called thugs live under the thumb of terrorists.'), [
      ['so-called', 'so-called'],
      ['thugs', 'thug'],
      ['under the thumb', 'under the thumb'],
      ['terrorists', 'terror*'],
    ]);
  });
  it('does not match across sentences or inside other words', () => {
    assert.deepEqual(hits('They were under the. Thumb of it. Thuggery.'), []);
  });
  it('stems plurals but not -ss/-us/-is words', () => {
    assert.deepEqual(['thugs', 'militias', 'press', 'status', 'analysis', 'iran’s'].map(stemKey), ['thug', 'militia', 'press', 'status', 'analysis', "iran's"]);
  });
});
