import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../analysis.js';
import { segment } from '../../document/segment.js';
import { loadWink } from '../../pipeline/segment-stage.js';
import { TECHNIQUES } from '../../schema/analysis.js';
import { loadLexicons } from '../lexicon.js';
import { buildRuleContext } from '../rule-kit.js';
import { RULES } from './index.js';

const nlp = loadWink();
const lex = loadLexicons(path.join(packageRoot(), 'data', 'lexicons', 'rhetoric'));
const contextOf = (text: string) => {
  const { tokens, sentences } = segment(text, nlp);
  return buildRuleContext(text, tokens, sentences, lex);
};

describe('rhetoric rule registry', () => {
  it('has one entry per rule file, keyed by the file name', () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    // Runs from src/ (.ts) and from dist/ (.js, beside .d.ts and .map files).
    const files = readdirSync(dir)
      .filter((f) => /^[a-z0-9-]+\.(ts|js)$/.test(f) && !/^index\./.test(f))
      .map((f) => f.replace(/\.(ts|js)$/, ''))
      .sort();
    assert.deepEqual(Object.keys(RULES).sort(), files);
    for (const [key, rule] of Object.entries(RULES)) assert.equal(rule.meta.id, key);
  });

  it('covers all 14 techniques', () => {
    assert.deepEqual([...new Set(Object.values(RULES).map((r) => r.meta.technique))].sort(), [...TECHNIQUES].sort());
  });

  for (const [id, rule] of Object.entries(RULES)) {
    describe(id, () => {
      it('has a description and examples of both kinds', () => {
        assert.ok(rule.meta.description.length > 20);
        assert.ok(rule.meta.examples.incorrect.length > 0);
        assert.ok(rule.meta.examples.correct.length > 0);
      });
      for (const example of rule.meta.examples.incorrect) {
        it(`reports: ${example}`, () => {
          const findings = rule.detect(contextOf(example));
          assert.ok(findings.length > 0, 'no finding');
          for (const f of findings) {
            assert.equal(f.technique, rule.meta.technique);
            assert.equal(f.ruleId, id);
            assert.equal(f.text, example.slice(f.start, f.end));
          }
        });
      }
      for (const example of rule.meta.examples.correct) {
        it(`does not report: ${example}`, () => {
          assert.deepEqual(
            rule.detect(contextOf(example)).map((f) => f.text),
            [],
          );
        });
      }
    });
  }
});

describe('rules on exact spans', () => {
  const text = 'Iran’s so-called “strategic depth” relies on puppet governments and proxy terrorist groups.';
  const ctx = contextOf(text);
  const spans = (id: string) => RULES[id].detect(ctx).map((f) => [f.start, f.end, f.text]);
  it('doubt covers so-called and its scare-quoted phrase', () => {
    assert.deepEqual(spans('doubt'), [[7, 34, 'so-called “strategic depth”']]);
  });
  it('name-calling extends labels over their nouns', () => {
    assert.deepEqual(spans('name-calling'), [
      [45, 63, 'puppet governments'],
      [68, 90, 'proxy terrorist groups'],
    ]);
  });
});
