import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadWink } from '../pipeline/segment-stage.js';
import { seedText } from '../test-support/fixtures.js';
import { normalizeText } from './normalize.js';
import { segment, sentenceAt, tokenAt, type WinkLike } from './segment.js';

let nlp: WinkLike;
before(() => {
  nlp = loadWink();
});

const sentencesOf = (text: string) => segment(text, nlp).sentences.map((s) => text.slice(s.start, s.end));

describe('segment', () => {
  it('keeps abbreviations inside sentences', () => {
    const text = 'Gen. Esmail Qaani met U.S. envoys in Baghdad. The talks ended on Jan. 5 without a deal.';
    assert.deepEqual(sentencesOf(text), ['Gen. Esmail Qaani met U.S. envoys in Baghdad.', 'The talks ended on Jan. 5 without a deal.']);
  });
  it('keeps the closing curly quote with its sentence in a quote that runs over sentences', () => {
    const text = '“Last year, the protests were against corruption. They overthrew several governments,” they wrote.';
    assert.deepEqual(sentencesOf(text), ['“Last year, the protests were against corruption.', 'They overthrew several governments,” they wrote.']);
  });
  it('ends sentences at paragraph breaks and list items, and glues list markers to their item', () => {
    const text = 'Demands of the protesters\n\n1. End corruption\n2. Jobs for graduates\n- Early elections';
    assert.deepEqual(sentencesOf(text), ['Demands of the protesters', '1. End corruption', '2. Jobs for graduates', '- Early elections']);
  });
  it('glues a two-token marker ("A)") to its item, and a paragraph break ends even a lower-case item', () => {
    const text = 'Two demands\nA) End corruption\nB) Jobs for graduates\n\nc) later';
    assert.deepEqual(sentencesOf(text), ['Two demands', 'A) End corruption', 'B) Jobs for graduates', 'c) later']);
  });
  it('marks white space before a token, no-break space and tab included', () => {
    const text = 'Iran\u00a0and Iraq\tmet (today).';
    assert.deepEqual(
      segment(text, nlp).tokens.map((t) => [t.value, t.spaceBefore]),
      [
        ['Iran', false],
        ['and', true],
        ['Iraq', true],
        ['met', true],
        ['(', true],
        ['today', false],
        [')', false],
        ['.', false],
      ],
    );
  });
  it('does not split hard-wrapped prose at a line break', () => {
    const text = 'The militia leaders met in Karbala\nand agreed to a truce.';
    assert.deepEqual(sentencesOf(text), ['The militia leaders met in Karbala\nand agreed to a truce.']);
  });
  it('gives tokens exact offsets, splitting the possessive', () => {
    const text = 'Tehran’s ability to create a Shi’ite crescent';
    const { tokens } = segment(text, nlp);
    assert.deepEqual(
      tokens.slice(0, 3).map((t) => [t.start, t.end, t.value]),
      [
        [0, 6, 'Tehran'],
        [6, 8, '’s'],
        [9, 16, 'ability'],
      ],
    );
    assert.equal(tokens.find((t) => t.value.startsWith('Shi'))?.value, 'Shi’ite');
  });
  it('splits the possessive also where wink keeps it (before punctuation) and later in the same document', () => {
    const text = "It was Qasimov’s, not Zarif's. Qasimov’s men met Zarif's aide; it's over.";
    const values = segment(text, nlp).tokens.map((t) => `${t.value}/${t.pos}`);
    assert.deepEqual(values.slice(0, 10), [
      'It/PRON',
      'was/AUX',
      'Qasimov/PROPN',
      '’s/PART',
      ',/PUNCT',
      'not/PART',
      'Zarif/PROPN',
      "'s/PART",
      './PUNCT',
      'Qasimov/PROPN',
    ]);
    assert.deepEqual(values.slice(10, 14), ['’s/PART', 'men/NOUN', 'met/VERB', 'Zarif/PROPN']);
    assert.ok(values.includes("'s/AUX"), 'a pronoun contraction keeps its own tag');
  });
  it('splits the seed article into its 20 sentences', (t) => {
    const seed = seedText();
    if (!seed) return t.skip('no ../shared');
    const text = normalizeText(seed);
    const s = sentencesOf(text);
    assert.equal(s.length, 20);
    assert.ok(s[7].startsWith('“Last year,'));
    assert.ok(s[19].startsWith('Source »'));
  });
  it('covers every non-space character by exactly one token, in order, on arbitrary text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'Iran',
        'U.S.',
        'Gen.',
        '“',
        '”',
        '’s',
        ' ',
        '\n',
        '\n\n',
        '1.',
        '-',
        '😀',
        'ایران',
        'e\u0301',
        '\u202E',
        '…',
        '17',
        'al-Ameri',
        '.',
        '?',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = normalizeText(parts.join(''));
        const { tokens, sentences } = segment(text, nlp);
        let last = 0;
        for (const tok of tokens) {
          assert.ok(tok.start >= last && tok.end >= tok.start && tok.end <= text.length);
          assert.equal(tok.value, text.slice(tok.start, tok.end));
          last = tok.end;
        }
        let prevEnd = 0;
        for (const [i, s] of sentences.entries()) {
          assert.ok(s.start >= prevEnd && s.end <= text.length && s.tokenEnd > s.tokenStart);
          for (let k = s.tokenStart; k < s.tokenEnd; k++) assert.equal(tokens[k].sentence, i);
          assert.equal(sentenceAt(sentences, s.start), i);
          prevEnd = s.end;
        }
        for (const tok of tokens) assert.equal(tokens[tokenAt(tokens, tok.start)], tok);
      }),
      { numRuns: 300 },
    );
  });
});
